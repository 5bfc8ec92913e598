package coop.cluster.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.cloud.gateway.filter.factory.RequestRateLimiterGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * backend=redis selects Spring Cloud Gateway's RedisRateLimiter with the configured limits. No
 * Redis runs here: the gateway still starts, health shows DOWN (Redis is required in this mode),
 * and RedisRateLimiter lets requests through while Redis does not answer (fails open).
 * RedisRateLimitContainerIT checks the limits against a real Redis where Docker is available.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "cluster.gateway.rate-limit.backend=redis",
            "cluster.gateway.rate-limit.routes.finance.burst-capacity=7",
            "cluster.gateway.rate-limit.routes.finance.replenish-per-second=3"
        })
@AutoConfigureWebTestClient
class RedisBackendIT {

    private static final TestIssuer ISSUER = TestIssuer.started();
    private static final StubService FINANCE = StubService.started("finance");
    private static final int NO_REDIS_PORT = TestIssuer.freePort();

    @DynamicPropertySource
    static void wire(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", ISSUER::issuer);
        registry.add("cluster.services.finance-url", FINANCE::url);
        registry.add("spring.data.redis.port", () -> NO_REDIS_PORT);
    }

    @AfterAll
    static void stop() {
        ISSUER.stop();
        FINANCE.stop();
    }

    @Autowired ApplicationContext context;

    @Autowired WebTestClient client;

    @Test
    void redisBackendUsesRedisRateLimiterWithTheConfiguredLimits() {
        assertThat(context.getBean(RateLimiter.class)).isInstanceOf(RedisRateLimiter.class);
        assertThat(
                        context.getBean(RequestRateLimiterGatewayFilterFactory.class)
                                .getDefaultRateLimiter())
                .isInstanceOf(RedisRateLimiter.class);
        assertThat(context.getBeanNamesForType(ReactiveRedisConnectionFactory.class)).isNotEmpty();
        RedisRateLimiter limiter = context.getBean(RedisRateLimiter.class);
        RedisRateLimiter.Config finance = limiter.getConfig().get("finance");
        assertThat(finance.getBurstCapacity()).isEqualTo(7);
        assertThat(finance.getReplenishRate()).isEqualTo(3);
    }

    @Test
    void healthReportsTheMissingRedis() {
        client.get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("DOWN");
    }

    @Test
    void requestsPassWhileRedisDoesNotAnswer() {
        client.get()
                .uri("/api/finance/without-redis")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ISSUER.token("farid", "finance"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo("finance /api/finance/without-redis");
    }
}
