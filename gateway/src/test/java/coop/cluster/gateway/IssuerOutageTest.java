package coop.cluster.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway starts while the identity provider is down, answers 503 (not 401, not 500) to tokens it cannot
 * check yet, and accepts them as soon as the issuer answers, without a restart.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class IssuerOutageTest {

    private static final TestIssuer ISSUER = TestIssuer.onFreePort(); // not started
    private static final StubService MEMBERSHIP = StubService.started("membership");

    @DynamicPropertySource
    static void wire(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", ISSUER::issuer);
        registry.add("cluster.services.membership-url", MEMBERSHIP::url);
    }

    @AfterAll
    static void stop() {
        ISSUER.stop();
        MEMBERSHIP.stop();
    }

    @Autowired
    WebTestClient client;

    @Test
    void startsWithoutTheIssuerAnswers503UntilItIsBackThenAccepts() {
        client.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");

        String token = "Bearer " + ISSUER.token("amina", "member");
        long started = System.nanoTime();
        client.get().uri("/api/members/during-outage").header(HttpHeaders.AUTHORIZATION, token)
                .header("X-Correlation-Id", "outage-1").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
                .expectHeader().valueEquals("X-Correlation-Id", "outage-1")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://cluster.coop/problems/issuer-unavailable")
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.correlationId").isEqualTo("outage-1");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(MEMBERSHIP.last("/api/members/during-outage")).isNull();

        // requests without a token are still told to authenticate
        client.get().uri("/api/members/during-outage").exchange().expectStatus().isUnauthorized();

        ISSUER.start();
        // the first call after the outage fetches discovery and keys: allow for a loaded machine
        client.mutate().responseTimeout(Duration.ofSeconds(30)).build()
                .get().uri("/api/members/after-outage").header(HttpHeaders.AUTHORIZATION, token).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("membership /api/members/after-outage");
    }
}
