package coop.cluster.plumbing.it;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The store stops answering but keeps its connections open (a {@link FreezingProxy} in front of
 * it): the driver's read time-out, infinite by default, is what turns that into a 503 instead of a
 * request held for good. Shortened here to 2 s (30 s by default) so that the test takes seconds.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = OutageApp.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.application.name=plumbing-hang-it",
            "cluster.outbox.collections=widgets",
            "cluster.store.socket-timeout=2s",
            "cluster.store.connect-timeout=2s",
            "management.tracing.sampling.probability=0"
        })
class StoreHangIT {

    private static FreezingProxy proxy;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) throws Exception {
        URI store = URI.create(EmbeddedInfra.shared().mongoUri("store_hang_it"));
        proxy = new FreezingProxy(store.getHost(), store.getPort());
        registry.add(
                "spring.mongodb.uri",
                () -> "mongodb://127.0.0.1:" + proxy.port() + "/store_hang_it");
    }

    @AfterAll
    static void closeProxy() throws Exception {
        proxy.close();
    }

    @LocalServerPort int port;

    @Test
    void aStoreThatStopsAnsweringIsA503WithinTheReadTimeoutAndServedAgainOnceItAnswers()
            throws Exception {
        OutageHttp http = new OutageHttp(port);
        assertThat(http.createWidget("before").status()).isEqualTo(201);

        proxy.freeze();
        try {
            long hangStart = System.nanoTime();
            OutageHttp.Answer refused = http.createWidget("during");
            assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
            assertThat(refused.retryAfter()).isEqualTo("5");
            assertThat(refused.body())
                    .contains("\"type\":\"https://cluster.coop/problems/unavailable\"");
            assertThat(refused.took())
                    .as("read time-out 2 s, then the answer")
                    .isLessThan(Duration.ofSeconds(6));

            OutageHttp.Answer health = http.get("/actuator/health");
            assertThat(health.status()).as(health.toString()).isEqualTo(503);
            assertThat(health.took()).isLessThan(Duration.ofMillis(2_500));
            assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);

            while (System.nanoTime() - hangStart < Duration.ofSeconds(8).toNanos()) {
                OutageHttp.Answer read = http.get("/api/widgets/any");
                assertThat(read.status()).as(read.toString()).isEqualTo(503);
                assertThat(read.took()).isLessThan(Duration.ofSeconds(6));
            }
        } finally {
            proxy.thaw();
        }
        Duration serving =
                http.untilSuccess(() -> http.createWidget("after"), Duration.ofSeconds(10));
        Duration healthy =
                http.untilSuccess(() -> http.get("/actuator/health"), Duration.ofSeconds(10));
        System.out.printf(
                "StoreHangIT: serving again %d ms after the store answered again, healthy after %d"
                        + " ms%n",
                serving.toMillis(), healthy.toMillis());
    }
}
