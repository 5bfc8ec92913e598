package coop.cluster.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Logging in with an upstream OpenID Connect provider (Keycloak in compose, Entra ID, ...): the
 * person is found by the email the provider verified, and the tokens this issuer makes afterwards
 * are the same as after a password login ({@code sub} the person id, their organisation and roles
 * from the platform). Nobody gets in through an upstream who has no account here, or whose email
 * the provider did not verify. The provider is a real one over HTTP ({@link UpstreamProvider}:
 * discovery, authorization, token with a signed ID token and the nonce, userinfo, JWKS).
 */
class UpstreamLoginTest extends AuthServerTestBase {

    private static final UpstreamProvider UPSTREAM = UpstreamProvider.start();

    @DynamicPropertySource
    static void upstream(DynamicPropertyRegistry registry) {
        registry.add("cluster.identity.upstreams.corporate.issuer-uri", UPSTREAM::issuer);
        registry.add("cluster.identity.upstreams.corporate.client-id", () -> "cluster-issuer");
        registry.add("cluster.identity.upstreams.corporate.client-secret", () -> "upstream-secret");
        registry.add("cluster.identity.upstreams.corporate.display-name", () -> "Corporate SSO");
        // the same provider declared without discovery, as docker compose declares Keycloak
        registry.add("cluster.identity.upstreams.explicit.issuer-uri", UPSTREAM::issuer);
        registry.add("cluster.identity.upstreams.explicit.client-id", () -> "cluster-issuer");
        registry.add("cluster.identity.upstreams.explicit.client-secret", () -> "upstream-secret");
        registry.add("cluster.identity.upstreams.explicit.display-name", () -> "Explicit SSO");
        registry.add(
                "cluster.identity.upstreams.explicit.authorization-uri",
                () -> UPSTREAM.issuer() + "/authorize");
        registry.add(
                "cluster.identity.upstreams.explicit.token-uri",
                () -> UPSTREAM.issuer() + "/token");
        registry.add(
                "cluster.identity.upstreams.explicit.jwk-set-uri",
                () -> UPSTREAM.issuer() + "/jwks");
        registry.add(
                "cluster.identity.upstreams.explicit.user-info-uri",
                () -> UPSTREAM.issuer() + "/userinfo");
    }

    @AfterAll
    static void stop() {
        UPSTREAM.close();
    }

    @Test
    void thePersonWithTheVerifiedEmailGetsTheSameTokensAsWithTheirPassword() throws ParseException {
        OAuthClient browser = newClient();
        UPSTREAM.nextLogin(
                new UpstreamProvider.Login(
                        "corp-4711", "Bruno@demo.cluster.coop", true, "Bruno B."));

        OAuthClient.Pkce pkce = OAuthClient.Pkce.create();
        String callback = loginWithUpstream(browser, pkce);

        assertThat(callback).startsWith(OAuthClient.REDIRECT_URI + "?");
        String code = OAuthClient.queryParameter(callback, "code").orElseThrow();
        HttpResponse<String> token =
                browser.token(
                        Map.of(
                                "grant_type",
                                "authorization_code",
                                "code",
                                code,
                                "redirect_uri",
                                OAuthClient.REDIRECT_URI,
                                "client_id",
                                OAuthClient.WEB_CLIENT,
                                "code_verifier",
                                pkce.verifier()));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        JWTClaimsSet access =
                browser.verify(OAuthClient.json(token.body()).get("access_token").asString());
        assertThat(access.getSubject()).isEqualTo("bruno");
        assertThat(access.getStringClaim("member_id"))
                .isEqualTo("22222222-2222-4222-8222-222222222222");
        assertThat(access.getStringListClaim("roles")).contains("member");
    }

    @Test
    void aProviderDeclaredWithItsEndpointsWorksWithoutDiscovery() throws ParseException {
        OAuthClient browser = newClient();
        UPSTREAM.nextLogin(
                new UpstreamProvider.Login("corp-99", "amina@demo.cluster.coop", true, "Amina"));
        OAuthClient.Pkce pkce = OAuthClient.Pkce.create();

        String callback = loginWithUpstream(browser, pkce, "explicit");

        assertThat(callback).startsWith(OAuthClient.REDIRECT_URI + "?");
        String code = OAuthClient.queryParameter(callback, "code").orElseThrow();
        HttpResponse<String> token =
                browser.token(
                        Map.of(
                                "grant_type",
                                "authorization_code",
                                "code",
                                code,
                                "redirect_uri",
                                OAuthClient.REDIRECT_URI,
                                "client_id",
                                OAuthClient.WEB_CLIENT,
                                "code_verifier",
                                pkce.verifier()));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        assertThat(
                        browser.verify(
                                        OAuthClient.json(token.body())
                                                .get("access_token")
                                                .asString())
                                .getSubject())
                .isEqualTo("amina");
    }

    /**
     * Managers and finance staff still give their TOTP code after an upstream login (the demo
     * staff's secret).
     */
    @Test
    void staffGiveTheirSecondFactorAfterTheUpstreamLogin() throws ParseException {
        OAuthClient browser = newClient();
        UPSTREAM.nextLogin(
                new UpstreamProvider.Login("corp-7", "manon@demo.cluster.coop", true, "Manon"));
        OAuthClient.Pkce pkce = OAuthClient.Pkce.create();

        String stop = loginWithUpstream(browser, pkce);
        assertThat(stop)
                .as("no code before the second factor")
                .contains("/mfa")
                .doesNotContain("code=");
        String callback = browser.secondFactor(DemoCodes.next("manon"));

        assertThat(callback).startsWith(OAuthClient.REDIRECT_URI + "?");
        String code = OAuthClient.queryParameter(callback, "code").orElseThrow();
        HttpResponse<String> token =
                browser.token(
                        Map.of(
                                "grant_type",
                                "authorization_code",
                                "code",
                                code,
                                "redirect_uri",
                                OAuthClient.REDIRECT_URI,
                                "client_id",
                                OAuthClient.WEB_CLIENT,
                                "code_verifier",
                                pkce.verifier()));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        JWTClaimsSet access =
                browser.verify(OAuthClient.json(token.body()).get("access_token").asString());
        assertThat(access.getSubject()).isEqualTo("manon");
        assertThat(access.getStringListClaim("roles")).contains("manager");
    }

    @Test
    void nobodyGetsInWithoutAnAccountHereOrWithAnUnverifiedEmail() {
        UPSTREAM.nextLogin(
                new UpstreamProvider.Login(
                        "corp-1", "stranger@corporate.example", true, "Stranger"));
        assertThat(loginWithUpstream(newClient(), OAuthClient.Pkce.create()))
                .contains("/login?upstream-error");

        UPSTREAM.nextLogin(
                new UpstreamProvider.Login(
                        "corp-2", "amina@demo.cluster.coop", false, "Not Amina"));
        assertThat(loginWithUpstream(newClient(), OAuthClient.Pkce.create()))
                .contains("/login?upstream-error");
    }

    @Test
    void theLoginPageOffersTheUpstream() {
        OAuthClient browser = newClient();
        HttpResponse<String> page = browser.browse(browser.baseUrl() + "/login");
        assertThat(page.body())
                .contains("/oauth2/authorization/corporate")
                .contains("Corporate SSO");
    }

    /**
     * The browser's way: the authorization request, the login page's upstream button, the provider
     * (which logs {@link UpstreamProvider#nextLogin} in at once), back to this issuer, and on to
     * the client's redirect URI. Returns where the browser ends up.
     */
    private static String loginWithUpstream(OAuthClient browser, OAuthClient.Pkce pkce) {
        return loginWithUpstream(browser, pkce, "corporate");
    }

    private static String loginWithUpstream(
            OAuthClient browser, OAuthClient.Pkce pkce, String upstream) {
        HttpResponse<String> authorization =
                browser.browse(browser.authorizationUrl(pkce, OAuthClient.random(16)));
        assertThat(OAuthClient.location(authorization)).endsWith("/login");
        String next = browser.baseUrl() + "/oauth2/authorization/" + upstream;
        for (int hop = 0; hop < 8; hop++) {
            HttpResponse<String> response = browser.browse(next);
            if (response.statusCode() != 302) {
                return next;
            }
            next = OAuthClient.location(response);
            if (next.startsWith(OAuthClient.REDIRECT_URI)
                    || next.contains("/login?")
                    || next.endsWith("/mfa")) {
                return next;
            }
            if (next.startsWith("/")) {
                next = browser.baseUrl() + next;
            }
        }
        throw new AssertionError("too many redirects, last " + next);
    }
}
