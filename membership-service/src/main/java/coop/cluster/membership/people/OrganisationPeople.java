package coop.cluster.membership.people;

import coop.cluster.membership.member.MemberPeople;
import coop.cluster.membership.member.domain.MemberId;
import coop.cluster.membership.people.domain.Person;
import coop.cluster.membership.people.domain.PersonChange;
import coop.cluster.membership.people.persistence.PersonStore;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

/**
 * The view {@code organisation_people}: who belongs to which member, as the identity service
 * announces it. One document per person ({@link PersonStore}); a change is applied only if it is
 * later than the last one applied ({@link Person#apply}), by a write conditional on the document's
 * version, so replays, duplicates and events out of order change nothing and no transaction is
 * needed.
 */
@Component
public class OrganisationPeople implements MemberPeople {

    /**
     * What applying a change did: applied, or ignored as not later than the last one (older, or a
     * replay).
     */
    public enum Outcome {
        APPLIED,
        IGNORED
    }

    private static final int ATTEMPTS = 5;

    private final PersonStore store;

    OrganisationPeople(PersonStore store) {
        this.store = store;
    }

    /**
     * Applies {@code change} if it is the latest about its person; decided again on a fresh read if
     * raced.
     */
    public Outcome apply(PersonChange change) {
        for (int attempt = 1; ; attempt++) {
            PersonStore.Stored stored = store.read(change.personId());
            Optional<Person> next = Person.apply(stored.person().orElse(null), change);
            if (next.isEmpty()) {
                return Outcome.IGNORED;
            }
            try {
                store.write(next.get(), stored.version());
                return Outcome.APPLIED;
            } catch (DuplicateKeyException | OptimisticLockingFailureException raced) {
                if (attempt == ATTEMPTS) {
                    throw raced;
                }
            }
        }
    }

    public Optional<Person> find(String personId) {
        return store.find(personId);
    }

    @Override
    public boolean isPersonOf(MemberId member, String subject) {
        return store.isPersonOf(member.value(), subject);
    }
}
