package coop.cluster.web;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for the gateway's API: answers each path with a fixed status and JSON, and records the
 * {@code Authorization} header it got, so that tests check the console sends the person's token.
 */
public final class StubApi implements AutoCloseable {

    private record Answer(int status, String json) {}

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, String> authorizations = new ConcurrentHashMap<>();
    private final Map<String, String> bodies = new ConcurrentHashMap<>();
    private final Map<String, String> queries = new ConcurrentHashMap<>();
    private final Map<String, String> headers = new ConcurrentHashMap<>();

    public StubApi() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(
                "/",
                exchange -> {
                    String path = exchange.getRequestURI().getPath();
                    String auth = exchange.getRequestHeaders().getFirst("Authorization");
                    authorizations.put(path, auth == null ? "" : auth);
                    String request = exchange.getRequestMethod() + " " + path;
                    bodies.put(
                            request,
                            new String(
                                    exchange.getRequestBody().readAllBytes(),
                                    StandardCharsets.UTF_8));
                    queries.put(
                            request,
                            exchange.getRequestURI().getRawQuery() == null
                                    ? ""
                                    : exchange.getRequestURI().getRawQuery());
                    exchange.getRequestHeaders()
                            .forEach(
                                    (name, values) ->
                                            headers.put(
                                                    request + " " + name.toLowerCase(Locale.ROOT),
                                                    String.join(",", values)));
                    Answer answer =
                            answers.getOrDefault(
                                    exchange.getRequestMethod() + " " + path,
                                    new Answer(404, "{\"status\":404}"));
                    byte[] body = answer.json().getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders()
                            .add(
                                    "Content-Type",
                                    answer.status() >= 400
                                            ? "application/problem+json"
                                            : "application/json");
                    exchange.sendResponseHeaders(answer.status(), body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** {@code request} is "GET /api/members/1". */
    public StubApi answer(String request, int status, String json) {
        answers.put(request, new Answer(status, json));
        return this;
    }

    public void reset() {
        answers.clear();
        authorizations.clear();
        bodies.clear();
        queries.clear();
        headers.clear();
    }

    /** The body of the last such request ("POST /api/members"), or null if none came. */
    public String body(String request) {
        return bodies.get(request);
    }

    /**
     * The raw query string of the last such request ("GET /api/members"), "" if it had none, null
     * if none came.
     */
    public String query(String request) {
        return queries.get(request);
    }

    /** A header of the last such request ("PUT /api/members/1", "If-Match"), or null. */
    public String header(String request, String name) {
        return headers.get(request + " " + name.toLowerCase(Locale.ROOT));
    }

    public String authorization(String path) {
        return authorizations.get(path);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
