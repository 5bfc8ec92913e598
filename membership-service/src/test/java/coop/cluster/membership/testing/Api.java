package coop.cluster.membership.testing;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.testing.events.TopicEvents;
import java.time.Duration;
import java.util.List;

/** The HTTP test client, plus the events of the embedded broker. */
public final class Api extends coop.cluster.testing.http.Api {

    public Api(int port) {
        super(port);
    }

    /** A request whose answer is asked for in {@code language} ({@code Accept-Language}). */
    public Answer sendIn(String language, String method, String path, String token, String body) {
        return sendWith(method, path, token, body, java.util.Map.of("Accept-Language", language));
    }

    private static TopicEvents broker() {
        return new TopicEvents(EmbeddedInfra.shared().bootstrapServers());
    }

    /** Publishes a CloudEvent in binary mode, as another service's relay would. */
    public static void publish(String topic, String key, String eventId, String type, String json) {
        broker().publish(topic, key, eventId, type, json);
    }

    /** The same, the event having happened at {@code time} (its {@code ce_time}). */
    public static void publish(
            String topic,
            String key,
            String eventId,
            String type,
            String json,
            java.time.Instant time) {
        broker().publish(topic, key, eventId, type, json, time);
    }

    /**
     * The CloudEvents types published on {@code topic} under {@code key}, waiting until there are
     * {@code count}.
     */
    public static List<String> eventTypes(String topic, String key, int count) {
        return events(topic, key, count).stream().map(TopicEvents.Event::type).toList();
    }

    /**
     * The events published on {@code topic} under {@code key}, waiting until there are {@code
     * count}.
     */
    public static List<TopicEvents.Event> events(String topic, String key, int count) {
        return broker().read(topic, key, count, Duration.ofSeconds(30));
    }
}
