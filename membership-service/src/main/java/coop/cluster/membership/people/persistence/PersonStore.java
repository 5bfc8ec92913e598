package coop.cluster.membership.people.persistence;

import coop.cluster.membership.people.domain.Person;
import java.time.Clock;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * The view {@code organisation_people} in the store: one document per person (id: their {@code
 * sub}), written only on the version it was read with, so that two writers of one person never both
 * win. No events: the view is membership's own, not announced.
 */
@Repository
public class PersonStore {

    /**
     * A person as stored, with the version of their document; {@code version} is null for no
     * document.
     */
    public record Stored(Optional<Person> person, Long version) {}

    private final MongoTemplate mongo;
    private final Clock clock;

    PersonStore(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** The person {@code personId} as stored, or none, with the version to write them back on. */
    public Stored read(String personId) {
        PersonDocument stored = mongo.findById(personId, PersonDocument.class);
        return stored == null
                ? new Stored(Optional.empty(), null)
                : new Stored(Optional.of(toDomain(stored)), stored.version());
    }

    public Optional<Person> find(String personId) {
        return read(personId).person();
    }

    /**
     * Writes {@code person} over what {@link #read} found: inserted when there was no document
     * ({@code version} null), else replaced if the stored version is still {@code version}.
     *
     * @throws DuplicateKeyException if another writer inserted the person first
     * @throws OptimisticLockingFailureException if another writer changed the person since it was
     *     read
     */
    public void write(Person person, Long version) {
        if (version == null) {
            mongo.insert(toDocument(person, null));
        } else {
            mongo.save(toDocument(person, version));
        }
    }

    /** Whether the person {@code subject} belongs to the member {@code memberId} now. */
    public boolean isPersonOf(String memberId, String subject) {
        return subject != null
                && mongo.exists(
                        Query.query(Criteria.where("_id").is(subject).and("memberId").is(memberId)),
                        PersonDocument.class);
    }

    private PersonDocument toDocument(Person person, Long version) {
        return new PersonDocument(
                person.personId(),
                person.memberId(),
                person.roles(),
                person.staffRoles(),
                person.email(),
                person.displayName(),
                person.language(),
                person.formerMemberId(),
                person.leftReason(),
                person.order(),
                clock.instant(),
                version);
    }

    private static Person toDomain(PersonDocument doc) {
        return new Person(
                doc.id(),
                doc.memberId(),
                doc.roles(),
                doc.staffRoles(),
                doc.email(),
                doc.displayName(),
                doc.language(),
                doc.formerMemberId(),
                doc.leftReason(),
                doc.order());
    }
}
