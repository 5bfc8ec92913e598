package coop.cluster.auth;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.auth.people.SessionRevoker;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.testing.http.Api;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The issuer's state is on the store: a refresh token and a client created through the API,
 * obtained before a restart of the application, work after it; revoking a person's sessions makes
 * their refresh token fail at once.
 */
@EmbeddedInfraTest
class RestartIT {

    private static final Path KEYS = AuthServerTestBase.temporaryDirectory();
    private static final String DATABASE = "identity_restart_it";

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

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    private static OAuthClient client(ConfigurableApplicationContext context) {
        return new OAuthClient("http://localhost:" + port(context));
    }

    @Test
    void refreshTokensAndApiClientsSurviveARestartAndRevokedSessionsDoNot() {
        String refreshToken;
        String clientId = "feed-restart-" + UUID.randomUUID().toString().substring(0, 8);
        String secret;
        try (ConfigurableApplicationContext first = start()) {
            OAuthClient browser = client(first);
            refreshToken = browser.login("amina", "demo").path("refresh_token").asString();
            String manager = client(first).login("manon", "demo").path("access_token").asString();
            Api.Answer created =
                    new Api(port(first))
                            .post(
                                    "/api/identity/clients",
                                    manager,
                                    "{\"clientId\":\""
                                            + clientId
                                            + "\",\"feedId\":\"restart\",\"roles\":[\"feed\"]}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            secret = created.json().path("clientSecret").asString();
        }

        try (ConfigurableApplicationContext second = start()) {
            OAuthClient browser = client(second);
            HttpResponse<String> refreshed =
                    browser.token(
                            Map.of(
                                    "grant_type",
                                    "refresh_token",
                                    "refresh_token",
                                    refreshToken,
                                    "client_id",
                                    OAuthClient.WEB_CLIENT));
            assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
            String rotated = OAuthClient.json(refreshed.body()).path("refresh_token").asString();
            assertThat(
                            browser.token(
                                            Map.of("grant_type", "client_credentials"),
                                            clientId,
                                            secret)
                                    .statusCode())
                    .as("a client created through the API before the restart")
                    .isEqualTo(200);

            second.getBean(SessionRevoker.class).revokeAll("amina");

            HttpResponse<String> revoked =
                    browser.token(
                            Map.of(
                                    "grant_type",
                                    "refresh_token",
                                    "refresh_token",
                                    rotated,
                                    "client_id",
                                    OAuthClient.WEB_CLIENT));
            assertThat(revoked.statusCode()).isEqualTo(400);
            assertThat(OAuthClient.json(revoked.body()).path("error").asString())
                    .isEqualTo("invalid_grant");
        }
    }
}
