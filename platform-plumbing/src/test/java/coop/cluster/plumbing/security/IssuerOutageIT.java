package coop.cluster.plumbing.security;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.testing.security.TestIssuer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A service starts while its issuer is down, and answers 503 (not 500, not 401) until it can check tokens. */
@EmbeddedInfraTest
@SpringBootTest(classes = GuardedApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.application.name=issuer-outage-it")
class IssuerOutageIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        registry.add("spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri("issuer_outage_it"));
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        int port = closed;
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> "http://127.0.0.1:" + port + "/issuer");
    }

    @LocalServerPort
    int port;

    @Test
    void answersServiceUnavailableWithARetryHint() throws Exception {
        String token = TestIssuer.shared().token("amina").roles("member").sign();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/guarded/whoami"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(response.body()).contains("issuer-unavailable");
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health/liveness")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }
}
