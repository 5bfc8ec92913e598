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
 * The gateway starts while the identity provider is down, answers 503 (not 401, not 500) to tokens
 * it cannot check yet, and accepts them as soon as the issuer answers, without a restart.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class IssuerOutageIT {

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

    @Autowired WebTestClient client;

    @Test
    void startsWithoutTheIssuerAnswers503UntilItIsBackThenAccepts() {
        client.get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");

        String token = "Bearer " + ISSUER.token("amina", "member");
        long started = System.nanoTime();
        client.get()
                .uri("/api/members/during-outage")
                .header(HttpHeaders.AUTHORIZATION, token)
                .header("X-Correlation-Id", "outage-1")
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .valueEquals(HttpHeaders.RETRY_AFTER, "5")
                .expectHeader()
                .valueEquals("X-Correlation-Id", "outage-1")
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://cluster.coop/problems/issuer-unavailable")
                .jsonPath("$.status")
                .isEqualTo(503)
                .jsonPath("$.correlationId")
                .isEqualTo("outage-1");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(MEMBERSHIP.last("/api/members/during-outage")).isNull();

        // requests without a token are still told to authenticate
        client.get().uri("/api/members/during-outage").exchange().expectStatus().isUnauthorized();

        ISSUER.start();
        // the first call after the outage fetches discovery and keys. On a loaded CI machine one
        // call once waited
        // past 30 s; what this test asserts is that the gateway recovers without a restart, so it
        // asks again (as a
        // client told Retry-After would) until the token is accepted, each answer before that being
        // a 503 problem
        WebTestClient patient = client.mutate().responseTimeout(Duration.ofSeconds(10)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            int status;
            try {
                status =
                        patient.get()
                                .uri("/api/members/after-outage")
                                .header(HttpHeaders.AUTHORIZATION, token)
                                .exchange()
                                .returnResult(String.class)
                                .getStatus()
                                .value();
            } catch (IllegalStateException slow) {
                status = -1; // no answer within 10 s
            }
            if (status == 200) {
                break;
            }
            assertThat(status)
                    .as("while the gateway catches up with the issuer: 503 or no answer yet")
                    .isIn(503, -1);
            assertThat(System.nanoTime())
                    .as("the gateway accepts the token within 60 s of the issuer's return")
                    .isLessThan(deadline);
        }
        patient.get()
                .uri("/api/members/after-outage")
                .header(HttpHeaders.AUTHORIZATION, token)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo("membership /api/members/after-outage");
    }
}
