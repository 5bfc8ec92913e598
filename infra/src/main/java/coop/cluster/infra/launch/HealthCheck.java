package coop.cluster.infra.launch;

import coop.cluster.infra.support.NetworkPorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks a process whether it is UP: an HTTP actuator health document, or a TCP port that accepts
 * connections.
 */
public final class HealthCheck implements AutoCloseable {

    /**
     * @param detail what to show the user: the status, or why there is none
     * @param body the start of the health document, empty for TCP checks and errors
     */
    public record Result(boolean up, String detail, String body) {

        Result(boolean up, String detail) {
            this(up, detail, "");
        }
    }

    private static final int BODY_LIMIT = 600;

    private final HttpClient http =
            HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(1))
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();

    public Result check(URI url) {
        if ("tcp".equals(url.getScheme())) {
            boolean listening = NetworkPorts.isListening(url.getHost(), url.getPort());
            return new Result(listening, listening ? "UP (port open)" : "port closed");
        }
        HttpRequest request =
                HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).GET().build();
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
            String body = response.body() == null ? "" : response.body();
            String status =
                    HealthStatus.topLevelStatus(body).orElse("HTTP " + response.statusCode());
            return new Result(
                    "UP".equals(status),
                    status,
                    body.length() > BODY_LIMIT ? body.substring(0, BODY_LIMIT) + "..." : body);
        } catch (IOException e) {
            return new Result(false, "not answering (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "interrupted");
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
