package coop.cluster.plumbing.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Calls a service under test and times each answer; a call not answered within 30 s fails the test.
 */
final class OutageHttp {

    record Answer(
            int status,
            String retryAfter,
            String contentType,
            String body,
            Duration took,
            String correlationId) {}

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    OutageHttp(int port) {
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    Answer createWidget(String name) {
        return send(
                HttpRequest.newBuilder(base.resolve("/api/widgets"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")));
    }

    private Answer send(HttpRequest.Builder request) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response =
                    http.send(
                            request.timeout(Duration.ofSeconds(30)).build(),
                            HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    response.statusCode(),
                    response.headers().firstValue("Retry-After").orElse(null),
                    response.headers().firstValue("Content-Type").orElse(null),
                    response.body(),
                    Duration.ofNanos(System.nanoTime() - start),
                    response.headers().firstValue("X-Correlation-Id").orElse(null));
        } catch (IOException e) {
            throw new AssertionError("no answer within 30 s: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Calls until the answer has a 2xx status; fails after {@code within}. @return the time until
     * the first 2xx
     */
    Duration untilSuccess(java.util.function.Supplier<Answer> call, Duration within)
            throws InterruptedException {
        long start = System.nanoTime();
        Answer last = null;
        while (System.nanoTime() - start < within.toNanos()) {
            last = call.get();
            if (last.status() / 100 == 2) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Thread.sleep(100);
        }
        throw new AssertionError(
                "no 2xx within " + within.toSeconds() + " s; last answer: " + last);
    }
}
