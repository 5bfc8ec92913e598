package coop.cluster.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Two instances of a service ({@code ./platform run --instances 2}): an {@code lb://} route over
 * the simple discovery client's static list shares the requests between them, and a GET to a
 * stopped instance is retried on the other.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "resilience4j.circuitbreaker.instances.membership.minimum-number-of-calls=100"
        })
@AutoConfigureWebTestClient(timeout = "PT30S")
class LoadBalancedRoutesIT {

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
    void sharesTheRequestsBetweenTheInstancesAndRetriesAGetOnTheOtherWhenOneIsDown() {
        String token = "Bearer " + MEMBERSHIP.issuer.token("lb-user", "member");
        for (int i = 0; i < 10; i++) {
            client.get()
                    .uri("/api/members/shared")
                    .header(HttpHeaders.AUTHORIZATION, token)
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        assertThat(FIRST.calls("/api/members/shared")).isEqualTo(5);
        assertThat(SECOND.calls("/api/members/shared")).isEqualTo(5);

        SECOND.stop();
        for (int i = 0; i < 6; i++) {
            client.get()
                    .uri("/api/members/one-left")
                    .header(HttpHeaders.AUTHORIZATION, token)
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        assertThat(FIRST.calls("/api/members/one-left")).isEqualTo(6);
    }
}
