package coop.cluster.auth;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.auth.login.persistence.LoginThrottleStore;
import coop.cluster.auth.oauth.TokenHashes;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.testing.events.TopicEvents;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
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
 * Password guessing is slowed down (docs/identity.md, "Login protection"): five failures lock the
 * account, the sixth attempt is refused even with the right password, other accounts are not
 * affected, an unknown login is answered exactly as a known one, and every failure is a {@code
 * cluster.identity.login.failed.v1} event, written through the outbox.
 */
@EmbeddedInfraTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LoginThrottlingIT {

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
                "spring.mongodb.uri",
                () -> EmbeddedInfra.shared().mongoUri("identity_throttle_it"));
        registry.add("cluster.identity.login.address-capacity", () -> "15");
    }

    @LocalServerPort int port;

    @Autowired MongoTemplate mongo;

    @BeforeEach
    void forgetFailures() {
        mongo.dropCollection(LoginThrottleStore.COLLECTION);
    }

    private OAuthClient browser() {
        return new OAuthClient("http://localhost:" + port);
    }

    @Test
    void fiveFailuresLockTheAccountOthersAreNotAffectedAndUnknownLoginsLookTheSame() {
        OAuthClient browser = browser();
        for (int i = 1; i <= 5; i++) {
            assertThat(OAuthClient.location(browser.postLogin("delphine", "wrong-" + i)))
                    .as("failure " + i)
                    .endsWith("/login?error");
        }

        HttpResponse<String> sixth = browser.postLogin("Delphine", "demo");

        assertThat(OAuthClient.location(sixth))
                .as("the right password, but the account is locked")
                .endsWith("/login?error");
        assertThat(OAuthClient.location(browser().postLogin("dario", "demo")))
                .as("another account")
                .doesNotContain("error");

        OAuthClient guesser = browser();
        HttpResponse<String> unknown = null;
        for (int i = 1; i <= 6; i++) {
            unknown = guesser.postLogin("nobody@example.org", "wrong-" + i);
        }
        assertThat(unknown.statusCode()).isEqualTo(sixth.statusCode());
        assertThat(OAuthClient.location(unknown)).isEqualTo(OAuthClient.location(sixth));
        assertThat(
                        guesser.browse(OAuthClient.location(unknown))
                                .body()
                                .replaceAll("value=\"[^\"]+\"", "value=\"…\""))
                .as("the same page for an unknown login as for a locked one")
                .isEqualTo(
                        browser.browse(OAuthClient.location(sixth))
                                .body()
                                .replaceAll("value=\"[^\"]+\"", "value=\"…\""));

        List<Document> failures =
                mongo.getCollection("login_failures")
                        .find(new Document("login", "delphine@demo.cluster.coop"))
                        .into(new java.util.ArrayList<>());
        assertThat(failures)
                .extracting(d -> d.getString("reason"))
                .containsOnly("bad-credentials", "locked")
                .contains("locked");
        List<TopicEvents.Event> events =
                new TopicEvents(EmbeddedInfra.shared().bootstrapServers())
                        .read(
                                "identity.people",
                                TokenHashes.sha256("delphine@demo.cluster.coop"),
                                6,
                                Duration.ofSeconds(30));
        assertThat(events)
                .extracting(TopicEvents.Event::type)
                .containsOnly("cluster.identity.login.failed.v1");
        assertThat(events)
                .extracting(event -> event.data().path("reason").asString())
                .contains("bad-credentials", "locked");
        assertThat(events.getFirst().data().path("login").asString())
                .isEqualTo("delphine@demo.cluster.coop");
        assertThat(events.getFirst().data().path("address").asString()).isNotBlank();
        assertThat(events.getFirst().data().path("at").asString()).isNotBlank();
    }

    @Test
    void anAddressThatFailsTooOftenIsRefusedForEveryAccount() {
        OAuthClient browser = browser();
        for (int i = 0; i < 15; i++) {
            browser.postLogin("someone-" + i + "@example.org", "wrong");
        }

        assertThat(OAuthClient.location(browser().postLogin("camille", "demo")))
                .as("the address's bucket is empty")
                .endsWith("/login?error");

        mongo.dropCollection(LoginThrottleStore.COLLECTION);
        assertThat(OAuthClient.location(browser().postLogin("camille", "demo")))
                .doesNotContain("error");
    }
}
