package coop.cluster.auth.people.persistence;

import coop.cluster.auth.people.domain.Email;
import coop.cluster.auth.people.domain.Language;
import coop.cluster.auth.people.domain.OrganisationRole;
import coop.cluster.auth.people.domain.Person;
import coop.cluster.auth.people.domain.PersonStatus;
import coop.cluster.auth.people.domain.StaffRole;
import coop.cluster.plumbing.events.PendingEvent;
import coop.cluster.plumbing.outbox.OutboxWriter;
import coop.cluster.plumbing.outbox.VersionedDocuments;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/** People in the store; every change goes out with its events in the same single-document write. */
@Repository
public class PersonStore {

    private final VersionedDocuments<Person, PersonDocument> people;

    PersonStore(MongoTemplate mongo, OutboxWriter outbox) {
        this.people =
                VersionedDocuments.of(
                        mongo,
                        outbox,
                        PersonDocument.class,
                        PersonStore::toDocument,
                        PersonStore::toDomain);
    }

    /**
     * @throws org.springframework.dao.DuplicateKeyException if the id or the email is taken
     */
    public Person add(Person person, List<PendingEvent> events) {
        return people.insert(person, events);
    }

    /**
     * @throws org.springframework.dao.OptimisticLockingFailureException if someone changed the
     *     person meanwhile
     */
    public Person update(Person person, List<PendingEvent> events) {
        return people.update(person, events);
    }

    public Optional<Person> find(String id) {
        return people.find(id);
    }

    public Optional<Person> findByEmail(Email email) {
        return people.findOne(Query.query(Criteria.where("email").is(email.value())));
    }

    /** The people of {@code memberId} (everyone when null), by email. */
    public Page<Person> list(String memberId, Pageable page) {
        Query query =
                memberId == null
                        ? new Query()
                        : Query.query(Criteria.where("memberId").is(memberId));
        return people.page(query, page, Sort.by("email"));
    }

    /** Every person of {@code memberId}: the organisation's departures act on each. */
    public List<Person> peopleOf(String memberId) {
        return people.list(Query.query(Criteria.where("memberId").is(memberId)));
    }

    public boolean anyoneWith(StaffRole role) {
        return people.exists(Query.query(Criteria.where("staffRoles").is(role.name())));
    }

    private static PersonDocument toDocument(Person p) {
        return new PersonDocument(
                p.id(),
                p.email().value(),
                p.passwordHash(),
                p.displayName(),
                p.language().name(),
                p.memberId(),
                p.roles().stream().map(Enum::name).toList(),
                p.staffRoles().stream().map(Enum::name).toList(),
                p.status().name(),
                p.createdAt(),
                p.version());
    }

    private static Person toDomain(PersonDocument d) {
        return new Person(
                d.id(),
                new Email(d.email()),
                d.passwordHash(),
                d.displayName(),
                Language.valueOf(d.language()),
                d.memberId(),
                roles(d.roles(), OrganisationRole.class),
                roles(d.staffRoles(), StaffRole.class),
                PersonStatus.valueOf(d.status()),
                d.createdAt(),
                d.version());
    }

    static <E extends Enum<E>> Set<E> roles(List<String> names, Class<E> type) {
        Set<E> roles = EnumSet.noneOf(type);
        if (names != null) {
            names.forEach(name -> roles.add(Enum.valueOf(type, name)));
        }
        return roles;
    }
}
