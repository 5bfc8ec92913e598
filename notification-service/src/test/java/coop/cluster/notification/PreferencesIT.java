package coop.cluster.notification;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.infra.testing.MailBox;
import coop.cluster.notification.audience.Audience;
import coop.cluster.notification.audience.Person;
import coop.cluster.notification.notify.Kind;
import coop.cluster.notification.testing.Platform;
import coop.cluster.notification.unsubscribe.UnsubscribeTokens;
import coop.cluster.testing.http.Api;
import coop.cluster.testing.security.TestIssuer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * On the real broker, store and SMTP server: each person chooses per kind how they get its e-mails (immediately,
 * daily or weekly digest, off), essential kinds always immediately.
 */
@EmbeddedInfraTest(mail = true)
@SpringBootTest(classes = NotificationApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"cluster.notifications.email.first-backoff=PT0.2S",
                "cluster.notifications.email.sweep-interval=PT1S", "cluster.notifications.email.lease=PT3S"})
class PreferencesIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PREFERENCES = "/api/notifications/preferences";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri("notification_preferences_it"));
        TestIssuer.shared().register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    Audience audience;

    @Autowired
    UnsubscribeTokens tokens;

    final MailBox mail = EmbeddedInfra.shared().mailBox();
    Platform platform;
    Api api;

    @BeforeEach
    void setUp() {
        platform = new Platform(audience);
        api = new Api(port);
    }

    @Test
    void everyKindIsListedWithItsChoiceAndTheChoicesItAllows() {
        String atlas = platform.organisation("Atlas Agritech SARL");
        String amina = Platform.token(platform.person(atlas, "fr", "member"));

        Api.Answer all = api.get(PREFERENCES, amina);
        assertThat(all.status()).isEqualTo(200);
        JsonNode kinds = all.json().get("kinds");
        assertThat(kinds).hasSize(Kind.notices().size());
        for (JsonNode kind : kinds) {
            assertThat(kind.get("choice").asString()).isEqualTo("immediately");
            if (kind.get("essential").asBoolean()) {
                assertThat(kind.get("allowed").toString()).isEqualTo("[\"immediately\"]");
            } else {
                assertThat(kind.get("allowed").toString()).isEqualTo("[\"immediately\",\"daily\",\"weekly\",\"off\"]");
            }
        }
        assertThat(choiceOf(all, "invoice-overdue")).isEqualTo("immediately");
        assertThat(essential(all, "invoice-overdue")).isTrue();
        assertThat(essential(all, "report-published")).isFalse();

        Api.Answer one = api.put(PREFERENCES + "/report-published", amina, "{\"choice\":\"daily\"}");
        assertThat(one.status()).as(one.body()).isEqualTo(200);
        assertThat(one.at("/kind")).isEqualTo("report-published");
        assertThat(one.at("/choice")).isEqualTo("daily");
        assertThat(choiceOf(api.get(PREFERENCES, amina), "report-published")).isEqualTo("daily");

        Api.Answer several = api.put(PREFERENCES, amina,
                "{\"choices\":{\"call-deadline\":\"weekly\",\"report-published\":\"off\",\"vote-opened\":\"immediately\"}}");
        assertThat(several.status()).as(several.body()).isEqualTo(200);
        assertThat(choiceOf(several, "call-deadline")).isEqualTo("weekly");
        assertThat(choiceOf(several, "report-published")).isEqualTo("off");
        assertThat(choiceOf(several, "vote-opened")).isEqualTo("immediately");

        // another person's preferences are their own
        String bruno = Platform.token(platform.person(atlas, "en", "member"));
        assertThat(choiceOf(api.get(PREFERENCES, bruno), "report-published")).isEqualTo("immediately");
    }

    @Test
    void anEssentialKindCannotBeTurnedOffOrDelayedAndABadValueIsRefused() {
        String atlas = platform.organisation("Atlas Agritech SARL");
        Person camille = platform.person(atlas, "fr", "member");
        String token = Platform.token(camille);

        Api.Answer off = api.put(PREFERENCES + "/invoice-overdue", token, "{\"choice\":\"off\"}");
        assertThat(off.status()).isEqualTo(422);
        assertThat(off.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(off.at("/type")).endsWith("/essential-notification-kind");
        assertThat(off.at("/detail")).contains("invoice-overdue is essential").contains("cannot be off");
        HttpResponse<String> french = sendFrench("PUT", PREFERENCES + "/invoice-overdue", token, "{\"choice\":\"daily\"}");
        assertThat(french.statusCode()).isEqualTo(422);
        assertThat(french.body()).contains("invoice-overdue est essentielle").contains("ne peut pas être daily");

        // all or nothing: the refused kind stops the others too
        Api.Answer mixed = api.put(PREFERENCES, token,
                "{\"choices\":{\"report-published\":\"weekly\",\"vote-opened\":\"weekly\"}}");
        assertThat(mixed.status()).isEqualTo(422);
        assertThat(choiceOf(api.get(PREFERENCES, token), "report-published")).isEqualTo("immediately");

        Api.Answer badValue = api.put(PREFERENCES + "/report-published", token, "{\"choice\":\"hourly\"}");
        assertThat(badValue.status()).isEqualTo(400);
        assertThat(badValue.at("/type")).endsWith("/invalid-notification-choice");
        assertThat(badValue.at("/detail")).contains("hourly");
        assertThat(sendFrench("PUT", PREFERENCES + "/report-published", token, "{\"choice\":\"hourly\"}").body())
                .contains("« hourly » n’est pas un choix");
        assertThat(api.put(PREFERENCES + "/report-published", token, "{}").status()).isEqualTo(400);
        assertThat(api.put(PREFERENCES + "/report-published", token, "{\"choice\":3}").status()).isEqualTo(400);
        assertThat(api.put(PREFERENCES, token, "{\"choices\":{}}").status()).isEqualTo(400);
        Api.Answer unknownKind = api.put(PREFERENCES, token, "{\"choices\":{\"gossip\":\"off\"}}");
        assertThat(unknownKind.status()).isEqualTo(400);
        assertThat(unknownKind.at("/type")).endsWith("/unknown-notification-kind");
        assertThat(api.put(PREFERENCES + "/gossip", token, "{\"choice\":\"off\"}").status()).isEqualTo(404);
        assertThat(api.get(PREFERENCES, null).status()).isEqualTo(401);
    }

    @Test
    void theOneClickUnsubscribeStillTurnsTheKindOff() {
        String atlas = platform.organisation("Atlas Agritech SARL");
        Person amina = platform.person(atlas, "fr", "member");
        String token = Platform.token(amina);
        assertThat(api.put(PREFERENCES + "/call-deadline", token, "{\"choice\":\"weekly\"}").status()).isEqualTo(200);

        Api.Answer unsubscribed = api.post("/api/notifications/unsubscribe?token=" + URLEncoder.encode(
                tokens.issue(amina.id(), Kind.CALL_DEADLINE), StandardCharsets.UTF_8), null, null);
        assertThat(unsubscribed.status()).isEqualTo(200);
        assertThat(choiceOf(api.get(PREFERENCES, token), "call-deadline")).isEqualTo("off");
        // and a choice made afterwards wins over it
        assertThat(api.put(PREFERENCES + "/call-deadline", token, "{\"choice\":\"immediately\"}").status())
                .isEqualTo(200);
        assertThat(choiceOf(api.get(PREFERENCES, token), "call-deadline")).isEqualTo("immediately");
    }

    static String choiceOf(Api.Answer answer, String kind) {
        for (JsonNode node : answer.json().get("kinds")) {
            if (kind.equals(node.get("kind").asString())) {
                return node.get("choice").asString();
            }
        }
        throw new AssertionError(kind + " not in " + answer.body());
    }

    private static boolean essential(Api.Answer answer, String kind) {
        for (JsonNode node : answer.json().get("kinds")) {
            if (kind.equals(node.get("kind").asString())) {
                return node.get("essential").asBoolean();
            }
        }
        throw new AssertionError(kind + " not in " + answer.body());
    }

    HttpResponse<String> sendFrench(String method, String path, String token, String body) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Accept-Language", "fr").header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
