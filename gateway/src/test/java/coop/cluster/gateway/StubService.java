package coop.cluster.gateway;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A downstream service on a JDK HttpServer. By default it answers 200 with "{name} {path}"; tests
 * give a path its own behaviour with {@link #on}. It records every request, can be stopped and
 * started again on the same port.
 */
final class StubService {

    /** One request as the service received it. */
    record Seen(String method, String path, Headers headers) {}

    @FunctionalInterface
    interface Behaviour {
        /**
         * @param call 1 for the first request to this path, 2 for the second, ...
         */
        void answer(HttpExchange exchange, int call) throws IOException;
    }

    final String name;
    private final int port;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private HttpServer server;

    private StubService(String name, int port) {
        this.name = name;
        this.port = port;
    }

    static StubService started(String name) {
        StubService stub = new StubService(name, TestIssuer.freePort());
        stub.start();
        return stub;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind " + name + " to port " + port, e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext(
                "/",
                exchange -> {
                    String path = exchange.getRequestURI().getPath();
                    seen.add(
                            new Seen(
                                    exchange.getRequestMethod(),
                                    path,
                                    exchange.getRequestHeaders()));
                    int call =
                            calls.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                    exchange.getRequestBody().readAllBytes();
                    try {
                        Behaviour behaviour = behaviours.get(path);
                        if (behaviour != null) {
                            behaviour.answer(exchange, call);
                        } else {
                            respond(exchange, 200, "text/plain", name + " " + path);
                        }
                    } catch (IOException clientGone) {
                        // the gateway gave up waiting (timeout tests)
                    } finally {
                        exchange.close();
                    }
                });
        server.start();
    }

    synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    void on(String path, Behaviour behaviour) {
        behaviours.put(path, behaviour);
    }

    int calls(String path) {
        AtomicInteger count = calls.get(path);
        return count == null ? 0 : count.get();
    }

    /** How many requests the service received, on any path. */
    int totalCalls() {
        return seen.size();
    }

    /** The last request the service received on this path, or null. */
    Seen last(String path) {
        for (int i = seen.size() - 1; i >= 0; i--) {
            if (seen.get(i).path().equals(path)) {
                return seen.get(i);
            }
        }
        return null;
    }

    static void respond(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
