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
 * The docker compose set-up: tokens carry the public issuer (auth-server as browsers reach it),
 * keys are fetched from the internal address given as jwk-set-uri. The public issuer is never
 * contacted; iss must still match it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class JwkSetUriModeIT {

    private static final String PUBLIC_ISSUER =
            "http://localhost:1/realms/cluster"; // nothing listens there
    private static final TestIssuer KEYS = TestIssuer.started();
    private static final StubService MEMBERSHIP = StubService.started("membership");

    @DynamicPropertySource
    static void wire(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> PUBLIC_ISSUER);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", KEYS::jwkSetUri);
        registry.add("cluster.services.membership-url", MEMBERSHIP::url);
    }

    @AfterAll
    static void stop() {
        KEYS.stop();
        MEMBERSHIP.stop();
    }

    @Autowired WebTestClient client;

    @Test
    void keysComeFromTheJwkSetUriAndIssIsCheckedAgainstTheIssuerUri() {
        String publicToken = KEYS.token(claims -> claims.subject("amina").issuer(PUBLIC_ISSUER));
        client.get()
                .uri("/api/members/keycloak")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + publicToken)
                .exchange()
                .expectStatus()
                .isOk();

        // signed with the right key, but naming the internal address as issuer
        String internalIssuerToken = KEYS.token("amina", "member");
        client.get()
                .uri("/api/members/keycloak")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + internalIssuerToken)
                .exchange()
                .expectStatus()
                .isUnauthorized();

        assertThat(KEYS.jwksRequests()).isPositive();
        assertThat(KEYS.discoveryRequests()).isZero();
    }
}
