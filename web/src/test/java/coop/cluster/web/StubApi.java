package coop.cluster.web;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for the gateway's API: answers each path with a fixed status and JSON, and records the
 * {@code Authorization} header it got, so that tests check the console sends the person's token.
 */
public final class StubApi implements AutoCloseable {

    private record Answer(int status, String json) {
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, String> authorizations = new ConcurrentHashMap<>();

    public StubApi() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.put(path, auth == null ? "" : auth);
            Answer answer = answers.getOrDefault(exchange.getRequestMethod() + " " + path,
                    new Answer(404, "{\"status\":404}"));
            byte[] body = answer.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
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
    }

    public String authorization(String path) {
        return authorizations.get(path);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
