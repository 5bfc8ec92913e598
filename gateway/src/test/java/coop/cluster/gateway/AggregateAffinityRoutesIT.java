package coop.cluster.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
 * Two instances of a service: every command on one aggregate goes to the same instance (whose copy
 * of it is then current), and so does every command under a single-writer path (the ledger's, in
 * production), while reads and commands that name no aggregate are spread round robin.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "cluster.gateway.rate-limit.replenish-per-second=10000",
            "cluster.gateway.rate-limit.burst-capacity=10000",
            "cluster.gateway.affinity.single-writer-paths=/api/council/",
            "resilience4j.circuitbreaker.instances.membership.minimum-number-of-calls=1000"
        })
@AutoConfigureWebTestClient(timeout = "PT30S")
class AggregateAffinityRoutesIT {

    static final TwoInstances MEMBERSHIP = TwoInstances.ofMembership();
    static final StubService FIRST = MEMBERSHIP.first;
    static final StubService SECOND = MEMBERSHIP.second;

    @DynamicPropertySource
    static void wire(DynamicPropertyRegistry registry) {
        MEMBERSHIP.register(registry);
    }

    @AfterAll
    static void stopStubs() {
        MEMBERSHIP.stop();
    }

    WebTestClient client;

    @Autowired
    void client(WebTestClient autowired) {
        this.client = TwoInstances.newConnectionPerRequest(autowired);
    }

    @Test
    void theCommandsOnOneAggregateGoToOneInstanceAndTheRestIsSpread() {
        String token = "Bearer " + MEMBERSHIP.issuer.token("affinity-manager", "manager");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        for (int round = 0; round < 3; round++) {
            for (String id : ids) {
                client.post()
                        .uri("/api/members/" + id + "/admit")
                        .header(HttpHeaders.AUTHORIZATION, token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{}")
                        .exchange()
                        .expectStatus()
                        .isOk();
            }
        }
        int onFirst = 0;
        for (String id : ids) {
            String path = "/api/members/" + id + "/admit";
            assertThat(List.of(FIRST.calls(path), SECOND.calls(path)))
                    .as(id)
                    .containsAnyOf(3)
                    .containsAnyOf(0);
            onFirst += FIRST.calls(path) == 3 ? 1 : 0;
        }
        assertThat(onFirst).as("aggregates held by the first instance, of 20").isBetween(2, 18);

        String read = "/api/members/" + ids.getFirst();
        for (int i = 0; i < 10; i++) {
            client.get()
                    .uri(read)
                    .header(HttpHeaders.AUTHORIZATION, token)
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        assertThat(FIRST.calls(read)).as("reads are spread").isEqualTo(5);
        for (int i = 0; i < 10; i++) {
            client.post()
                    .uri("/api/members/applications")
                    .header(HttpHeaders.AUTHORIZATION, token)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{}")
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        assertThat(FIRST.calls("/api/members/applications"))
                .as("commands naming no aggregate are spread")
                .isEqualTo(5);
        for (int i = 0; i < 6; i++) {
            client.post()
                    .uri("/api/council/resolutions")
                    .header(HttpHeaders.AUTHORIZATION, token)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{}")
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        assertThat(
                        List.of(
                                FIRST.calls("/api/council/resolutions"),
                                SECOND.calls("/api/council/resolutions")))
                .as("every command under a single-writer path goes to one instance")
                .containsExactlyInAnyOrder(6, 0);
    }
}
