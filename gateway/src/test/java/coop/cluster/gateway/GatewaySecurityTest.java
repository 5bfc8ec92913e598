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
 * The gateway as a resource server, against a stub issuer with a real discovery document and JWKS: what passes,
 * what is refused, and how refusals look.
 */
class GatewaySecurityTest extends GatewayIntegrationTest {

    @Test
    void noTokenIs401ProblemWithBearerChallengeAndCorrelationId() {
        client.get().uri("/api/members/x").header("X-Correlation-Id", "sec-1").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader().valueEquals("X-Correlation-Id", "sec-1")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://cluster.coop/problems/unauthenticated")
                .jsonPath("$.title").isEqualTo("Authentication required")
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.detail").isNotEmpty()
                .jsonPath("$.instance").isEqualTo("/api/members/x")
                .jsonPath("$.correlationId").isEqualTo("sec-1");
        assertThat(service("membership").last("/api/members/x")).isNull();
    }

    @Test
    void validTokenPassesAndTheAuthorizationHeaderArrivesUnchanged() {
        String token = ISSUER.token("amina", "member");
        client.get().uri("/api/members/valid-token").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("membership /api/members/valid-token");
        assertThat(service("membership").last("/api/members/valid-token").headers()
                .getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer " + token);
    }

    @Test
    void tamperedPayloadIsRefused() {
        String[] parts = ISSUER.token("bruno", "member").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]));
        String forged = payload.replace("\"bruno\"", "\"manon\"").replace("\"member\"", "\"manager\"");
        assertThat(forged).isNotEqualTo(payload);
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes())
                + "." + parts[2];
        assertInvalidToken(tampered, "/api/members/tampered");
    }

    @Test
    void tokenSignedWithAnotherKeyIsRefused() {
        assertInvalidToken(ISSUER.tokenSignedByStranger("stranger"), "/api/members/stranger");
    }

    @Test
    void tokenExpiredBeyondTheFiveSecondSkewIsRefused() {
        // 30 s ago: would still pass with Spring's default 60 s skew
        String expired = ISSUER.token(claims -> claims.subject("late")
                .issueTime(Date.from(Instant.now().minusSeconds(600)))
                .notBeforeTime(Date.from(Instant.now().minusSeconds(600)))
                .expirationTime(Date.from(Instant.now().minusSeconds(30))));
        assertInvalidToken(expired, "/api/members/expired");
    }

    @Test
    void tokenExpiredWithinTheSkewIsAccepted() {
        String justExpired = ISSUER.token(claims -> claims.subject("just-late")
                .issueTime(Date.from(Instant.now().minusSeconds(600)))
                .notBeforeTime(Date.from(Instant.now().minusSeconds(600)))
                .expirationTime(Date.from(Instant.now().minusSeconds(2))));
        client.get().uri("/api/members/skew").header(HttpHeaders.AUTHORIZATION, "Bearer " + justExpired)
                .exchange()
                .expectStatus().isOk();
    }

    @Test
    void tamperedTokenIsRefusedEvenAfterTheGenuineOneWasVerifiedAndCached() {
        String genuine = ISSUER.token("bruno", "member");
        for (int i = 0; i < 2; i++) {
            client.get().uri("/api/members/genuine-" + i).header(HttpHeaders.AUTHORIZATION, "Bearer " + genuine)
                    .exchange()
                    .expectStatus().isOk();
        }
        String[] parts = genuine.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]));
        String forged = payload.replace("\"member\"", "\"manager\"");
        assertThat(forged).isNotEqualTo(payload);
        assertInvalidToken(parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                forged.getBytes()) + "." + parts[2], "/api/members/tampered-after-genuine");
        // the signature of another token on the genuine header and payload
        String other = ISSUER.token("bruno", "manager");
        assertInvalidToken(parts[0] + "." + parts[1] + "." + other.split("\\.")[2],
                "/api/members/resigned-after-genuine");
    }

    @Test
    void aVerifiedTokenStopsWorkingWhenItExpires() {
        // valid for 1-2 s more, plus the 5 s skew: accepted (and cached) now, refused about 6 s later
        // (exp is whole seconds in a JWT, hence the truncation)
        Instant expiry = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        String shortLived = ISSUER.token(claims -> claims.subject("brief").claim("roles", List.of("member"))
                .expirationTime(Date.from(expiry)));
        client.get().uri("/api/members/brief-0").header(HttpHeaders.AUTHORIZATION, "Bearer " + shortLived)
                .exchange()
                .expectStatus().isOk();
        client.get().uri("/api/members/brief-1").header(HttpHeaders.AUTHORIZATION, "Bearer " + shortLived)
                .exchange()
                .expectStatus().isOk();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).until(() -> client.get()
                .uri("/api/members/brief-late").header(HttpHeaders.AUTHORIZATION, "Bearer " + shortLived)
                .exchange().returnResult(String.class).getStatus().value() == 401);
        assertThat(Instant.now()).isAfter(expiry.plus(IssuerJwtDecoders.CLOCK_SKEW));
        assertInvalidToken(shortLived, "/api/members/brief-expired");
    }

    @Test
    void tokenFromAnotherIssuerIsRefused() {
        String foreign = ISSUER.token(claims -> claims.subject("amina").issuer("http://evil.example"));
        assertInvalidToken(foreign, "/api/members/foreign");
    }

    @Test
    void garbageTokenIsRefused() {
        assertInvalidToken("not.a.jwt", "/api/members/garbage");
    }

    @Test
    void signedFeedPushPassesWithoutToken() {
        String path = "/api/feeds/eu-ft-portal/calls";
        client.post().uri(path)
                .header("X-Feed-Id", "eu-ft-portal")
                .header("X-Feed-Timestamp", "1764000000")
                .header("X-Feed-Signature", "sha256=abc123")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("[{\"id\":\"c-1\"}]")
                .exchange()
                .expectStatus().isOk();
        StubService.Seen seen = service("funding-watch").last(path);
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.headers().getFirst("X-Feed-Signature")).isEqualTo("sha256=abc123");
        assertThat(seen.headers().getFirst(HttpHeaders.AUTHORIZATION)).isNull();
    }

    @Test
    void feedPushWithoutTokenOrSignatureIs401() {
        String path = "/api/feeds/eu-ft-portal/calls";
        int before = service("funding-watch").calls(path);
        client.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue("[]").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        // two of the three headers are not enough
        client.post().uri(path).header("X-Feed-Id", "eu-ft-portal").header("X-Feed-Timestamp", "1764000000")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("[]").exchange()
                .expectStatus().isUnauthorized();
        // the signature headers open only POST .../calls
        client.get().uri(path).headers(this::signatureHeaders).exchange().expectStatus().isUnauthorized();
        client.post().uri("/api/feeds/eu-ft-portal/other").headers(this::signatureHeaders)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("[]").exchange()
                .expectStatus().isUnauthorized();
        client.post().uri("/api/calls").headers(this::signatureHeaders)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("[]").exchange()
                .expectStatus().isUnauthorized();
        assertThat(service("funding-watch").calls(path)).isEqualTo(before);
    }

    @Test
    void pathsOutsideTheApiAreDeniedEvenWithAToken() {
        client.get().uri("/fallback/membership").header(HttpHeaders.AUTHORIZATION, bearer("amina", "member"))
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://cluster.coop/problems/forbidden");
        client.get().uri("/actuator/env").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void healthIsOpenAndUp() {
        client.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }

    @Test
    void tokenKeysAreFetchedOnceNotPerRequest() {
        for (int i = 0; i < 5; i++) {
            client.get().uri("/api/members/keys-" + i).header(HttpHeaders.AUTHORIZATION, bearer("keys", "member"))
                    .exchange().expectStatus().isOk();
        }
        int afterWarmUp = ISSUER.jwksRequests();
        for (int i = 0; i < 5; i++) {
            client.get().uri("/api/members/keys-" + i).header(HttpHeaders.AUTHORIZATION, bearer("keys", "member"))
                    .exchange().expectStatus().isOk();
        }
        assertThat(ISSUER.jwksRequests()).isEqualTo(afterWarmUp).isPositive();
    }

    private void signatureHeaders(HttpHeaders headers) {
        headers.set("X-Feed-Id", "eu-ft-portal");
        headers.set("X-Feed-Timestamp", "1764000000");
        headers.set("X-Feed-Signature", "sha256=abc123");
    }

    private void assertInvalidToken(String token, String path) {
        WebTestClient.ResponseSpec response = client.get().uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
        response.expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE,
                        challenge -> assertThat(challenge).startsWith("Bearer error=\"invalid_token\""))
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://cluster.coop/problems/invalid-token")
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.correlationId").isNotEmpty();
        assertThat(service("membership").last(path)).as("refused requests never reach the service").isNull();
    }

}
