package coop.cluster.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What the HTTP load drivers share: one HTTP/1.1 client to a running service and a bearer token (a
 * manager's, given or printed by {@code TOKEN_COMMAND}; or a demo user's, {@link #asUser}), renewed
 * before the demo issuer's tokens expire.
 */
final class ServiceClient {

    private final String url;
    private final Tokens tokens;
    private final HttpClient http =
            HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();

    /**
     * @param token the token to send, or null to take it from {@code TOKEN} or {@code
     *     TOKEN_COMMAND}
     */
    ServiceClient(String url, String token) {
        this(url, Tokens.from(token));
    }

    private ServiceClient(String url, Tokens tokens) {
        this.url = url.replaceAll("/$", "");
        this.tokens = tokens;
    }

    /**
     * A client acting as the demo user {@code user}: its token is printed by {@code
     * USER_TOKEN_COMMAND}, a shell command in which {@code %s} stands for the user name (as {@code
     * ./platform bench} sets it: {@code scripts/token.sh %s demo}), and renewed every 10 minutes.
     */
    static ServiceClient asUser(String url, String user) {
        String template = System.getenv("USER_TOKEN_COMMAND");
        if (template == null || !template.contains("%s")) {
            throw new IllegalArgumentException(
                    "set USER_TOKEN_COMMAND, a command printing the token of the user %s");
        }
        return new ServiceClient(url, new Tokens(null, template.formatted(user)));
    }

    /**
     * A client whose token is printed by {@code command} (e.g. a client-credentials grant) and
     * renewed every 10 minutes.
     */
    static ServiceClient withTokenCommand(String url, String command) {
        return new ServiceClient(url, new Tokens(null, command));
    }

    /** The current token (renewed when due). */
    String token() {
        return tokens.current();
    }

    HttpClient http() {
        return http;
    }

    String url() {
        return url;
    }

    HttpResponse<String> send(String method, String path, String body)
            throws IOException, InterruptedException {
        return http.send(request(method, path, body), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest request(String method, String path, String body) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url + path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + tokens.current())
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(
                                                body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return request.build();
    }

    /** The token: given, or printed by a command and renewed every 10 minutes. */
    static final class Tokens {

        private final String command;
        private volatile String token;
        private volatile long renewAt;

        private Tokens(String token, String command) {
            this.token = token;
            this.command = command;
        }

        static Tokens from(String option) {
            String command = System.getenv("TOKEN_COMMAND");
            String token = option != null ? option : System.getenv("TOKEN");
            if (token == null && (command == null || command.isBlank())) {
                throw new IllegalArgumentException(
                        "give a manager's token: --token, TOKEN or TOKEN_COMMAND");
            }
            return new Tokens(token, token == null ? command : null);
        }

        String current() {
            if (command != null && System.nanoTime() - renewAt >= 0) {
                synchronized (this) {
                    if (System.nanoTime() - renewAt >= 0) {
                        token = run(command);
                        renewAt = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
                    }
                }
            }
            return token;
        }

        private static String run(String command) {
            try {
                Process process =
                        new ProcessBuilder("sh", "-c", command)
                                .redirectError(ProcessBuilder.Redirect.INHERIT)
                                .start();
                String out =
                        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                                .strip();
                if (process.waitFor() != 0 || out.isEmpty()) {
                    throw new IllegalStateException("TOKEN_COMMAND failed: " + command);
                }
                return out;
            } catch (IOException e) {
                throw new IllegalStateException("TOKEN_COMMAND failed: " + command, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
