package coop.cluster.infra.testing;

import coop.cluster.infra.mail.Json;
import coop.cluster.infra.mail.MailLinks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what the development mail catcher ({@code coop.cluster.infra.mail.MailServerMain}) caught,
 * over its HTTP API: the one {@code ./platform run} starts (http://127.0.0.1:8025) or the one
 * {@link EmbeddedInfra#mailBox()} starts for a test.
 *
 * <pre>
 * MailBox.Message invitation = mailBox.awaitMessageTo("amina@example.org", Duration.ofSeconds(10));
 * assertThat(invitation.subject()).isEqualTo("Invitation à rejoindre le cluster");
 * String link = MailBox.firstLink(invitation).orElseThrow();
 * </pre>
 *
 * The catcher keeps every message of the JVM's (or the platform's) life: give each test its own
 * addresses, or {@link #purge()} first.
 */
public final class MailBox {

    /**
     * One caught message, decoded.
     *
     * @param to whom it was delivered to (the SMTP envelope: To, Cc and Bcc), lower case
     * @param text the text/plain body, or null
     * @param html the text/html body, or null
     * @param headers every header, decoded (a header given several times has its values joined by a
     *     newline)
     */
    public record Message(
            long id,
            String from,
            List<String> to,
            String subject,
            Instant receivedAt,
            String text,
            String html,
            Map<String, String> headers) {

        public Message {
            to = List.copyOf(to);
            headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        }
    }

    private static final Duration POLL = Duration.ofMillis(100);

    private final URI api;
    private final HttpClient http =
            HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(2))
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();

    /**
     * @param api the API's base URL, e.g. {@code http://127.0.0.1:8025}
     */
    public MailBox(URI api) {
        String base = api.toString();
        this.api = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    }

    public URI api() {
        return api;
    }

    /** Every message caught, oldest first. */
    public List<Message> messages() {
        return parse(get("/messages"));
    }

    /** The messages delivered to {@code address} (whatever its case), oldest first. */
    public List<Message> messagesTo(String address) {
        return parse(
                get("/messages?to=" + URLEncoder.encode(address.strip(), StandardCharsets.UTF_8)));
    }

    /**
     * The newest message to {@code address}, waiting for one to arrive if there is none yet.
     *
     * @throws AssertionError if none arrives within {@code timeout}
     */
    public Message awaitMessageTo(String address, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Message> messages = messagesTo(address);
            if (!messages.isEmpty()) {
                return messages.getLast();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(
                        "no message to "
                                + address
                                + " within "
                                + timeout.toMillis()
                                + " ms; the mail"
                                + " catcher at "
                                + api
                                + " holds "
                                + describe(messages()));
            }
            sleep();
        }
    }

    /** The message's RFC 822 source, as received. */
    public String raw(long id) {
        return get("/messages/" + id + "/raw");
    }

    /** Forgets every message caught so far. */
    public void purge() {
        send(HttpRequest.newBuilder(URI.create(api + "/messages")).DELETE());
    }

    /** The first http(s) link a reader meets: in the text body, else in the HTML body. */
    public static Optional<String> firstLink(Message message) {
        return MailLinks.of(message.text(), message.html()).stream().findFirst();
    }

    /** Every http(s) link of the message, text body first, without repeats. */
    public static List<String> links(Message message) {
        return MailLinks.of(message.text(), message.html());
    }

    private String get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(api + pathAndQuery)).GET());
    }

    private String send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    http.send(
                            request.timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "the mail catcher answered "
                                + response.statusCode()
                                + " to "
                                + response.request().method()
                                + " "
                                + response.uri()
                                + ": "
                                + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("the mail catcher at " + api + " does not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the mail catcher", e);
        }
    }

    static List<Message> parse(String json) {
        Object value = Json.parse(json);
        if (!(value instanceof List<?> list)) {
            throw new IllegalStateException(
                    "the mail catcher answered something else than a list: " + json);
        }
        return list.stream().map(m -> message((Map<?, ?>) m)).toList();
    }

    private static Message message(Map<?, ?> json) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (json.get("headers") instanceof Map<?, ?> map) {
            map.forEach(
                    (k, v) -> headers.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        }
        List<String> to =
                json.get("to") instanceof List<?> list
                        ? list.stream().map(String::valueOf).toList()
                        : List.of();
        return new Message(
                ((Number) json.get("id")).longValue(),
                (String) json.get("from"),
                to,
                (String) json.get("subject"),
                Instant.parse((String) json.get("receivedAt")),
                (String) json.get("text"),
                (String) json.get("html"),
                headers);
    }

    private static String describe(List<Message> messages) {
        if (messages.isEmpty()) {
            return "no message at all";
        }
        StringBuilder sb = new StringBuilder(messages.size() + " message(s), to:");
        messages.stream()
                .flatMap(m -> m.to().stream())
                .distinct()
                .limit(20)
                .forEach(a -> sb.append(' ').append(a));
        return sb.toString();
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a message", e);
        }
    }

    @Override
    public String toString() {
        return "MailBox[" + api + "]";
    }
}
