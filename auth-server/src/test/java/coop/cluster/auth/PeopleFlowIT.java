package coop.cluster.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.nimbusds.jwt.JWTClaimsSet;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.testing.events.TopicEvents;
import coop.cluster.testing.http.Api;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * People and accounts end to end (docs/people.md), over HTTP, on the real store and broker, with
 * the mails read from a real SMTP server (GreenMail): invitation → mail → acceptance → login with
 * the authorization code flow; sign-up → confirmation; membership's events (admitted with {@code
 * appliedBy}, excluded) → the next token; one-time links that work once and expire; anonymous
 * answers that do not tell whether an address is known.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = AuthServerApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PeopleFlowIT {

    static final String ISSUER = "http://issuer.cluster.test:9000";
    static final String ATLAS = "11111111-1111-4111-8111-111111111111";
    private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]{20,})");

    @RegisterExtension
    static final GreenMailExtension mail =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
                    .withConfiguration(
                            GreenMailConfiguration.aConfig().withDisabledAuthentication())
                    .withPerMethodLifecycle(
                            false); // up before the application context, which reads its port

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri("people_flow_it"));
        registry.add("cluster.identity.issuer", () -> ISSUER);
        registry.add("cluster.identity.demo.enabled", () -> "true");
        registry.add(
                "cluster.identity.signing-key-file",
                () ->
                        AuthServerTestBase.temporaryDirectory()
                                .resolve("signing-key.jwk")
                                .toString());
        registry.add("cluster.identity.links.password-reset", () -> "PT2S");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> mail.getSmtp().getPort());
    }

    @LocalServerPort int port;

    private final TopicEvents topics = new TopicEvents(EmbeddedInfra.shared().bootstrapServers());

    @Test
    void anInvitedPersonSetsAPasswordLogsInAndTheirTokenCarriesTheOrganisation() throws Exception {
        String manager = accessToken("manon", "demo");
        String email = "nadia." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";

        Api.Answer invited =
                api().post(
                                "/api/identity/invitations",
                                manager,
                                """
                                {"email":"%s","displayName":"Nadia","language":"fr","memberId":"%s","roles":["member"]}
                                """
                                        .formatted(email, ATLAS));
        assertThat(invited.status()).as(invited.body()).isEqualTo(201);
        assertThat(invited.json().path("sent").asBoolean()).isTrue();

        MimeMessage letter = mailTo(email);
        assertThat(letter.getSubject()).isEqualTo("Votre invitation à la plateforme du cluster");
        String token = linkToken(letter);
        Api.Answer accepted =
                api().post(
                                "/api/identity/invitations/acceptance",
                                null,
                                """
                                {"token":"%s","password":"correct horse battery","displayName":"Nadia B."}
                                """
                                        .formatted(token));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        String personId = accepted.json().path("id").asString();

        JWTClaimsSet claims = claims(email, "correct horse battery");
        assertThat(claims.getSubject()).isEqualTo(personId);
        assertThat(claims.getStringClaim("member_id")).isEqualTo(ATLAS);
        assertThat(claims.getStringListClaim("roles")).containsExactly("member");

        Api.Answer again =
                api().post(
                                "/api/identity/invitations/acceptance",
                                null,
                                """
                                {"token":"%s","password":"another password 2"}
                                """
                                        .formatted(token));
        assertThat(again.status()).as("a one-time link works once").isEqualTo(400);
        assertThat(again.json().path("type").asString()).endsWith("/invalid-link");
        List<TopicEvents.Event> events =
                topics.read("identity.people", personId, 2, Duration.ofSeconds(30));
        assertThat(events)
                .extracting(TopicEvents.Event::type)
                .containsExactly(
                        "cluster.identity.person.registered.v1",
                        "cluster.identity.person.joined-organisation.v1");
    }

    @Test
    void aSignedUpPersonConfirmsAndBecomesAdminOfTheMemberTheyApplyFor() throws Exception {
        String email = "sami." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        Api.Answer signedUp =
                api().post(
                                "/api/identity/sign-ups",
                                null,
                                """
                                {"email":"%s","displayName":"Sami","language":"en","password":"a long enough password"}
                                """
                                        .formatted(email.toUpperCase()));
        assertThat(signedUp.status()).isEqualTo(202);
        MimeMessage letter = mailTo(email);
        assertThat(letter.getSubject()).isEqualTo("Confirm your address");
        Api.Answer confirmed =
                api().post(
                                "/api/identity/sign-ups/confirmation",
                                null,
                                "{\"token\":\"" + linkToken(letter) + "\"}");
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        String personId = confirmed.json().path("id").asString();

        JWTClaimsSet before = claims(email, "a long enough password");
        assertThat(before.getSubject()).isEqualTo(personId);
        assertThat(before.getClaims()).doesNotContainKey("member_id");
        assertThat(before.getStringListClaim("roles")).isEmpty();

        String memberId = UUID.randomUUID().toString();
        topics.publish(
                "membership.members",
                memberId,
                UUID.randomUUID().toString(),
                "cluster.membership.member.applied.v1",
                "{\"memberId\":\"%s\",\"legalName\":\"Sami SARL\",\"appliedBy\":\"%s\"}"
                        .formatted(memberId, personId));
        topics.publish(
                "membership.members",
                memberId,
                UUID.randomUUID().toString(),
                "cluster.membership.member.admitted.v1",
                "{\"memberId\":\"%s\"}".formatted(memberId));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                assertThat(
                                                claims(email, "a long enough password")
                                                        .getStringClaim("member_id"))
                                        .isEqualTo(memberId));
        assertThat(claims(email, "a long enough password").getStringListClaim("roles"))
                .containsExactly("member", "admin");

        OAuthClient app = new OAuthClient("http://localhost:" + port);
        String refreshToken =
                app.login(email, "a long enough password").path("refresh_token").asString();

        topics.publish(
                "membership.members",
                memberId,
                UUID.randomUUID().toString(),
                "cluster.membership.member.excluded.v1",
                "{\"memberId\":\"%s\",\"reason\":\"x\"}".formatted(memberId));

        List<TopicEvents.Event> personEvents =
                topics.read("identity.people", personId, 3, Duration.ofSeconds(30));
        assertThat(personEvents)
                .extracting(TopicEvents.Event::type)
                .containsExactly(
                        "cluster.identity.person.registered.v1",
                        "cluster.identity.person.joined-organisation.v1",
                        "cluster.identity.person.left-organisation.v1");
        assertThat(personEvents.get(2).data().path("reason").asString())
                .isEqualTo("member-excluded");
        List<TopicEvents.Event> memberEvents =
                topics.read("identity.people", memberId, 1, Duration.ofSeconds(30));
        assertThat(memberEvents.getFirst().type()).isEqualTo("cluster.identity.access.revoked.v1");
        assertThat(memberEvents.getFirst().data().path("memberId").asString()).isEqualTo(memberId);

        // the refresh token held while a member no longer works: sessions end with the member's
        // exclusion
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> {
                            HttpResponse<String> refreshed =
                                    app.token(
                                            Map.of(
                                                    "grant_type",
                                                    "refresh_token",
                                                    "refresh_token",
                                                    refreshToken,
                                                    "client_id",
                                                    OAuthClient.WEB_CLIENT));
                            assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(400);
                            assertThat(OAuthClient.json(refreshed.body()).path("error").asString())
                                    .isEqualTo("invalid_grant");
                        });
        JWTClaimsSet after = claims(email, "a long enough password");
        assertThat(after.getClaims()).doesNotContainKey("member_id");
        assertThat(after.getStringListClaim("roles")).isEmpty();
    }

    @Test
    void signUpAndResetAnswerTheSameForKnownAndUnknownAddresses() {
        String unknown = "nobody." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String body =
                "{\"email\":\"%s\",\"displayName\":\"X\",\"language\":\"fr\",\"password\":\"0123456789ab\"}";

        Api.Answer known =
                api().post(
                                "/api/identity/sign-ups",
                                null,
                                body.formatted("amina@demo.cluster.coop"));
        Api.Answer fresh = api().post("/api/identity/sign-ups", null, body.formatted(unknown));
        assertThat(known.status()).isEqualTo(fresh.status()).isEqualTo(202);
        assertThat(known.json()).isEqualTo(fresh.json());

        Api.Answer knownReset =
                api().post(
                                "/api/identity/password-resets",
                                null,
                                "{\"email\":\"bruno@demo.cluster.coop\"}");
        Api.Answer unknownReset =
                api().post(
                                "/api/identity/password-resets",
                                null,
                                "{\"email\":\"" + unknown + "\"}");
        assertThat(knownReset.status()).isEqualTo(unknownReset.status()).isEqualTo(202);
        assertThat(knownReset.json()).isEqualTo(unknownReset.json());
    }

    @Test
    void anExpiredResetLinkIsRefused() throws Exception {
        assertThat(
                        api().post(
                                        "/api/identity/password-resets",
                                        null,
                                        "{\"email\":\"farid@demo.cluster.coop\"}")
                                .status())
                .isEqualTo(202);
        String token = linkToken(mailTo("farid@demo.cluster.coop"));
        Thread.sleep(2500); // the link lives 2 s in this test

        Api.Answer late =
                api().post(
                                "/api/identity/password-resets/completion",
                                null,
                                "{\"token\":\"%s\",\"password\":\"a brand new password\"}"
                                        .formatted(token));

        assertThat(late.status()).isEqualTo(400);
        assertThat(late.json().path("type").asString()).endsWith("/invalid-link");
        assertThat(claims("farid", "demo").getSubject())
                .as("the old password still works")
                .isEqualTo("farid");
    }

    // ---

    private Api api() {
        return new Api(port);
    }

    private String accessToken(String login, String password) {
        return new OAuthClient("http://localhost:" + port)
                .login(login, password)
                .path("access_token")
                .asString();
    }

    private JWTClaimsSet claims(String login, String password) throws ParseException {
        OAuthClient browser = new OAuthClient("http://localhost:" + port);
        return browser.verify(browser.login(login, password).path("access_token").asString());
    }

    /** The last mail to {@code address}, waiting for it. */
    private static MimeMessage mailTo(String address) {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () ->
                                Arrays.stream(mail.getReceivedMessages())
                                        .filter(m -> recipient(m).equalsIgnoreCase(address))
                                        .reduce((a, b) -> b)
                                        .orElse(null),
                        m -> m != null);
    }

    /** Every text part of the mail, decoded. */
    private static String text(jakarta.mail.Part part) {
        try {
            Object content = part.getContent();
            if (content instanceof String text) {
                return text;
            }
            if (content instanceof jakarta.mail.Multipart multipart) {
                StringBuilder all = new StringBuilder();
                for (int i = 0; i < multipart.getCount(); i++) {
                    all.append(text(multipart.getBodyPart(i))).append('\n');
                }
                return all.toString();
            }
            return "";
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getRecipients(Message.RecipientType.TO)[0].toString();
        } catch (Exception e) {
            return "";
        }
    }

    private static String linkToken(MimeMessage message) {
        Matcher matcher = TOKEN.matcher(text(message));
        assertThat(matcher.find()).as("a one-time link in the mail").isTrue();
        return matcher.group(1);
    }
}
