package coop.cluster.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;

/**
 * Two instances of a service ({@code ./platform run --instances 2}): an {@code lb://} route over the simple discovery
 * client's static list shares the requests between them, and a GET to a stopped instance is retried on the other.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "cluster.services.membership-url=lb://membership-service",
        "resilience4j.circuitbreaker.instances.membership.minimum-number-of-calls=100"})
@AutoConfigureWebTestClient(timeout = "PT30S")
class LoadBalancedRoutesIT {

    static final TestIssuer ISSUER = TestIssuer.started();
    static final StubService FIRST = StubService.started("membership");
    static final StubService SECOND = StubService.started("membership");

    @DynamicPropertySource
    static void wire(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", ISSUER::issuer);
        registry.add("spring.cloud.discovery.client.simple.instances.membership-service[0].uri", FIRST::url);
        registry.add("spring.cloud.discovery.client.simple.instances.membership-service[1].uri", SECOND::url);
    }

    @AfterAll
    static void stopStubs() {
        FIRST.stop();
        SECOND.stop();
    }

    WebTestClient client;

    @Autowired
    void client(WebTestClient autowired) {
        this.client = autowired.mutate().clientConnector(new ReactorClientHttpConnector(HttpClient.newConnection())).build();
    }

    @Test
    void sharesTheRequestsBetweenTheInstancesAndRetriesAGetOnTheOtherWhenOneIsDown() {
        String token = "Bearer " + ISSUER.token("lb-user", "member");
        for (int i = 0; i < 10; i++) {
            client.get().uri("/api/members/shared").header(HttpHeaders.AUTHORIZATION, token).exchange()
                    .expectStatus().isOk();
        }
        assertThat(FIRST.calls("/api/members/shared")).isEqualTo(5);
        assertThat(SECOND.calls("/api/members/shared")).isEqualTo(5);

        SECOND.stop();
        for (int i = 0; i < 6; i++) {
            client.get().uri("/api/members/one-left").header(HttpHeaders.AUTHORIZATION, token).exchange()
                    .expectStatus().isOk();
        }
        assertThat(FIRST.calls("/api/members/one-left")).isEqualTo(6);
    }
}
