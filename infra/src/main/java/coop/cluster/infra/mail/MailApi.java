package coop.cluster.infra.mail;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP API that scripts and tests read the caught mail with (the JDK's own HTTP server: nothing
 * to add to the classpath). All answers are JSON in UTF-8 except the raw source.
 *
 * <pre>
 * GET    /health                 200 {"status":"UP"} (503 DOWN once the SMTP server has stopped)
 * GET    /messages[?to=ADDRESS]  [{id, from, to[], subject, receivedAt, text, html, headers{}, links[]}], oldest first
 * GET    /messages/{id}          one of those
 * GET    /messages/{id}/raw      the RFC 822 source as received (message/rfc822)
 * DELETE /messages               forgets every message: {"deleted": n}
 * </pre>
 *
 * {@code to} matches the envelope recipients without case, so a Bcc recipient finds the message
 * too.
 */
final class MailApi {

    private static final Pattern ONE = Pattern.compile("/messages/(\\d{1,18})(/raw)?/?");

    private final MailStore store;
    private final BooleanSupplier smtpRunning;
    private HttpServer server;
    private ExecutorService executor;

    MailApi(MailStore store, BooleanSupplier smtpRunning) {
        this.store = store;
        this.smtpRunning = smtpRunning;
    }

    void start(String host, int port) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(host, port), 0);
        executor = Executors.newVirtualThreadPerTaskExecutor();
        s.setExecutor(executor);
        s.createContext("/", this::handle);
        s.start();
        server = s;
    }

    void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            route(exchange);
        } catch (RuntimeException e) {
            if (exchange.getResponseCode() == -1) {
                error(exchange, 500, e.toString());
            }
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (path.equals("/health")) {
            if (!method.equals("GET") && !method.equals("HEAD")) {
                notAllowed(exchange, "GET");
                return;
            }
            boolean up = smtpRunning.getAsBoolean();
            json(exchange, up ? 200 : 503, Map.of("status", up ? "UP" : "DOWN"));
        } else if (path.equals("/messages") || path.equals("/messages/")) {
            switch (method) {
                case "GET", "HEAD" ->
                        json(
                                exchange,
                                200,
                                store.list(queryParameter(exchange, "to").orElse(null)).stream()
                                        .map(m -> MailView.of(m).toJson())
                                        .toList());
                case "DELETE" -> json(exchange, 200, Map.of("deleted", store.purge()));
                default -> notAllowed(exchange, "GET, DELETE");
            }
        } else {
            Matcher one = ONE.matcher(path);
            if (!one.matches()) {
                error(
                        exchange,
                        404,
                        "no such resource: "
                                + path
                                + " (GET /messages, GET /messages/{id}/raw, DELETE /messages, GET"
                                + " /health)");
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                notAllowed(exchange, "GET");
                return;
            }
            long id = Long.parseLong(one.group(1));
            Optional<MailStore.Caught> caught = store.find(id);
            if (caught.isEmpty()) {
                error(exchange, 404, "no message " + id);
            } else if (one.group(2) != null) {
                send(exchange, 200, "message/rfc822", caught.get().raw());
            } else {
                json(exchange, 200, MailView.of(caught.get()).toJson());
            }
        }
    }

    /**
     * The decoded value of one query parameter. A '+' in an address typed into a URL arrives as a
     * space once decoded; an address holds no space, so it is turned back into the '+' it was.
     */
    static Optional<String> queryParameter(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key =
                    URLDecoder.decode(
                            eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                String value =
                        eq < 0
                                ? ""
                                : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                return value.isBlank()
                        ? Optional.empty()
                        : Optional.of(value.strip().replace(' ', '+'));
            }
        }
        return Optional.empty();
    }

    private static void notAllowed(HttpExchange exchange, String allowed) throws IOException {
        exchange.getResponseHeaders().set("Allow", allowed);
        error(
                exchange,
                405,
                exchange.getRequestMethod() + " is not allowed here; allowed: " + allowed);
    }

    private static void error(HttpExchange exchange, int status, String message)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", message);
        json(exchange, status, body);
    }

    private static void json(HttpExchange exchange, int status, Object body) throws IOException {
        send(
                exchange,
                status,
                "application/json; charset=utf-8",
                Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
