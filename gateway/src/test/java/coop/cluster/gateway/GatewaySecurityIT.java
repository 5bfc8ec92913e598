package coop.cluster.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway as a resource server, against a stub issuer with a real discovery document and JWKS:
 * what passes, what is refused, and how refusals look.
 */
class GatewaySecurityIT extends GatewayITSupport {

    @Test
    void noTokenIs401ProblemWithBearerChallengeAndCorrelationId() {
        client.get()
                .uri("/api/members/x")
                .header("X-Correlation-Id", "sec-1")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader()
                .valueEquals("X-Correlation-Id", "sec-1")
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://cluster.coop/problems/unauthenticated")
                .jsonPath("$.code")
                .isEqualTo("unauthenticated")
                .jsonPath("$.title")
                .isEqualTo("Authentication required")
                .jsonPath("$.status")
                .isEqualTo(401)
                .jsonPath("$.detail")
                .isNotEmpty()
                .jsonPath("$.instance")
                .isEqualTo("/api/members/x")
                .jsonPath("$.correlationId")
                .isEqualTo("sec-1");
        assertThat(service("membership").last("/api/members/x")).isNull();
    }

    @Test
    void validTokenPassesAndTheAuthorizationHeaderArrivesUnchanged() {
        String token = ISSUER.token("amina", "member");
        client.get()
                .uri("/api/members/valid-token")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo("membership /api/members/valid-token");
        assertThat(
                        service("membership")
                                .last("/api/members/valid-token")
                                .headers()
                                .getFirst(HttpHeaders.AUTHORIZATION))
                .isEqualTo("Bearer " + token);
    }

    @Test
    void tamperedPayloadIsRefused() {
        String[] parts = ISSUER.token("bruno", "member").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]));
        String forged =
                payload.replace("\"bruno\"", "\"manon\"").replace("\"member\"", "\"manager\"");
        assertThat(forged).isNotEqualTo(payload);
        String tampered =
                parts[0]
                        + "."
                        + Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes())
                        + "."
                        + parts[2];
        assertInvalidToken(tampered, "/api/members/tampered");
    }

    @Test
    void tokenSignedWithAnotherKeyIsRefused() {
        assertInvalidToken(ISSUER.tokenSignedByStranger("stranger"), "/api/members/stranger");
    }

    @Test
    void tokenExpiredBeyondTheFiveSecondSkewIsRefused() {
        // 30 s ago: would still pass with Spring's default 60 s skew
        String expired =
                ISSUER.token(
                        claims ->
                                claims.subject("late")
                                        .issueTime(Date.from(Instant.now().minusSeconds(600)))
                                        .notBeforeTime(Date.from(Instant.now().minusSeconds(600)))
                                        .expirationTime(Date.from(Instant.now().minusSeconds(30))));
        assertInvalidToken(expired, "/api/members/expired");
    }

    @Test
    void tokenExpiredWithinTheSkewIsAccepted() {
        String justExpired =
                ISSUER.token(
                        claims ->
                                claims.subject("just-late")
                                        .issueTime(Date.from(Instant.now().minusSeconds(600)))
                                        .notBeforeTime(Date.from(Instant.now().minusSeconds(600)))
                                        .expirationTime(Date.from(Instant.now().minusSeconds(2))));
        client.get()
                .uri("/api/members/skew")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + justExpired)
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void tamperedTokenIsRefusedEvenAfterTheGenuineOneWasVerifiedAndCached() {
        String genuine = ISSUER.token("bruno", "member");
        for (int i = 0; i < 2; i++) {
            client.get()
                    .uri("/api/members/genuine-" + i)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + genuine)
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        String[] parts = genuine.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]));
        String forged = payload.replace("\"member\"", "\"manager\"");
        assertThat(forged).isNotEqualTo(payload);
        assertInvalidToken(
                parts[0]
                        + "."
                        + Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes())
                        + "."
                        + parts[2],
                "/api/members/tampered-after-genuine");
        // the signature of another token on the genuine header and payload
        String other = ISSUER.token("bruno", "manager");
        assertInvalidToken(
                parts[0] + "." + parts[1] + "." + other.split("\\.")[2],
                "/api/members/resigned-after-genuine");
    }

    @Test
    void aVerifiedTokenStopsWorkingWhenItExpires() {
        // valid for 1-2 s more, plus the 5 s skew: accepted (and cached) now, refused about 6 s
        // later
        // (exp is whole seconds in a JWT, hence the truncation)
        Instant expiry = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        String shortLived =
                ISSUER.token(
                        claims ->
                                claims.subject("brief")
                                        .claim("roles", List.of("member"))
                                        .expirationTime(Date.from(expiry)));
        client.get()
                .uri("/api/members/brief-0")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + shortLived)
                .exchange()
                .expectStatus()
                .isOk();
        client.get()
                .uri("/api/members/brief-1")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + shortLived)
                .exchange()
                .expectStatus()
                .isOk();
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () ->
                                client.get()
                                                .uri("/api/members/brief-late")
                                                .header(
                                                        HttpHeaders.AUTHORIZATION,
                                                        "Bearer " + shortLived)
                                                .exchange()
                                                .returnResult(String.class)
                                                .getStatus()
                                                .value()
                                        == 401);
        assertThat(Instant.now()).isAfter(expiry.plus(IssuerJwtDecoders.CLOCK_SKEW));
        assertInvalidToken(shortLived, "/api/members/brief-expired");
    }

    @Test
    void tokenFromAnotherIssuerIsRefused() {
        String foreign =
                ISSUER.token(claims -> claims.subject("amina").issuer("http://evil.example"));
        assertInvalidToken(foreign, "/api/members/foreign");
    }

    /** farid's ID token sent as a bearer token: signed by the issuer, but not an access token. */
    @Test
    void anIdTokenIsRefused() {
        assertInvalidToken(ISSUER.idToken("farid", "finance"), "/api/finance/id-token");
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        assertInvalidToken(
                ISSUER.token(
                        claims ->
                                claims.subject("demo")
                                        .claim("roles", List.of("manager"))
                                        .audience("demo-expiring")),
                "/api/members/other-audience");
        assertInvalidToken(
                ISSUER.token(
                        claims ->
                                claims.subject("demo")
                                        .claim("roles", List.of("manager"))
                                        .audience(List.of("cluster-web", "account"))),
                "/api/members/other-audiences");
        assertInvalidToken(
                ISSUER.token(
                        claims ->
                                claims.subject("demo")
                                        .claim("roles", List.of("manager"))
                                        .audience((String) null)),
                "/api/members/no-audience");
    }

    @Test
    void aTokenWithoutTheAccessTokenTypeIsRefused() {
        assertInvalidToken(
                ISSUER.tokenOfType("JWT", claims -> claims.subject("amina")),
                "/api/members/typ-jwt");
        assertInvalidToken(
                ISSUER.tokenOfType(null, claims -> claims.subject("amina")),
                "/api/members/typ-none");
        client.get()
                .uri("/api/members/typ-media-type")
                .header(
                        HttpHeaders.AUTHORIZATION,
                        "Bearer "
                                + ISSUER.tokenOfType(
                                        "application/AT+JWT", claims -> claims.subject("amina")))
                .exchange()
                .expectStatus()
                .isOk();
    }

    /** What the JWT library says about a refused token is logged, never answered. */
    @Test
    void refusalsDoNotRepeatTheLibrarysText() {
        String good = ISSUER.token("amina", "member");
        String[] parts = good.split("\\.");
        String unsigned =
                Base64.getUrlEncoder()
                                .withoutPadding()
                                .encodeToString("{\"alg\":\"none\",\"typ\":\"at+jwt\"}".getBytes())
                        + "."
                        + parts[1]
                        + ".";
        for (String token :
                new String[] {
                    "not.a.jwt",
                    "a.b.c",
                    unsigned,
                    ISSUER.idToken("amina", "member"),
                    ISSUER.tokenSignedByStranger("amina")
                }) {
            for (String language : new String[] {"en", "fr"}) {
                client.get()
                        .uri("/api/members/library-text")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                        .header(HttpHeaders.ACCEPT_LANGUAGE, language)
                        .exchange()
                        .expectStatus()
                        .isUnauthorized()
                        .expectHeader()
                        .valueEquals(
                                HttpHeaders.WWW_AUTHENTICATE,
                                "Bearer error=\"invalid_token\", error_description=\"The access"
                                    + " token is not valid for this API\", "
                                    + "error_uri=\"https://datatracker.ietf.org/doc/html/rfc6750#section-3.1\"")
                        .expectBody(String.class)
                        .value(
                                body ->
                                        assertThat(body)
                                                .as(token)
                                                .doesNotContainIgnoringCase("jwt")
                                                .doesNotContainIgnoringCase("algorithm")
                                                .doesNotContain("decode")
                                                .contains(
                                                        "en".equals(language)
                                                                ? "Invalid access token"
                                                                : "Jeton d'accès invalide"));
            }
        }
    }

    @Test
    void theGatewaysOwnProblemsSpeakFrench() {
        client.get()
                .uri("/api/members/fr")
                .header(HttpHeaders.ACCEPT_LANGUAGE, "fr-FR,fr;q=0.9,en;q=0.5")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Authentification requise")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).startsWith("Ce point d'accès"));
        client.get()
                .uri("/api/nowhere")
                .header(HttpHeaders.ACCEPT_LANGUAGE, "fr")
                .header(HttpHeaders.AUTHORIZATION, bearer("amina", "member"))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://cluster.coop/problems/no-endpoint")
                .jsonPath("$.title")
                .isEqualTo("Introuvable")
                .jsonPath("$.detail")
                .isEqualTo("Aucun point d'accès de l'API à /api/nowhere.");
        client.get()
                .uri("/api/nowhere")
                .header(HttpHeaders.ACCEPT_LANGUAGE, "en")
                .header(HttpHeaders.AUTHORIZATION, bearer("amina", "member"))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Not found")
                .jsonPath("$.detail")
                .isEqualTo("No API endpoint at /api/nowhere.");
    }

    @Test
    void garbageTokenIsRefused() {
        assertInvalidToken("not.a.jwt", "/api/members/garbage");
    }

    @Test
    void signedFeedPushPassesWithoutToken() {
        String path = "/api/feeds/eu-ft-portal/calls";
        client.post()
                .uri(path)
                .header("X-Feed-Id", "eu-ft-portal")
                .header("X-Feed-Timestamp", "1764000000")
                .header("X-Feed-Signature", "sha256=abc123")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("[{\"id\":\"c-1\"}]")
                .exchange()
                .expectStatus()
                .isOk();
        StubService.Seen seen = service("funding-watch").last(path);
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.headers().getFirst("X-Feed-Signature")).isEqualTo("sha256=abc123");
        assertThat(seen.headers().getFirst(HttpHeaders.AUTHORIZATION)).isNull();
    }

    @Test
    void feedPushWithoutTokenOrSignatureIs401() {
        String path = "/api/feeds/eu-ft-portal/calls";
        int before = service("funding-watch").calls(path);
        client.post()
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("[]")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        // two of the three headers are not enough
        client.post()
                .uri(path)
                .header("X-Feed-Id", "eu-ft-portal")
                .header("X-Feed-Timestamp", "1764000000")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("[]")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        // the signature headers open only POST .../calls
        client.get()
                .uri(path)
                .headers(this::signatureHeaders)
                .exchange()
                .expectStatus()
                .isUnauthorized();
        client.post()
                .uri("/api/feeds/eu-ft-portal/other")
                .headers(this::signatureHeaders)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("[]")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        client.post()
                .uri("/api/calls")
                .headers(this::signatureHeaders)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("[]")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        assertThat(service("funding-watch").calls(path)).isEqualTo(before);
    }

    @Test
    void pathsOutsideTheApiAreDeniedEvenWithAToken() {
        client.get()
                .uri("/fallback/membership")
                .header(HttpHeaders.AUTHORIZATION, bearer("amina", "member"))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://cluster.coop/problems/forbidden");
        client.get().uri("/actuator/env").exchange().expectStatus().isUnauthorized();
    }

    /**
     * Nothing under /actuator but health through the gateway: not metrics, not info, with or
     * without a token.
     */
    @Test
    void actuatorEndpointsOtherThanHealthAreClosed() {
        for (String path :
                new String[] {
                    "/actuator/prometheus",
                    "/actuator/info",
                    "/actuator/metrics",
                    "/actuator/env",
                    "/actuator",
                    "/actuator/gateway/routes",
                    "/actuator/health/../prometheus",
                    // a made-up health group, a component, under a probe: each answered an empty
                    // 404, not a problem
                    "/actuator/health/x",
                    "/actuator/health/diskSpace",
                    "/actuator/health/liveness/x"
                }) {
            client.get()
                    .uri(path)
                    .exchange()
                    .expectStatus()
                    .value(status -> assertThat(status).as(path).isIn(400, 401, 404))
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody(String.class)
                    .value(
                            body ->
                                    assertThat(body)
                                            .as(path)
                                            .doesNotContain("# HELP")
                                            .doesNotContain("jvm_"));
            client.get()
                    .uri(path)
                    .header(HttpHeaders.AUTHORIZATION, bearer("manon", "manager"))
                    .exchange()
                    .expectStatus()
                    .value(status -> assertThat(status).as(path).isIn(400, 403, 404))
                    .expectBody(String.class)
                    .value(body -> assertThat(body).as(path).doesNotContain("# HELP"));
        }
        client.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void healthIsOpenAndUp() {
        client.get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        client.head().uri("/actuator/health").exchange().expectStatus().isOk();
    }

    @Test
    void tokenKeysAreFetchedOnceNotPerRequest() {
        for (int i = 0; i < 5; i++) {
            client.get()
                    .uri("/api/members/keys-" + i)
                    .header(HttpHeaders.AUTHORIZATION, bearer("keys", "member"))
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        int afterWarmUp = ISSUER.jwksRequests();
        for (int i = 0; i < 5; i++) {
            client.get()
                    .uri("/api/members/keys-" + i)
                    .header(HttpHeaders.AUTHORIZATION, bearer("keys", "member"))
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        assertThat(ISSUER.jwksRequests()).isEqualTo(afterWarmUp).isPositive();
    }

    private void signatureHeaders(HttpHeaders headers) {
        headers.set("X-Feed-Id", "eu-ft-portal");
        headers.set("X-Feed-Timestamp", "1764000000");
        headers.set("X-Feed-Signature", "sha256=abc123");
    }

    private void assertInvalidToken(String token, String path) {
        WebTestClient.ResponseSpec response =
                client.get()
                        .uri(path)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                        .exchange();
        response.expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .value(
                        HttpHeaders.WWW_AUTHENTICATE,
                        challenge ->
                                assertThat(challenge).startsWith("Bearer error=\"invalid_token\""))
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://cluster.coop/problems/invalid-token")
                .jsonPath("$.status")
                .isEqualTo(401)
                .jsonPath("$.correlationId")
                .isNotEmpty();
        assertThat(service("membership").last(path))
                .as("refused requests never reach the service")
                .isNull();
    }
}
