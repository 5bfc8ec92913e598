package coop.cluster.membership.people;

import coop.cluster.membership.member.MemberPeople;
import coop.cluster.membership.member.domain.MemberId;
import coop.cluster.membership.people.domain.Person;
import coop.cluster.membership.people.domain.PersonChange;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The view {@code organisation_people}: who belongs to which member, as the identity service announces it. One
 * document per person; a change is applied only if it is later than the last one applied ({@link Person#apply}), by
 * a write conditional on the document's version, so replays, duplicates and events out of order change nothing and
 * no transaction is needed.
 */
@Component
public class OrganisationPeople implements MemberPeople {

    /** What one person's document holds; {@code order} is the order of the latest change applied. */
    @Document("organisation_people")
    record PersonDocument(@Id String id, @Indexed String memberId, List<String> roles, List<String> staffRoles,
                          String email, String displayName, String language, String formerMemberId,
                          String leftReason, String order, Instant updatedAt, @Version Long version) {
    }

    /** What applying a change did: applied, or ignored as not later than the last one (older, or a replay). */
    public enum Outcome { APPLIED, IGNORED }

    private static final int ATTEMPTS = 5;

    private final MongoTemplate mongo;
    private final Clock clock;

    OrganisationPeople(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Applies {@code change} if it is the latest about its person. */
    public Outcome apply(PersonChange change) {
        for (int attempt = 1; ; attempt++) {
            PersonDocument stored = mongo.findById(change.personId(), PersonDocument.class);
            Optional<Person> next = Person.apply(stored == null ? null : toDomain(stored), change);
            if (next.isEmpty()) {
                return Outcome.IGNORED;
            }
            try {
                if (stored == null) {
                    mongo.insert(toDocument(next.get(), null));
                } else {
                    mongo.save(toDocument(next.get(), stored.version()));
                }
                return Outcome.APPLIED;
            } catch (DuplicateKeyException | OptimisticLockingFailureException raced) {
                if (attempt == ATTEMPTS) {
                    throw raced;
                }
            }
        }
    }

    public Optional<Person> find(String personId) {
        return Optional.ofNullable(mongo.findById(personId, PersonDocument.class)).map(OrganisationPeople::toDomain);
    }

    @Override
    public boolean isPersonOf(MemberId member, String subject) {
        return subject != null && mongo.exists(Query.query(Criteria.where("_id").is(subject)
                .and("memberId").is(member.value())), PersonDocument.class);
    }

    private PersonDocument toDocument(Person person, Long version) {
        return new PersonDocument(person.personId(), person.memberId(), person.roles(), person.staffRoles(),
                person.email(), person.displayName(), person.language(), person.formerMemberId(),
                person.leftReason(), person.order(), clock.instant(), version);
    }

    private static Person toDomain(PersonDocument doc) {
        return new Person(doc.id(), doc.memberId(), doc.roles(), doc.staffRoles(), doc.email(), doc.displayName(),
                doc.language(), doc.formerMemberId(), doc.leftReason(), doc.order());
    }
}
