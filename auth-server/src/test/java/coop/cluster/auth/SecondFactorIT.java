package coop.cluster.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import coop.cluster.auth.mfa.SecondFactors;
import coop.cluster.auth.mfa.Totp;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The second factor (docs/identity.md): a finance person without a secret enrols after the password
 * and only then gets a code; an enrolled one gives a code; a member gives none; a code works once;
 * wrong codes lock. With the demo people in a database of its own: farid (finance) without a
 * secret, manon (manager) with a known one.
 */
@EmbeddedInfraTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecondFactorIT {

    private static final Pattern SECRET =
            Pattern.compile(
                    "otpauth://totp/Cluster:(\\w+)\\?secret=([A-Z2-7]+)&amp;issuer=Cluster");
    private static final String MANON_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    @DynamicPropertySource
    static void identity(DynamicPropertyRegistry registry) {
        registry.add("cluster.identity.demo.enabled", () -> "true");
        registry.add(
                "cluster.identity.signing-key-file",
                () ->
                        AuthServerTestBase.temporaryDirectory()
                                .resolve("signing-key.jwk")
                                .toString());
        registry.add(
                "spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri("identity_mfa_it"));
        registry.add("cluster.identity.login.address-capacity", () -> "100000");
    }

    @LocalServerPort int port;

    @Autowired SecondFactors factors;

    @Autowired MongoTemplate mongo;

    @BeforeEach
    void freshFactors() {
        factors.remove("farid");
        factors.remove("manon");
        factors.enrolDemo("manon", MANON_SECRET);
    }

    private OAuthClient browser() {
        return new OAuthClient("http://localhost:" + port);
    }

    /**
     * The browser steps up to the second factor: authorization request, login, back to the
     * authorization endpoint.
     */
    private static String toSecondFactor(OAuthClient browser, String username) {
        HttpResponse<String> authorization =
                browser.browse(browser.authorizationUrl(OAuthClient.Pkce.create(), "s"));
        assertThat(OAuthClient.location(authorization)).endsWith("/login");
        HttpResponse<String> login = browser.postLogin(username, "demo");
        HttpResponse<String> resumed = browser.browse(OAuthClient.location(login));
        assertThat(resumed.statusCode()).isEqualTo(302);
        return OAuthClient.location(resumed);
    }

    @Test
    void aFinancePersonWithoutSecretEnrolsThenGetsTokens() throws ParseException {
        OAuthClient browser = browser();
        OAuthClient.Pkce pkce = OAuthClient.Pkce.create();
        assertThat(OAuthClient.location(browser.browse(browser.authorizationUrl(pkce, "st"))))
                .endsWith("/login");
        HttpResponse<String> login = browser.postLogin("farid", "demo");
        assertThat(OAuthClient.location(login)).contains("/oauth2/authorize");
        HttpResponse<String> resumed = browser.browse(OAuthClient.location(login));
        assertThat(OAuthClient.location(resumed))
                .as("no code before the second factor")
                .contains("/mfa")
                .doesNotContain("code=");

        HttpResponse<String> enrolment = browser.browse(OAuthClient.location(resumed));
        assertThat(enrolment.statusCode()).isEqualTo(200);
        Matcher secret = SECRET.matcher(enrolment.body());
        assertThat(secret.find()).as("the otpauth URI in the enrolment page").isTrue();
        assertThat(secret.group(1)).isEqualTo("farid");
        assertThat(enrolment.body()).doesNotContain("<script").doesNotContain("style=");
        HttpResponse<String> qr = browser.browse("/mfa/qr.svg");
        assertThat(qr.statusCode()).isEqualTo(200);
        assertThat(qr.body()).startsWith("<svg").doesNotContain("<script");
        assertThat(
                        browser.browse(browser.authorizationUrl(pkce, "again"))
                                .headers()
                                .firstValue("Location"))
                .as("the authorization endpoint still wants the second factor")
                .hasValueSatisfying(l -> assertThat(l).contains("/mfa"));

        assertThat(browser.submitCode(enrolment.body(), "000000").statusCode())
                .as("a wrong code")
                .isEqualTo(400);
        String callback = browser.secondFactor(DemoCodes.next("farid", secret.group(2)));

        assertThat(callback).startsWith(OAuthClient.REDIRECT_URI + "?");
        assertThat(factors.isEnrolled("farid")).isTrue();
        assertThat(browser.browse("/mfa/qr.svg").statusCode())
                .as("the secret is never shown again")
                .isEqualTo(404);
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
                browser.verify(OAuthClient.json(token.body()).path("access_token").asString());
        assertThat(access.getStringListClaim("roles")).containsExactly("finance");

        OAuthClient later = browser();
        assertThat(toSecondFactor(later, "farid")).contains("/mfa");
        HttpResponse<String> codePage = later.browse("/mfa");
        assertThat(codePage.body())
                .as("an enrolled person gets the code page")
                .doesNotContain("otpauth://");
        assertThat(later.secondFactor(DemoCodes.next("farid", secret.group(2))))
                .startsWith(OAuthClient.REDIRECT_URI + "?");
    }

    @Test
    void aMemberGivesNoSecondFactor() {
        OAuthClient browser = browser();
        assertThat(browser.authorize("camille", "demo", OAuthClient.Pkce.create(), "s"))
                .startsWith(OAuthClient.REDIRECT_URI + "?");
    }

    @Test
    void aCodeIsAcceptedOnce() {
        String code = Totp.code(MANON_SECRET, Totp.step(Instant.now()));
        OAuthClient first = browser();
        toSecondFactor(first, "manon");
        assertThat(first.secondFactor(code)).startsWith(OAuthClient.REDIRECT_URI + "?");

        OAuthClient second = browser();
        toSecondFactor(second, "manon");
        assertThat(second.secondFactor(code)).isEqualTo("/mfa 400");
    }

    @Test
    void fiveWrongCodesLockTheSecondFactor() {
        OAuthClient browser = browser();
        toSecondFactor(browser, "manon");
        String page = browser.browse("/mfa").body();
        for (int i = 1; i <= 4; i++) {
            assertThat(browser.submitCode(page, "00000" + i).statusCode())
                    .as("wrong code " + i)
                    .isEqualTo(400);
        }
        HttpResponse<String> fifth = browser.submitCode(page, "000005");
        assertThat(fifth.statusCode()).isEqualTo(429);
        assertThat(fifth.body()).contains("Too many wrong codes");

        String right = Totp.code(MANON_SECRET, Totp.step(Instant.now()));
        assertThat(browser.submitCode(page, right).statusCode())
                .as("even the right code, while locked")
                .isEqualTo(429);
        assertThat(
                        mongo.getCollection("login_failures")
                                .countDocuments(
                                        new Document("login", "manon")
                                                .append("reason", "second-factor")))
                .isGreaterThanOrEqualTo(6);
    }

    @Test
    void theSecondFactorPagesSpeakFrench() {
        OAuthClient browser = browser();
        toSecondFactor(browser, "manon");
        HttpResponse<String> page = browser.send("/mfa", "fr");
        assertThat(page.body()).contains("Code de vérification");
    }
}
