package coop.cluster.membership.member;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.membership.MembershipApplication;
import coop.cluster.membership.testing.Api;
import coop.cluster.testing.http.Api.Answer;
import coop.cluster.testing.security.TestIssuer;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The case (docs/resilience.md): with the store down, {@code POST
 * /api/members/applications} answered 500 (a {@code DataAccessResourceFailureException} from {@code
 * OutboxWriter.insert}). Now 503 problem+json with {@code Retry-After} within a few seconds, health
 * DOWN while the service stays live, and 201 again within seconds of the store's return.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = MembershipApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApplicationsDuringStoreOutageIT {

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri",
                () -> EmbeddedInfra.shared().mongoUri("membership_outage_it"));
        TestIssuer.shared().register(registry);
    }

    private static final String NEWCOMER =
            TestIssuer.shared().token("nadia").roles("member").sign();

    @LocalServerPort int port;

    private Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @AfterEach
    void storeBack() {
        EmbeddedInfra.shared().startStore();
    }

    @Test
    void applicationsAre503WhileTheStoreIsDownAndAcceptedAgainSecondsAfterItComesBack() {
        assertThat(apply("en").status()).isEqualTo(201);

        EmbeddedInfra.shared().stopStore();
        long start = System.nanoTime();
        Answer refused = apply("fr");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        assertThat(refused.raw().headers().firstValue("Retry-After")).hasValue("5");
        assertThat(refused.raw().headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(refused.at("/type")).isEqualTo("https://cluster.coop/problems/unavailable");
        assertThat(refused.at("/title")).isEqualTo("Service momentanément indisponible");
        assertThat(refused.at("/instance")).isEqualTo("/api/members/applications");
        assertThat(took)
                .as("server selection gives up after 3 s")
                .isLessThan(Duration.ofSeconds(6));

        start = System.nanoTime();
        Answer health = api.get("/actuator/health", null);
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isLessThan(Duration.ofMillis(2_500));
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.at("/status")).isEqualTo("DOWN");
        assertThat(api.get("/actuator/health/liveness", null).status()).isEqualTo(200);

        EmbeddedInfra.shared().startStore();
        long back = System.nanoTime();
        int status = 0;
        while (status != 201 && System.nanoTime() - back < Duration.ofSeconds(10).toNanos()) {
            status = apply("en").status();
        }
        assertThat(status).as("201 within 10 s of the store's return").isEqualTo(201);
        System.out.printf(
                "ApplicationsDuringStoreOutageIT: 201 again %d ms after the store's return%n",
                Duration.ofNanos(System.nanoTime() - back).toMillis());
    }

    private Answer apply(String language) {
        String body =
                """
                {"legalName":"Sfax Olive Tech","registrationNumber":"TN-%s","country":"TN","organisationType":"SME","sizeBand":"MICRO"}
                """
                        .formatted(UUID.randomUUID().toString().substring(0, 8));
        return api.sendIn(language, "POST", "/api/members/applications", NEWCOMER, body);
    }
}
