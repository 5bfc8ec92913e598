package coop.cluster.notification.testing;

import coop.cluster.notification.audience.Person;
import java.util.Set;
import java.util.UUID;

/**
 * Builds the people of the tests: a member's contact, a delegate, finance staff, in French or
 * English.
 */
public final class People {

    private People() {}

    public static Person contact(String memberId, String language) {
        String id = "p-" + UUID.randomUUID().toString().substring(0, 8);
        return new Person(
                id,
                id + "@example.org",
                "Person " + id,
                language,
                memberId,
                Set.of("member"),
                Set.of());
    }

    public static Person delegate(String memberId, String language) {
        String id = "d-" + UUID.randomUUID().toString().substring(0, 8);
        return new Person(
                id,
                id + "@example.org",
                "Delegate " + id,
                language,
                memberId,
                Set.of("member", "delegate"),
                Set.of());
    }

    public static Person staff(String language, String... staffRoles) {
        String id = "s-" + UUID.randomUUID().toString().substring(0, 8);
        return new Person(
                id,
                id + "@example.org",
                "Staff " + id,
                language,
                null,
                Set.of(),
                Set.of(staffRoles));
    }
}
