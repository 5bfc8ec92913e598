package coop.cluster.membership.testing;

import coop.cluster.membership.member.domain.MemberId;
import coop.cluster.membership.people.OrganisationPeople;
import coop.cluster.membership.people.domain.PersonChange;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Puts people into membership's view of the identity service's people directly, as its
 * "joined-organisation" event would: a delegate must be one of the member's people. {@code
 * OrganisationPeopleIT} goes through the broker.
 */
public final class People {

    private People() {}

    /** Each subject becomes one of {@code member}'s people (leaving any other member). */
    public static void join(OrganisationPeople people, MemberId member, String... subjects) {
        join(people, member.value(), subjects);
    }

    public static void join(OrganisationPeople people, String member, String... subjects) {
        for (String subject : subjects) {
            people.apply(
                    new PersonChange(
                            PersonChange.Kind.JOINED,
                            subject,
                            member,
                            List.of("member"),
                            null,
                            subject + "@people.example",
                            subject,
                            "en",
                            null,
                            Instant.now(),
                            UUID.randomUUID().toString()));
        }
    }
}
