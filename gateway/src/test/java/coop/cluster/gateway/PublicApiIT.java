package coop.cluster.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;

/**
 * The public API, {@code /api/public/**}: anyone reads it without a token (membership's listed
 * members, finance's published reports), through the service's route; any other method there, and
 * the rest of the API, still needs a token. Anonymous reads are rate limited by client address
 * (finance: a burst of 5 in these tests), so each test here calls from its own loopback address.
 */
class PublicApiIT extends GatewayITSupport {

    @LocalServerPort int port;

    @Test
    void anonymousReadsOfThePublicApiReachTheirService() {
        WebTestClient anonymous = from("127.0.0.21");
        for (String path : new String[] {"/api/public/members", "/api/public/members/x"}) {
            anonymous
                    .get()
                    .uri(path + "?q=atlas&page=0")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .isEqualTo("membership " + path);
        }
        anonymous
                .get()
                .uri("/api/public/reports/2026-01?format=pdf")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo("finance /api/public/reports/2026-01");
        anonymous
                .get()
                .uri("/api/public/reports")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo("finance /api/public/reports");
        anonymous
                .method(HttpMethod.HEAD)
                .uri("/api/public/members")
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(service("membership").last("/api/public/members").method()).isEqualTo("HEAD");
        assertThat(
                        service("membership")
                                .last("/api/public/members")
                                .headers()
                                .containsKey("Authorization"))
                .isFalse();

        client.get()
                .uri("/api/public/members")
                .header(HttpHeaders.AUTHORIZATION, bearer("pia", "member"))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void writesToThePublicApiAndTheRestOfTheApiStillNeedAToken() {
        WebTestClient anonymous = from("127.0.0.22");
        int before = totalCalls();
        anonymous
                .post()
                .uri("/api/public/members")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        anonymous
                .put()
                .uri("/api/public/reports/2026-01")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        anonymous.delete().uri("/api/public/members/x").exchange().expectStatus().isUnauthorized();
        anonymous
                .patch()
                .uri("/api/public/reports")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        for (String path :
                new String[] {
                    "/api/members",
                    "/api/directory",
                    "/api/finance/reports",
                    "/api/finance/reports/2026-01",
                    "/api/publicity",
                    "/api/members/public"
                }) {
            anonymous.get().uri(path).exchange().expectStatus().isUnauthorized();
        }
        assertThat(totalCalls()).as("nothing refused reached a service").isEqualTo(before);

        anonymous
                .get()
                .uri("/api/public/nothing-here")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void anonymousReadsAreRateLimitedByClientAddress() {
        WebTestClient greedy = from("127.0.0.23");
        int refused = 0;
        for (int i = 0; i < 10; i++) {
            int status =
                    greedy.get()
                            .uri("/api/public/reports")
                            .exchange()
                            .returnResult(String.class)
                            .getStatus()
                            .value();
            refused += status == 429 ? 1 : 0;
        }
        assertThat(refused).as("finance allows 5 then 1 per second per address").isPositive();

        from("127.0.0.24")
                .get()
                .uri("/api/public/reports")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("X-RateLimit-Remaining", "4");
    }

    private static int totalCalls() {
        return SERVICES.values().stream().mapToInt(StubService::totalCalls).sum();
    }

    /** A client whose requests come from this loopback address. */
    private WebTestClient from(String address) {
        return WebTestClient.bindToServer(
                        new ReactorClientHttpConnector(
                                HttpClient.create()
                                        .bindAddress(() -> new InetSocketAddress(address, 0))))
                .baseUrl("http://127.0.0.1:" + port)
                .build();
    }
}
