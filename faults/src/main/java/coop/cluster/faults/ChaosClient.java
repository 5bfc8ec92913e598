package coop.cluster.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The chaos run's client, as a careful real client behaves: one access token per user, fetched
 * again when the gateway answers 401 (it expired, or the issuer restarted); a request that fails
 * for a reason that passes (no connection, no answer in time, 429, 502, 503, 504) is sent again,
 * with the same idempotency key, after the {@code Retry-After} the answer gives (capped) or a
 * growing pause, until it is answered or its time is up.
 */
final class ChaosClient {

    /** The final answer to one operation; {@code attempts} &gt; 1 if it was sent again. */
    record Answer(int status, String body, HttpResponse<String> raw, int attempts) {

        Optional<String> header(String name) {
            return raw == null ? Optional.empty() : raw.headers().firstValue(name);
        }
    }

    /** An operation that got no final answer within its time (every attempt failed in passing). */
    static final int UNANSWERED = -1;

    private final URI gateway;
    private final Function<String, String> tokens;
    private final Duration patience;
    private final HttpClient http =
            HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(3))
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();
    private final Map<String, String> tokenByUser = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> retriedStatuses = new ConcurrentHashMap<>();
    private final AtomicInteger transportErrors = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();

    /**
     * @param tokens user name to a fresh access token
     * @param patience how long one operation may be retried before it counts as unanswered
     */
    ChaosClient(URI gateway, Function<String, String> tokens, Duration patience) {
        this.gateway = gateway;
        this.tokens = tokens;
        this.patience = patience;
    }

    /**
     * Sends until a final answer (any status but the passing failures) or until the patience is
     * spent.
     */
    Answer send(String user, String method, String path, String body, String idempotencyKey)
            throws InterruptedException {
        long giveUpAt = System.nanoTime() + patience.toNanos();
        long pauseMillis = 200;
        int attempt = 0;
        while (true) {
            attempt++;
            attempts.incrementAndGet();
            Duration wait;
            try {
                String token = token(user);
                HttpRequest.Builder request =
                        HttpRequest.newBuilder(gateway.resolve(path))
                                .timeout(Duration.ofSeconds(20))
                                .header("Authorization", "Bearer " + token)
                                .header("Accept-Language", "en")
                                .method(
                                        method,
                                        body == null
                                                ? HttpRequest.BodyPublishers.noBody()
                                                : HttpRequest.BodyPublishers.ofString(
                                                        body, StandardCharsets.UTF_8));
                if (body != null) {
                    request.header("Content-Type", "application/json");
                }
                if (idempotencyKey != null) {
                    request.header("Idempotency-Key", idempotencyKey);
                }
                HttpResponse<String> answer =
                        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                int status = answer.statusCode();
                if (status == 401) {
                    tokenByUser.remove(user, token);
                    wait = Duration.ofMillis(100);
                } else if (status == 429 || status == 502 || status == 503 || status == 504) {
                    wait =
                            answer.headers()
                                    .firstValue("Retry-After")
                                    .map(ChaosClient::seconds)
                                    .map(
                                            s ->
                                                    Duration.ofMillis(
                                                            Math.min(
                                                                    2_000,
                                                                    Math.max(100, s * 1000))))
                                    .orElse(Duration.ofMillis(pauseMillis));
                } else {
                    return new Answer(status, answer.body(), answer, attempt);
                }
                retriedStatuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
            } catch (IOException | RuntimeException e) {
                // no connection (the gateway or the issuer is down), no answer in time, a token
                // that cannot be had
                transportErrors.incrementAndGet();
                wait = Duration.ofMillis(pauseMillis);
            }
            if (System.nanoTime() + wait.toNanos() > giveUpAt) {
                return new Answer(UNANSWERED, "", null, attempt);
            }
            Thread.sleep(wait);
            pauseMillis = Math.min(2_000, pauseMillis * 2);
        }
    }

    /** A single GET, retried like {@link #send}. */
    Answer get(String user, String path) throws InterruptedException {
        return send(user, "GET", path, null, null);
    }

    private String token(String user) {
        return tokenByUser.computeIfAbsent(user, tokens);
    }

    Map<Integer, Integer> retriedStatuses() {
        Map<Integer, Integer> counts = new TreeMap<>();
        retriedStatuses.forEach((status, count) -> counts.put(status, count.get()));
        return counts;
    }

    int transportErrors() {
        return transportErrors.get();
    }

    int attempts() {
        return attempts.get();
    }

    private static long seconds(String retryAfter) {
        try {
            return Math.max(0, Long.parseLong(retryAfter.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
