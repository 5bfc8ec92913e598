package coop.cluster.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * backend=redis against a real Redis (the multi-instance set-up): limits are enforced per
 * principal, the refusal is the same 429 problem. Runs only where Docker answers; skipped
 * otherwise.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "cluster.gateway.rate-limit.backend=redis",
            "cluster.gateway.rate-limit.routes.finance.burst-capacity=3",
            "cluster.gateway.rate-limit.routes.finance.replenish-per-second=1"
        })
@AutoConfigureWebTestClient
class RedisRateLimitContainerIT {

    @Container
    static final GenericContainer<?> REDIS =
            new GenericContainer<>(DockerImageName.parse("redis:7.4-alpine"))
                    .withExposedPorts(6379);

    private static final TestIssuer ISSUER = TestIssuer.started();
    private static final StubService FINANCE = StubService.started("finance");

    @DynamicPropertySource
    static void wire(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", ISSUER::issuer);
        registry.add("cluster.services.finance-url", FINANCE::url);
        registry.add("spring.data.redis.host", REDIS::getHost);
        registry.add("spring.data.redis.port", () -> REDIS.getMappedPort(6379));
    }

    @Autowired WebTestClient client;

    @Test
    void redisBucketsRefuseTheFourthRequestOfABurstButNotAnotherPrincipal() {
        String alice = "Bearer " + ISSUER.token("redis-alice", "finance");
        int served = 0;
        EntityExchangeResult<byte[]> refused = null;
        for (int i = 0; i < 6 && refused == null; i++) {
            EntityExchangeResult<byte[]> result =
                    client.get()
                            .uri("/api/finance/redis")
                            .header(HttpHeaders.AUTHORIZATION, alice)
                            .exchange()
                            .expectBody()
                            .returnResult();
            if (result.getStatus().value() == 429) {
                refused = result;
            } else {
                assertThat(result.getStatus().value()).isEqualTo(200);
                served++;
            }
        }
        assertThat(served).isBetween(3, 4);
        assertThat(refused).isNotNull();
        assertThat(refused.getResponseHeaders().getContentType())
                .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER))
                .matches("[1-9][0-9]*");
        assertThat(refused.getResponseHeaders().getFirst("X-RateLimit-Remaining")).isEqualTo("0");

        client.get()
                .uri("/api/finance/redis")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ISSUER.token("redis-bob", "finance"))
                .exchange()
                .expectStatus()
                .isOk();

        client.get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
    }
}
