package coop.cluster.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.nimbusds.jwt.JWTClaimsSet;
import coop.cluster.auth.oauth.TokenHashes;
import coop.cluster.auth.people.SessionRevoker;
import coop.cluster.auth.session.ExpiredSessions;
import coop.cluster.auth.session.persistence.SessionStore;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.testing.http.Api;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Two issuer instances (two application contexts on their own random ports, one store database, one
 * signing key) and a browser whose requests alternate between them, as behind a load balancer
 * without sticky sessions: the login session is on the store ({@code coop.cluster.auth.session}),
 * so any instance continues the flow. Also: a login session outlives a restart of the instance that
 * made it, an expired one is swept, revoking a person ends theirs, and the API creates none.
 */
@EmbeddedInfraTest
class SessionsAcrossInstancesIT {

    private static final Path KEYS = AuthServerTestBase.temporaryDirectory();
    private static final String DATABASE = "identity_sessions_instances_it";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;

    @BeforeAll
    static void startTwoInstances() {
        a = start();
        b = start();
    }

    @AfterAll
    static void stopInstances() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(AuthServerApplication.class)
                .run(
                        "--server.port=0",
                        "--cluster.identity.issuer=" + AuthServerTestBase.ISSUER,
                        "--cluster.identity.demo.enabled=true",
                        "--cluster.identity.signing-key-file=" + KEYS.resolve("signing-key.jwk"),
                        "--spring.mongodb.uri=" + EmbeddedInfra.shared().mongoUri(DATABASE),
                        "--spring.kafka.bootstrap-servers="
                                + EmbeddedInfra.shared().bootstrapServers(),
                        "--cluster.identity.login.address-capacity=100000");
    }

    private static int port(ConfigurableApplicationContext instance) {
        return Integer.parseInt(instance.getEnvironment().getProperty("local.server.port"));
    }

    private static String base(ConfigurableApplicationContext instance) {
        return "http://localhost:" + port(instance);
    }

    private static MongoCollection<Document> sessionDocuments() {
        return a.getBean(MongoTemplate.class).getCollection(SessionStore.COLLECTION);
    }

    /** The stored document of the session a browser holds the cookie of. */
    private static Document sessionOf(OAuthClient browser) {
        String cookie =
                browser.cookie("SESSION")
                        .orElseThrow(() -> new AssertionError("no session cookie"));
        String id = new String(Base64.getDecoder().decode(cookie), StandardCharsets.UTF_8);
        return sessionDocuments().find(Filters.eq("idHash", TokenHashes.sha256(id))).first();
    }

    private static String csrf(HttpResponse<String> page) {
        Matcher csrf = CSRF.matcher(page.body());
        assertThat(csrf.find()).as("CSRF token in the page").isTrue();
        return csrf.group(1);
    }

    @Test
    void aLoginWithASecondFactorHopsBetweenInstances() {
        OAuthClient onA = new OAuthClient(base(a));
        OAuthClient onB = onA.at(base(b));
        OAuthClient.Pkce pkce = OAuthClient.Pkce.create();
        String state = OAuthClient.random(16);

        // A: the authorization request, saved in a new session; the login page, its CSRF token in
        // the session
        HttpResponse<String> authorization = onA.browse(onA.authorizationUrl(pkce, state));
        assertThat(authorization.statusCode()).isEqualTo(302);
        assertThat(OAuthClient.location(authorization)).isEqualTo(base(a) + "/login");
        List<String> cookies = authorization.headers().allValues("Set-Cookie");
        assertThat(cookies).as("Spring Session's cookie, not the container's").hasSize(1);
        assertThat(cookies.getFirst())
                .startsWith("SESSION=")
                .contains("HttpOnly")
                .contains("SameSite=Lax")
                .doesNotContain("Secure");
        String csrf = csrf(onA.browse(base(a) + "/login"));

        // B: the login form, checked against the CSRF token A put in the session; the session gets
        // a new id
        String before = onA.cookie("SESSION").orElseThrow();
        HttpResponse<String> login =
                onB.postForm(
                        base(b) + "/login",
                        Map.of(
                                "username",
                                OAuthClient.login("farid"),
                                "password",
                                "demo",
                                "_csrf",
                                csrf),
                        Map.of("Accept", "text/html"));
        assertThat(login.statusCode()).isEqualTo(302);
        String resume = OAuthClient.location(login);
        assertThat(resume)
                .as("back to the request saved on A")
                .startsWith(base(a) + "/oauth2/authorize?");
        assertThat(onA.cookie("SESSION").orElseThrow())
                .as("session fixation protection")
                .isNotEqualTo(before);
        String oldId = new String(Base64.getDecoder().decode(before), StandardCharsets.UTF_8);
        assertThat(
                        sessionDocuments()
                                .countDocuments(Filters.eq("idHash", TokenHashes.sha256(oldId))))
                .as("the id before the login leads nowhere")
                .isZero();
        Document stored = sessionOf(onA);
        assertThat(stored.getString("principal")).isEqualTo("farid");
        assertThat(stored.get("maxInactiveSeconds", Number.class).longValue())
                .as("server.servlet.session.timeout, 30 minutes by default")
                .isEqualTo(1800);

        // A: the authorization endpoint wants the second factor; A takes the code
        HttpResponse<String> resumed = onA.browse(resume);
        assertThat(resumed.statusCode()).isEqualTo(302);
        assertThat(OAuthClient.location(resumed)).startsWith(base(a) + "/mfa");
        HttpResponse<String> mfaPage = onA.browse(base(a) + "/mfa");
        assertThat(mfaPage.statusCode()).isEqualTo(200);
        HttpResponse<String> answered = onA.submitCode(mfaPage.body(), DemoCodes.next("farid"));
        assertThat(answered.statusCode()).isEqualTo(302);
        String authorize = OAuthClient.location(answered);
        assertThat(authorize).startsWith(base(a) + "/oauth2/authorize?");

        // B: the code
        HttpResponse<String> callback = onB.browse(authorize.replace(base(a), base(b)));
        assertThat(callback.statusCode()).isEqualTo(302);
        String redirect = OAuthClient.location(callback);
        assertThat(redirect).startsWith(OAuthClient.REDIRECT_URI + "?");
        assertThat(OAuthClient.queryParameter(redirect, "state")).contains(state);

        // A: the tokens
        HttpResponse<String> token =
                onA.token(
                        Map.of(
                                "grant_type",
                                "authorization_code",
                                "code",
                                OAuthClient.queryParameter(redirect, "code").orElseThrow(),
                                "redirect_uri",
                                OAuthClient.REDIRECT_URI,
                                "client_id",
                                OAuthClient.WEB_CLIENT,
                                "code_verifier",
                                pkce.verifier()));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        JWTClaimsSet access =
                onB.verify(OAuthClient.json(token.body()).path("access_token").asString());
        assertThat(access.getSubject()).isEqualTo("farid");
        assertThat(access.getIssuer()).isEqualTo(AuthServerTestBase.ISSUER);
    }

    @Test
    void aLoginSessionOutlivesARestartOfTheInstanceThatMadeIt() {
        OAuthClient browser = new OAuthClient(base(a));
        OAuthClient.Pkce pkce = OAuthClient.Pkce.create();
        HttpResponse<String> authorization =
                browser.browse(browser.authorizationUrl(pkce, "restart"));
        assertThat(OAuthClient.location(authorization)).endsWith("/login");
        HttpResponse<String> login = browser.postLogin("amina", "demo");
        String resume = OAuthClient.location(login);
        assertThat(resume).contains("/oauth2/authorize?");

        String oldBase = base(a);
        a.close();
        a = start();

        OAuthClient restarted = browser.at(base(a));
        HttpResponse<String> callback = restarted.browse(resume.replace(oldBase, base(a)));
        assertThat(callback.statusCode()).isEqualTo(302);
        String redirect = OAuthClient.location(callback);
        assertThat(redirect).as("no new login asked").startsWith(OAuthClient.REDIRECT_URI + "?");
        HttpResponse<String> token =
                browser.at(base(b))
                        .token(
                                Map.of(
                                        "grant_type",
                                        "authorization_code",
                                        "code",
                                        OAuthClient.queryParameter(redirect, "code").orElseThrow(),
                                        "redirect_uri",
                                        OAuthClient.REDIRECT_URI,
                                        "client_id",
                                        OAuthClient.WEB_CLIENT,
                                        "code_verifier",
                                        pkce.verifier()));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
    }

    @Test
    void anExpiredSessionIsSweptAndItsBrowserLogsInAgain() {
        OAuthClient browser = new OAuthClient(base(a));
        browser.login("amina", "demo");
        Document stored = sessionOf(browser);
        assertThat(stored).isNotNull();

        // 31 minutes without a request
        Instant idle = Instant.now().minus(Duration.ofMinutes(31));
        sessionDocuments()
                .updateOne(
                        Filters.eq("_id", stored.get("_id")),
                        Updates.combine(
                                Updates.set("lastAccessedAt", Date.from(idle)),
                                Updates.set(
                                        "expiresAt",
                                        Date.from(idle.plus(Duration.ofMinutes(30))))));
        double sweptBefore = swept(a) + swept(b);

        b.getBean(ExpiredSessions.class).sweep();

        assertThat(sessionDocuments().countDocuments(Filters.eq("_id", stored.get("_id"))))
                .isZero();
        assertThat(swept(a) + swept(b))
                .as("counted by whichever instance swept it")
                .isGreaterThan(sweptBefore);
        assertThat(
                        b.getBean(MeterRegistry.class)
                                .get("cluster.identity.sessions.active")
                                .gauge()
                                .value())
                .isGreaterThanOrEqualTo(0);
        HttpResponse<String> metrics =
                new OAuthClient(base(b)).get(base(b) + "/actuator/prometheus");
        assertThat(metrics.body())
                .contains("cluster_identity_sessions_active")
                .contains("cluster_identity_sessions_swept_total");

        HttpResponse<String> again =
                browser.at(base(b))
                        .browse(
                                browser.at(base(b))
                                        .authorizationUrl(OAuthClient.Pkce.create(), "again"));
        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(OAuthClient.location(again)).as("logged out").isEqualTo(base(b) + "/login");
    }

    private static double swept(ConfigurableApplicationContext instance) {
        return instance.getBean(MeterRegistry.class)
                .get("cluster.identity.sessions.swept")
                .counter()
                .count();
    }

    @Test
    void revokingAPersonEndsTheirLoginSessionsOnEveryInstance() {
        OAuthClient browser = new OAuthClient(base(b));
        browser.login("bruno", "demo");
        assertThat(sessionOf(browser).getString("principal")).isEqualTo("bruno");

        a.getBean(SessionRevoker.class).revokeAll("bruno");

        assertThat(sessionDocuments().countDocuments(Filters.eq("principal", "bruno"))).isZero();
        HttpResponse<String> again =
                browser.browse(browser.authorizationUrl(OAuthClient.Pkce.create(), "again"));
        assertThat(OAuthClient.location(again)).as("logged out").isEqualTo(base(b) + "/login");
    }

    @Test
    void theApiAndTheTokenEndpointCreateNoSession() {
        OAuthClient browser = new OAuthClient(base(a));
        JsonNode tokens = browser.login("delphine", "demo");
        String accessToken = tokens.path("access_token").asString();
        Document browserSession = sessionOf(browser);
        long sessions = sessionDocuments().countDocuments();

        OAuthClient program = new OAuthClient(base(b));
        List<HttpResponse<String>> answers =
                List.of(
                        program.get(base(b) + "/api/identity/me", accessToken),
                        program.get(base(b) + "/api/identity/me"),
                        program.get(base(b) + "/api/identity/clients", accessToken),
                        program.get(base(b) + "/userinfo", accessToken),
                        program.get(base(b) + "/oauth2/jwks"),
                        program.get(base(b) + "/actuator/health"),
                        program.token(
                                Map.of(
                                        "grant_type",
                                        "refresh_token",
                                        "client_id",
                                        OAuthClient.WEB_CLIENT,
                                        "refresh_token",
                                        tokens.path("refresh_token").asString())),
                        new Api(port(b))
                                .post(
                                        "/api/identity/password-resets",
                                        null,
                                        "{\"email\":\"nobody@example.org\"}")
                                .raw(),
                        // the browser's cookie goes along: the API neither reads nor touches its
                        // session
                        browser.at(base(b)).get(base(b) + "/api/identity/me", accessToken));

        assertThat(answers)
                .extracting(HttpResponse::statusCode)
                .containsExactly(200, 401, 403, 200, 200, 200, 200, 202, 200);
        assertThat(answers)
                .allSatisfy(
                        answer ->
                                assertThat(answer.headers().allValues("Set-Cookie"))
                                        .as(answer.uri().toString())
                                        .isEmpty());
        assertThat(sessionDocuments().countDocuments()).isEqualTo(sessions);
        assertThat(sessionOf(browser).getDate("lastAccessedAt"))
                .isEqualTo(browserSession.getDate("lastAccessedAt"));
    }
}
