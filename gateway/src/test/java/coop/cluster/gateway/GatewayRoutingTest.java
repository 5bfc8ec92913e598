package coop.cluster.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Each route reaches its service, and a correlation id follows the request there and back. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class GatewayRoutingTest {

    private static final Map<String, String> lastCorrelationIdByService = new ConcurrentHashMap<>();
    private static final Map<String, HttpServer> services = Map.of(
            "membership", stub("membership"), "project", stub("project"),
            "funding-watch", stub("funding-watch"), "finance", stub("finance"));

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        services.forEach((name, server) -> registry.add("cluster.services." + name + "-url",
                () -> "http://127.0.0.1:" + server.getAddress().getPort()));
    }

    @AfterAll
    static void stopStubs() {
        services.values().forEach(server -> server.stop(0));
    }

    @Autowired
    WebTestClient client;

    @Test
    void routesEachPathToItsService() {
        Map.of("/api/members/applications", "membership", "/api/council/proposals", "membership",
                        "/api/directory", "membership", "/api/projects/1", "project", "/api/invitations", "project",
                        "/api/calls", "funding-watch", "/api/feeds/eu", "funding-watch",
                        "/api/finance/member-accounts/1", "finance")
                .forEach((path, service) -> client.get().uri(path).exchange()
                        .expectStatus().isOk()
                        .expectBody(String.class).isEqualTo(service + " " + path));
    }

    @Test
    void keepsAWellFormedCorrelationIdAndPassesItDownstream() {
        client.get().uri("/api/projects/7").header("X-Correlation-Id", "client-42").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Correlation-Id", "client-42");
        assertThat(lastCorrelationIdByService).containsEntry("project", "client-42");
    }

    @Test
    void makesACorrelationIdWhenTheClientSentNone() {
        String made = client.get().uri("/api/calls").exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst("X-Correlation-Id");
        assertThat(made).matches("[0-9a-f-]{36}");
        assertThat(lastCorrelationIdByService).containsEntry("funding-watch", made);
    }

    @Test
    void answersUnknownPathsWith404() {
        client.get().uri("/api/nothing-here").exchange().expectStatus().isNotFound();
    }

    private static HttpServer stub(String name) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                String correlationId = exchange.getRequestHeaders().getFirst("X-Correlation-Id");
                if (correlationId != null) {
                    lastCorrelationIdByService.put(name, correlationId);
                }
                byte[] body = (name + " " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
