package coop.cluster.testing.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls the service under test over HTTP as a client would: bearer token, JSON body, English
 * problems.
 */
public class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** An answer: its status and its body, parsed when it is JSON. */
    public record Answer(int status, String body, HttpResponse<String> raw) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        /** The text at a JSON pointer such as {@code /tally/forVotes}. */
        public String at(String pointer) {
            JsonNode node = json().at(pointer);
            return node.isMissingNode() || node.isNull() ? null : node.asString();
        }
    }

    public Answer get(String path, String token) {
        return send("GET", path, token, null);
    }

    public Answer post(String path, String token, String body) {
        return send("POST", path, token, body);
    }

    public Answer put(String path, String token, String body) {
        return send("PUT", path, token, body);
    }

    public Answer delete(String path, String token) {
        return send("DELETE", path, token, null);
    }

    public Answer send(String method, String path, String token, String body) {
        return send(method, path, token, body, null);
    }

    /**
     * @param ifMatch the If-Match header to send, such as {@code "3"} with its quotes; none when
     *     null
     */
    public Answer send(String method, String path, String token, String body, String ifMatch) {
        return sendWith(
                method,
                path,
                token,
                body,
                ifMatch == null ? java.util.Map.of() : java.util.Map.of("If-Match", ifMatch));
    }

    /** A POST with extra headers, such as {@code Idempotency-Key}. */
    public Answer post(
            String path, String token, String body, java.util.Map<String, String> headers) {
        return sendWith("POST", path, token, body, headers);
    }

    /**
     * @param headers extra headers to send (If-Match, Idempotency-Key...); one named like a default
     *     replaces it, so {@code Accept-Language: fr} asks for French problems and {@code
     *     Content-Type} sends another media type
     */
    public Answer sendWith(
            String method,
            String path,
            String token,
            String body,
            java.util.Map<String, String> headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Accept-Language", "en")
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::setHeader);
        try {
            HttpResponse<String> response =
                    http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
