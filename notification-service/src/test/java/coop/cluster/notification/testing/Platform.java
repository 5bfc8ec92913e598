package coop.cluster.notification.testing;

import static org.awaitility.Awaitility.await;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.notification.audience.Audience;
import coop.cluster.notification.audience.Person;
import coop.cluster.testing.events.TopicEvents;
import coop.cluster.testing.security.TestIssuer;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/**
 * Plays the other services in the ITs: announces organisations (membership), people (identity), and
 * whatever else on the real broker, as their relays would; signs the people's tokens.
 */
public final class Platform {

    private final TopicEvents broker = new TopicEvents(EmbeddedInfra.shared().bootstrapServers());
    private final Audience audience;

    public Platform(Audience audience) {
        this.audience = audience;
    }

    /** Publishes an event with a new id. @return the event id */
    public String publish(String topic, String key, String type, String json) {
        String id = UUID.randomUUID().toString();
        broker.publish(topic, key, id, type, json);
        return id;
    }

    /** Publishes an event with the given id: a redelivery when the id was published before. */
    public void publish(String topic, String key, String eventId, String type, String json) {
        broker.publish(topic, key, eventId, type, json);
    }

    /** An admitted member organisation, once the view knows its name. */
    public String organisation(String legalName) {
        String id = UUID.randomUUID().toString();
        publish(
                "membership.members",
                id,
                "cluster.membership.member.admitted.v1",
                "{\"memberId\":\"%s\",\"profile\":{\"legalName\":\"%s\",\"country\":\"FR\"}}"
                        .formatted(id, legalName));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> audience.organisationName(id).isPresent());
        return id;
    }

    /**
     * A person registered and joined to {@code memberId} with {@code roles}, once the view knows
     * them there.
     */
    public Person person(String memberId, String language, String... roles) {
        String id = "it-" + UUID.randomUUID().toString().substring(0, 13);
        String email = id + "@example.org";
        String name = "Person " + id.substring(3, 9);
        publish(
                "identity.people",
                id,
                "cluster.identity.person.registered.v1",
                "{\"personId\":\"%s\",\"email\":\"%s\",\"displayName\":\"%s\",\"language\":\"%s\",\"via\":\"invitation\"}"
                        .formatted(id, email, name, language));
        publish(
                "identity.people",
                id,
                "cluster.identity.person.joined-organisation.v1",
                ("{\"personId\":\"%s\",\"memberId\":\"%s\",\"roles\":[%s],\"email\":\"%s\",\"displayName\":\"%s\","
                     + "\"language\":\"%s\"}")
                        .formatted(id, memberId, quoted(roles), email, name, language));
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                audience.person(id)
                                        .filter(p -> memberId.equals(p.memberId()))
                                        .isPresent());
        return new Person(id, email, name, language, memberId, Set.of(roles), Set.of());
    }

    public static String token(Person person) {
        return TestIssuer.shared()
                .token(person.id())
                .roles("member")
                .memberId(person.memberId())
                .sign();
    }

    private static String quoted(String... values) {
        StringBuilder out = new StringBuilder();
        for (String v : values) {
            out.append(out.isEmpty() ? "" : ",").append('"').append(v).append('"');
        }
        return out.toString();
    }
}
