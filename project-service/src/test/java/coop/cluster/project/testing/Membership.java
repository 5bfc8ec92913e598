package coop.cluster.project.testing;

import static org.awaitility.Awaitility.await;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.project.member.Members;
import coop.cluster.testing.events.TopicEvents;
import coop.cluster.testing.security.TestIssuer;
import java.time.Duration;
import java.util.UUID;

/**
 * Plays membership-service in project-service's ITs: announces members on the real broker, signs
 * their users.
 */
public final class Membership {

    private static final TopicEvents BROKER =
            new TopicEvents(EmbeddedInfra.shared().bootstrapServers());

    private Membership() {}

    public static TopicEvents broker() {
        return BROKER;
    }

    /**
     * Publishes {@code cluster.membership.member.<change>.v1} for {@code memberId} with {@code
     * json} as data.
     */
    public static void announce(String memberId, String change, String json) {
        BROKER.publish(
                "membership.members",
                memberId,
                UUID.randomUUID().toString(),
                "cluster.membership.member." + change + ".v1",
                json);
    }

    /** A new member admitted with {@code profileJson}, once the view knows it as active. */
    public static String admitted(Members view, String profileJson) {
        String id = UUID.randomUUID().toString();
        announce(
                id,
                "admitted",
                "{\"memberId\":\"%s\",\"status\":\"ACTIVE\",\"profile\":%s}"
                        .formatted(id, profileJson));
        await().atMost(Duration.ofSeconds(30)).until(() -> view.isActive(id));
        return id;
    }

    /** A new member admitted with a minimal profile, once the view knows it as active. */
    public static String admitted(Members view) {
        return admitted(
                view,
                "{\"legalName\":\"Org %s\",\"country\":\"FR\"}"
                        .formatted(UUID.randomUUID().toString().substring(0, 6)));
    }

    /** A member user's token for {@code member}. */
    public static String token(String member) {
        return TestIssuer.shared()
                .token("user-" + member.substring(0, 8))
                .roles("member")
                .memberId(member)
                .sign();
    }
}
