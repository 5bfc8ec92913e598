package coop.cluster.membership.testing;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.testing.events.TopicEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** The HTTP test client, plus the events of the embedded broker. */
public final class Api extends coop.cluster.testing.http.Api {

    private final int port;

    public Api(int port) {
        super(port);
        this.port = port;
    }

    /**
     * A request whose answer is asked for in {@code language} ({@code Accept-Language}), for the checks of the
     * French problems: the shared client always asks for English, and a second {@code Accept-Language} would not
     * outrank it. Remove once the shared client takes a language.
     */
    public Answer sendIn(String language, String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept-Language", language)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static TopicEvents broker() {
        return new TopicEvents(EmbeddedInfra.shared().bootstrapServers());
    }

    /** Publishes a CloudEvent in binary mode, as another service's relay would. */
    public static void publish(String topic, String key, String eventId, String type, String json) {
        broker().publish(topic, key, eventId, type, json);
    }

    /** The same, the event having happened at {@code time} (its {@code ce_time}). */
    public static void publish(String topic, String key, String eventId, String type, String json,
                               java.time.Instant time) {
        broker().publish(topic, key, eventId, type, json, time);
    }

    /** The CloudEvents types published on {@code topic} under {@code key}, waiting until there are {@code count}. */
    public static List<String> eventTypes(String topic, String key, int count) {
        return events(topic, key, count).stream().map(TopicEvents.Event::type).toList();
    }

    /** The events published on {@code topic} under {@code key}, waiting until there are {@code count}. */
    public static List<TopicEvents.Event> events(String topic, String key, int count) {
        return broker().read(topic, key, count, Duration.ofSeconds(30));
    }
}
