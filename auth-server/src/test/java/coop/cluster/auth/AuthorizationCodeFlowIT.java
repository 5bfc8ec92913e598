package coop.cluster.auth;

import static coop.cluster.auth.OAuthClient.REDIRECT_URI;
import static coop.cluster.auth.OAuthClient.WEB_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.nimbusds.jwt.JWTClaimsSet;
import coop.cluster.auth.OAuthClient.Pkce;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The authorization code flow with PKCE, over HTTP, as a browser and the {@code cluster-web} client
 * run it.
 */
class AuthorizationCodeFlowIT extends AuthServerTestBase {

    @Test
    void discoveryNamesTheConfiguredIssuer() {
        JsonNode discovery =
                OAuthClient.json(newClient().browse("/.well-known/openid-configuration").body());

        assertThat(discovery.path("issuer").asString()).isEqualTo(ISSUER);
        assertThat(discovery.path("jwks_uri").asString()).isEqualTo(ISSUER + "/oauth2/jwks");
        assertThat(discovery.path("userinfo_endpoint").asString()).isEqualTo(ISSUER + "/userinfo");
        assertThat(discovery.path("code_challenge_methods_supported").values())
                .extracting(JsonNode::asString)
                .containsExactly("S256");
    }

    @Test
    void aUserLogsInAndGetsSignedTokensWithTheContractClaims() throws ParseException {
        Instant before = Instant.now();
        OAuthClient browser = newClient();

        JsonNode tokens = browser.login("amina", "demo");

        assertThat(tokens.path("token_type").asString()).isEqualTo("Bearer");
        assertThat(tokens.path("expires_in").asLong()).isBetween(890L, 900L);
        assertThat(tokens.path("refresh_token").asString()).isNotBlank();
        JWTClaimsSet access = browser.verify(tokens.path("access_token").asString());
        assertThat(access.getIssuer()).isEqualTo(ISSUER);
        assertThat(access.getSubject()).isEqualTo("amina");
        assertThat(access.getAudience())
                .as("the platform's API, not the client")
                .containsExactly("cluster-api");
        assertThat(access.getStringClaim("client_id")).isEqualTo(WEB_CLIENT);
        assertThat(OAuthClient.type(tokens.path("access_token").asString())).isEqualTo("at+jwt");
        assertThat(access.getStringListClaim("roles")).containsExactly("member");
        assertThat(access.getStringClaim("member_id"))
                .isEqualTo("11111111-1111-4111-8111-111111111111");
        assertThat(access.getStringClaim("scope")).isEqualTo("openid profile");
        assertThat(access.getClaim("feed_id")).isNull();
        assertThat(
                        Duration.between(
                                access.getIssueTime().toInstant(),
                                access.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(15));
        assertThat(access.getExpirationTime().toInstant())
                .isCloseTo(before.plus(Duration.ofMinutes(15)), within(Duration.ofSeconds(30)));

        JWTClaimsSet id = browser.verify(tokens.path("id_token").asString());
        assertThat(id.getIssuer()).isEqualTo(ISSUER);
        assertThat(id.getSubject()).isEqualTo("amina");
        assertThat(id.getAudience()).containsExactly(WEB_CLIENT);
        assertThat(OAuthClient.type(tokens.path("id_token").asString()))
                .as("an ID token is no access token")
                .isNotEqualTo("at+jwt");
        assertThat(id.getStringListClaim("roles")).containsExactly("member");
        assertThat(id.getStringClaim("member_id"))
                .isEqualTo("11111111-1111-4111-8111-111111111111");
    }

    @Test
    void aUserWithTwoRolesGetsBoth() throws ParseException {
        OAuthClient browser = newClient();

        JWTClaimsSet access =
                browser.verify(browser.login("delphine", "demo").path("access_token").asString());

        assertThat(access.getStringListClaim("roles")).containsExactly("member", "delegate");
        assertThat(access.getStringClaim("member_id"))
                .isEqualTo("33333333-3333-4333-8333-333333333333");
    }

    @Test
    void aManagerHasNoMemberId() throws ParseException {
        OAuthClient browser = newClient();

        JWTClaimsSet access =
                browser.verify(browser.login("manon", "demo").path("access_token").asString());

        assertThat(access.getStringListClaim("roles")).containsExactly("manager", "platform-admin");
        assertThat(access.getClaims()).doesNotContainKey("member_id");
    }

    @Test
    void userinfoAnswersWithTheRolesAndMemberId() {
        OAuthClient browser = newClient();
        String accessToken = browser.login("bruno", "demo").path("access_token").asString();

        HttpResponse<String> userinfo = browser.get("/userinfo", accessToken);

        assertThat(userinfo.statusCode()).isEqualTo(200);
        JsonNode claims = OAuthClient.json(userinfo.body());
        assertThat(claims.path("sub").asString()).isEqualTo("bruno");
        assertThat(claims.path("roles").values())
                .extracting(JsonNode::asString)
                .containsExactly("member");
        assertThat(claims.path("member_id").asString())
                .isEqualTo("22222222-2222-4222-8222-222222222222");
    }

    @Test
    void userinfoRefusesTheIdToken() {
        OAuthClient browser = newClient();
        String idToken = browser.login("bruno", "demo").path("id_token").asString();

        assertThat(browser.get("/userinfo", idToken).statusCode()).isEqualTo(401);
    }

    @Test
    void theRefreshTokenIsRotatedAndTheOldOneRefusedAfterwards() throws ParseException {
        OAuthClient browser = newClient();
        JsonNode first = browser.login("amina", "demo");
        String firstRefresh = first.path("refresh_token").asString();

        HttpResponse<String> refreshed =
                browser.token(
                        Map.of(
                                "grant_type",
                                "refresh_token",
                                "refresh_token",
                                firstRefresh,
                                "client_id",
                                WEB_CLIENT));

        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        JsonNode second = OAuthClient.json(refreshed.body());
        String secondRefresh = second.path("refresh_token").asString();
        assertThat(secondRefresh).isNotBlank().isNotEqualTo(firstRefresh);
        JWTClaimsSet access = browser.verify(second.path("access_token").asString());
        assertThat(access.getSubject()).isEqualTo("amina");
        assertThat(access.getStringListClaim("roles")).containsExactly("member");
        assertThat(access.getStringClaim("member_id"))
                .isEqualTo("11111111-1111-4111-8111-111111111111");

        HttpResponse<String> reused =
                browser.token(
                        Map.of(
                                "grant_type",
                                "refresh_token",
                                "refresh_token",
                                firstRefresh,
                                "client_id",
                                WEB_CLIENT));
        assertThat(reused.statusCode()).isEqualTo(400);
        assertThat(OAuthClient.json(reused.body()).path("error").asString())
                .isEqualTo("invalid_grant");

        HttpResponse<String> again =
                browser.token(
                        Map.of(
                                "grant_type",
                                "refresh_token",
                                "refresh_token",
                                secondRefresh,
                                "client_id",
                                WEB_CLIENT));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    }

    @Test
    void aRefreshTokenOnlyWorksForTheClientItWasIssuedTo() {
        OAuthClient browser = newClient();
        String refreshToken = browser.login("amina", "demo").path("refresh_token").asString();

        HttpResponse<String> otherClient =
                browser.token(
                        Map.of(
                                "grant_type",
                                "refresh_token",
                                "refresh_token",
                                refreshToken,
                                "client_id",
                                "cluster-mobile"));
        HttpResponse<String> unknownClient =
                browser.token(
                        Map.of(
                                "grant_type",
                                "refresh_token",
                                "refresh_token",
                                refreshToken,
                                "client_id",
                                "no-such-client"));

        assertThat(otherClient.statusCode()).isEqualTo(400);
        assertThat(OAuthClient.json(otherClient.body()).path("error").asString())
                .isEqualTo("invalid_grant");
        assertThat(unknownClient.statusCode()).isEqualTo(401);
    }

    @Test
    void aWrongPasswordYieldsNoCode() {
        OAuthClient browser = newClient();

        String afterLogin = browser.authorize("amina", "not-demo", Pkce.create(), "s1");

        assertThat(afterLogin).endsWith("/login?error");
        HttpResponse<String> authorization =
                browser.browse(browser.authorizationUrl(Pkce.create(), "s2"));
        assertThat(authorization.statusCode()).isEqualTo(302);
        assertThat(OAuthClient.location(authorization)).endsWith("/login").doesNotContain("code=");
    }

    @Test
    void anUnknownUserYieldsNoCode() {
        assertThat(newClient().authorize("mallory", "demo", Pkce.create(), "s"))
                .endsWith("/login?error");
    }

    @Test
    void theCodeNeedsTheCodeVerifier() {
        OAuthClient browser = newClient();
        Pkce pkce = Pkce.create();
        String code =
                OAuthClient.queryParameter(browser.authorize("amina", "demo", pkce, "s"), "code")
                        .orElseThrow();

        HttpResponse<String> withoutVerifier =
                browser.token(
                        Map.of(
                                "grant_type",
                                "authorization_code",
                                "code",
                                code,
                                "redirect_uri",
                                REDIRECT_URI,
                                "client_id",
                                WEB_CLIENT));
        HttpResponse<String> wrongVerifier =
                browser.token(
                        Map.of(
                                "grant_type",
                                "authorization_code",
                                "code",
                                code,
                                "redirect_uri",
                                REDIRECT_URI,
                                "client_id",
                                WEB_CLIENT,
                                "code_verifier",
                                Pkce.create().verifier()));

        // without a verifier the public client is not authenticated at all
        assertThat(withoutVerifier.statusCode()).as(withoutVerifier.body()).isEqualTo(400);
        assertThat(OAuthClient.json(withoutVerifier.body()).path("error").asString())
                .isEqualTo("invalid_client");
        assertThat(withoutVerifier.body()).doesNotContain("access_token");
        assertThat(wrongVerifier.statusCode()).isEqualTo(400);
        assertThat(OAuthClient.json(wrongVerifier.body()).path("error").asString())
                .isEqualTo("invalid_grant");
        assertThat(wrongVerifier.body()).doesNotContain("access_token");
    }

    @Test
    void aPublicClientMustSendACodeChallenge() {
        OAuthClient browser = newClient();

        HttpResponse<String> authorization = browser.browse(browser.authorizationUrl(null, "s"));

        assertThat(authorization.statusCode()).isEqualTo(302);
        String redirect = OAuthClient.location(authorization);
        assertThat(redirect).startsWith(REDIRECT_URI + "?");
        assertThat(OAuthClient.queryParameter(redirect, "error")).contains("invalid_request");
        assertThat(OAuthClient.queryParameter(redirect, "code")).isEmpty();
    }

    @Test
    void anUnregisteredRedirectUriIsNotRedirectedTo() {
        OAuthClient browser = newClient();
        String url =
                browser.authorizationUrl(Pkce.create(), "s")
                        .replace("8400%2Fcallback", "8400%2Fsomewhere-else");

        HttpResponse<String> authorization = browser.browse(url);

        assertThat(authorization.statusCode()).isEqualTo(400);
        assertThat(authorization.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void browserClientsMayCallTheTokenEndpointFromTheirOriginOnly() {
        OAuthClient browser = newClient();
        Map<String, String> preflight =
                Map.of(
                        "Access-Control-Request-Method",
                        "POST",
                        "Access-Control-Request-Headers",
                        "content-type");

        HttpResponse<String> webApp =
                browser.options("/oauth2/token", "http://127.0.0.1:5173", preflight);
        HttpResponse<String> swaggerUi =
                browser.options("/oauth2/token", "http://127.0.0.1:8080", preflight);
        HttpResponse<String> elsewhere =
                browser.options("/oauth2/token", "http://evil.example", preflight);

        assertThat(webApp.statusCode()).isEqualTo(200);
        assertThat(webApp.headers().firstValue("Access-Control-Allow-Origin"))
                .contains("http://127.0.0.1:5173");
        assertThat(swaggerUi.headers().firstValue("Access-Control-Allow-Origin"))
                .contains("http://127.0.0.1:8080");
        assertThat(elsewhere.statusCode()).isEqualTo(403);
        assertThat(elsewhere.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void actuatorHealthInfoAndPrometheusAreOpenTheRestIsNot() {
        OAuthClient anonymous = newClient();

        for (String open :
                List.of(
                        "/actuator/health",
                        "/actuator/health/liveness",
                        "/actuator/health/readiness",
                        "/actuator/info",
                        "/actuator/prometheus",
                        "/oauth2/jwks",
                        "/.well-known/openid-configuration")) {
            assertThat(anonymous.get(open).statusCode()).as(open).isEqualTo(200);
        }
        assertThat(anonymous.get("/actuator/prometheus").body()).contains("jvm_memory_used_bytes");
        assertThat(anonymous.browse("/actuator/env").statusCode())
                .isEqualTo(302); // to the login form
        assertThat(anonymous.get("/userinfo", "not-a-token").statusCode()).isEqualTo(401);
    }
}
