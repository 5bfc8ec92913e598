package coop.cluster.plumbing.security;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.testing.http.Api;
import coop.cluster.testing.security.AuthorizationMatrix;
import coop.cluster.testing.security.MatrixRequest;
import coop.cluster.testing.security.TestIssuer;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A service verifies tokens itself against the issuer, maps roles explicitly, and answers 401/403
 * as problems.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = GuardedApp.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.application.name=guarded-it")
class ResourceServerIT {

    private static final TestIssuer issuer = TestIssuer.shared();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri("guarded_it"));
        issuer.register(registry);
    }

    @LocalServerPort int port;

    @Autowired ApplicationContext context;

    @TestFactory
    Stream<DynamicNode> authorizationMatrix() {
        return AuthorizationMatrix.at("http://127.0.0.1:" + port, issuer)
                .endpoint(
                        "GET /api/guarded/whoami", cell -> MatrixRequest.get("/api/guarded/whoami"))
                .expect(
                        """
                        anonymous 401
                        member    200
                        delegate  200
                        manager   200
                        finance   200
                        feed      200
                        """)
                .endpoint(
                        "GET /api/guarded/reports",
                        cell -> MatrixRequest.get("/api/guarded/reports"))
                .expect(
                        """
                        anonymous 401
                        member    403
                        delegate  403
                        manager   200
                        finance   200
                        feed      403
                        """)
                .endpoint(
                        "GET /api/guarded/orgs/{memberId}",
                        cell -> MatrixRequest.get("/api/guarded/orgs/" + cell.memberId()))
                .expect(
                        """
                        anonymous 401
                        member    own 200 other 404
                        delegate  own 200 other 404
                        manager   200
                        finance   403
                        feed      403
                        """)
                .coveringEndpointsOf(context)
                .tests();
    }

    @Test
    void noTokenGetsAChallengeAndAProblem() throws Exception {
        Api.Answer response = get("/api/guarded/whoami", null, "en");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.raw().headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(response.raw().headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(response.raw().headers().firstValue("X-Correlation-Id")).isPresent();
        assertThat(response.at("/type")).isEqualTo("https://cluster.coop/problems/unauthenticated");
        assertThat(response.at("/instance")).isEqualTo("/api/guarded/whoami");
    }

    @Test
    void badTokensAreRefusedWithInvalidToken() throws Exception {
        String good = issuer.token("amina").roles("member").memberId("m-1").sign();
        String[] bad = {
            TestIssuer.tampered(good),
            issuer.token("amina")
                    .roles("member")
                    .issuedAgo(Duration.ofMinutes(20), Duration.ofMinutes(15))
                    .sign(),
            issuer.token("amina").roles("member").issuer("http://evil.example/issuer").sign(),
            issuer.token("amina").roles("member").signedByStranger().sign(),
            "not-a-jwt"
        };
        for (String token : bad) {
            Api.Answer response = get("/api/guarded/whoami", token, "fr");
            assertThat(response.status()).as(token).isEqualTo(401);
            assertThat(response.raw().headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(v -> assertThat(v).contains("error=\"invalid_token\""));
            assertThat(response.at("/title")).isEqualTo("Jeton d'accès invalide");
        }
        assertThat(get("/api/guarded/whoami", good, "en").status()).isEqualTo(200);
    }

    /**
     * Only access tokens for the platform's API: not the ID token, not a token for another
     * audience.
     */
    @Test
    void idTokensAndTokensForAnotherAudienceAreRefused() throws Exception {
        String[] refused = {
            issuer.token("farid").roles("finance").idToken().sign(),
            issuer.token("farid").roles("finance").audience("demo-expiring").sign(),
            issuer.token("farid").roles("finance").audience("cluster-web", "account").sign(),
            issuer.token("farid").roles("finance").type("JWT").sign(),
            issuer.token("farid").roles("finance").type(null).sign()
        };
        for (String token : refused) {
            Api.Answer response = get("/api/guarded/reports", token, "en");
            assertThat(response.status()).as(token).isEqualTo(401);
            assertThat(response.at("/type"))
                    .isEqualTo("https://cluster.coop/problems/invalid-token");
        }
        String access = issuer.token("farid").roles("finance").sign();
        assertThat(get("/api/guarded/reports", access, "en").status()).isEqualTo(200);
        String withOtherAudiencesToo =
                issuer.token("farid")
                        .roles("finance")
                        .audience("cluster-web", "cluster-api")
                        .type("application/AT+JWT")
                        .sign();
        assertThat(get("/api/guarded/reports", withOtherAudiencesToo, "en").status())
                .isEqualTo(200);
    }

    /**
     * Why a token was refused is logged; the answer says the same generic thing whatever the
     * library found.
     */
    @Test
    void refusalsDoNotRepeatTheLibrarysText() throws Exception {
        String good = issuer.token("amina").roles("member").sign();
        String[] parts = good.split("\\.");
        String unsigned =
                java.util.Base64.getUrlEncoder()
                                .withoutPadding()
                                .encodeToString("{\"alg\":\"none\",\"typ\":\"at+jwt\"}".getBytes())
                        + "."
                        + parts[1]
                        + ".";
        String[] bad = {
            "not-a-jwt",
            "a.b.c",
            unsigned,
            TestIssuer.tampered(good),
            issuer.token("amina").roles("member").idToken().sign()
        };
        for (String token : bad) {
            for (String language : new String[] {"en", "fr"}) {
                Api.Answer response = get("/api/guarded/whoami", token, language);
                assertThat(response.status()).as(token).isEqualTo(401);
                String challenge =
                        response.raw().headers().firstValue("WWW-Authenticate").orElseThrow();
                assertThat(challenge)
                        .as(token)
                        .isEqualTo(SecurityProblemHandlers.INVALID_TOKEN_CHALLENGE);
                assertThat(response.body())
                        .as(token)
                        .doesNotContainIgnoringCase("jwt")
                        .doesNotContainIgnoringCase("algorithm")
                        .doesNotContain("decode")
                        .contains(
                                "en".equals(language)
                                        ? "Invalid access token"
                                        : "Jeton d'accès invalide");
            }
        }
    }

    @Test
    void toleratesFiveSecondsOfClockSkewButNoMore() throws Exception {
        String justExpired =
                issuer.token("amina")
                        .roles("member")
                        .issuedAgo(Duration.ofMinutes(15).plusSeconds(2), Duration.ofMinutes(15))
                        .sign();
        String longExpired =
                issuer.token("amina")
                        .roles("member")
                        .issuedAgo(Duration.ofMinutes(15).plusSeconds(30), Duration.ofMinutes(15))
                        .sign();
        assertThat(get("/api/guarded/whoami", justExpired, "en").status()).isEqualTo(200);
        assertThat(get("/api/guarded/whoami", longExpired, "en").status()).isEqualTo(401);
    }

    @Test
    void mapsTheRolesClaimAndTheOrganisationExplicitly() throws Exception {
        String token =
                issuer.token("delphine")
                        .roles("member", "DELEGATE", "superuser")
                        .memberId("33333333-3333-4333-8333-333333333333")
                        .claim("scope", "openid profile")
                        .sign();
        Api.Answer response = get("/api/guarded/whoami", token, "en");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.at("/subject")).isEqualTo("delphine");
        assertThat(response.json().get("roles").values())
                .extracting(JsonNode::asString)
                .containsExactly("MEMBER", "DELEGATE");
        assertThat(response.at("/memberId")).isEqualTo("33333333-3333-4333-8333-333333333333");
        // an unknown role grants nothing, and scopes never stand in for roles
        String scopesOnly =
                issuer.token("x").roles("superuser").claim("scope", "manager finance").sign();
        assertThat(get("/api/guarded/reports", scopesOnly, "en").status()).isEqualTo(403);
    }

    private Api.Answer get(String path, String token, String language) {
        return new Api(port)
                .sendWith("GET", path, token, null, Map.of("Accept-Language", language));
    }
}
