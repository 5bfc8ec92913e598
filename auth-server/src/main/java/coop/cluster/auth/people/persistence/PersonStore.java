package coop.cluster.auth.people.persistence;

import coop.cluster.auth.people.domain.Email;
import coop.cluster.auth.people.domain.Language;
import coop.cluster.auth.people.domain.OrganisationRole;
import coop.cluster.auth.people.domain.Person;
import coop.cluster.auth.people.domain.PersonStatus;
import coop.cluster.auth.people.domain.StaffRole;
import coop.cluster.plumbing.events.PendingEvent;
import coop.cluster.plumbing.outbox.OutboxWriter;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/** People in the store; every change goes out with its events in the same single-document write. */
@Repository
public class PersonStore {

    private final MongoTemplate mongo;
    private final OutboxWriter outbox;

    PersonStore(MongoTemplate mongo, OutboxWriter outbox) {
        this.mongo = mongo;
        this.outbox = outbox;
    }

    /** @throws org.springframework.dao.DuplicateKeyException if the id or the email is taken */
    public Person add(Person person, List<PendingEvent> events) {
        return toDomain(outbox.insert(toDocument(person), events));
    }

    /** @throws org.springframework.dao.OptimisticLockingFailureException if someone changed the person meanwhile */
    public Person update(Person person, List<PendingEvent> events) {
        return toDomain(outbox.update(toDocument(person), events));
    }

    public Optional<Person> find(String id) {
        return Optional.ofNullable(mongo.findById(id, PersonDocument.class)).map(PersonStore::toDomain);
    }

    public Optional<Person> findByEmail(Email email) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("email").is(email.value())),
                PersonDocument.class)).map(PersonStore::toDomain);
    }

    /** The people of {@code memberId} (everyone when null), by email. */
    public Page<Person> list(String memberId, Pageable page) {
        Query query = memberId == null ? new Query() : Query.query(Criteria.where("memberId").is(memberId));
        long total = mongo.count(query, PersonDocument.class);
        List<Person> content = mongo.find(query.with(page).with(Sort.by("email")), PersonDocument.class).stream()
                .map(PersonStore::toDomain).toList();
        return new PageImpl<>(content, page, total);
    }

    /** Every person of {@code memberId}: the organisation's departures act on each. */
    public List<Person> peopleOf(String memberId) {
        return mongo.find(Query.query(Criteria.where("memberId").is(memberId)), PersonDocument.class).stream()
                .map(PersonStore::toDomain).toList();
    }

    public boolean anyoneWith(StaffRole role) {
        return mongo.exists(Query.query(Criteria.where("staffRoles").is(role.name())), PersonDocument.class);
    }

    private static PersonDocument toDocument(Person p) {
        return new PersonDocument(p.id(), p.email().value(), p.passwordHash(), p.displayName(), p.language().name(),
                p.memberId(), p.roles().stream().map(Enum::name).toList(),
                p.staffRoles().stream().map(Enum::name).toList(), p.status().name(), p.createdAt(), p.version());
    }

    private static Person toDomain(PersonDocument d) {
        return new Person(d.id(), new Email(d.email()), d.passwordHash(), d.displayName(), Language.valueOf(d.language()),
                d.memberId(), roles(d.roles(), OrganisationRole.class), roles(d.staffRoles(), StaffRole.class),
                PersonStatus.valueOf(d.status()), d.createdAt(), d.version());
    }

    static <E extends Enum<E>> Set<E> roles(List<String> names, Class<E> type) {
        Set<E> roles = EnumSet.noneOf(type);
        if (names != null) {
            names.forEach(name -> roles.add(Enum.valueOf(type, name)));
        }
        return roles;
    }
}
