package coop.cluster.plumbing.security;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.testing.http.Api;
import coop.cluster.testing.security.TestIssuer;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A service starts while its issuer is down, and answers 503 (not 500, not 401) until it can check
 * tokens.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = GuardedApp.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.application.name=issuer-outage-it")
class IssuerOutageIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        registry.add(
                "spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri("issuer_outage_it"));
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        int port = closed;
        registry.add(
                "spring.security.oauth2.resourceserver.jwt.issuer-uri",
                () -> "http://127.0.0.1:" + port + "/issuer");
    }

    @LocalServerPort int port;

    @Test
    void answersServiceUnavailableWithARetryHint() throws Exception {
        String token = TestIssuer.shared().token("amina").roles("member").sign();
        Api api = new Api(port);
        Api.Answer response = api.get("/api/guarded/whoami", token);
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.raw().headers().firstValue("Retry-After")).hasValue("5");
        assertThat(response.at("/type"))
                .isEqualTo("https://cluster.coop/problems/issuer-unavailable");
        assertThat(api.get("/actuator/health/liveness", null).status()).isEqualTo(200);
    }
}
