package coop.cluster.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Machine clients: the client_credentials grant. */
class ClientCredentialsIT extends AuthServerTestBase {

    private static final Map<String, String> CLIENT_CREDENTIALS =
            Map.of("grant_type", "client_credentials");

    @Test
    void theFeedClientGetsATokenWithItsRolesAndFeedId() throws ParseException {
        OAuthClient client = newClient();

        HttpResponse<String> response =
                client.token(CLIENT_CREDENTIALS, "feed-eu-portal", "feed-eu-portal-secret");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode tokens = OAuthClient.json(response.body());
        assertThat(tokens.has("refresh_token")).isFalse();
        JWTClaimsSet access = client.verify(tokens.path("access_token").asString());
        assertThat(access.getIssuer()).isEqualTo(ISSUER);
        assertThat(access.getSubject()).isEqualTo("feed-eu-portal");
        assertThat(access.getAudience()).containsExactly("cluster-api");
        assertThat(access.getStringClaim("client_id")).isEqualTo("feed-eu-portal");
        assertThat(OAuthClient.type(tokens.path("access_token").asString())).isEqualTo("at+jwt");
        assertThat(access.getStringListClaim("roles")).containsExactly("feed");
        assertThat(access.getStringClaim("feed_id")).isEqualTo("eu-ft-portal");
        assertThat(access.getClaims()).doesNotContainKey("member_id");
        assertThat(
                        Duration.between(
                                access.getIssueTime().toInstant(),
                                access.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void theSecretMayAlsoComeInTheForm() {
        HttpResponse<String> response =
                newClient()
                        .token(
                                Map.of(
                                        "grant_type",
                                        "client_credentials",
                                        "client_id",
                                        "feed-eu-portal",
                                        "client_secret",
                                        "feed-eu-portal-secret"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void aWrongSecretGets401() {
        HttpResponse<String> response =
                newClient().token(CLIENT_CREDENTIALS, "feed-eu-portal", "wrong-secret");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(OAuthClient.json(response.body()).path("error").asString())
                .isEqualTo("invalid_client");
        assertThat(response.body()).doesNotContain("access_token");
    }

    @Test
    void anUnknownClientGets401() {
        assertThat(newClient().token(CLIENT_CREDENTIALS, "no-such-client", "secret").statusCode())
                .isEqualTo(401);
    }

    @Test
    void aPublicClientCannotUseClientCredentials() {
        HttpResponse<String> response =
                newClient()
                        .token(
                                Map.of(
                                        "grant_type",
                                        "client_credentials",
                                        "client_id",
                                        OAuthClient.WEB_CLIENT));

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void demoExpiringGetsAFiveSecondManagerToken() throws ParseException {
        OAuthClient client = newClient();

        HttpResponse<String> response =
                client.token(CLIENT_CREDENTIALS, "demo-expiring", "demo-expiring-secret");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode tokens = OAuthClient.json(response.body());
        assertThat(tokens.path("expires_in").asLong()).isBetween(4L, 5L);
        JWTClaimsSet access = client.verify(tokens.path("access_token").asString());
        assertThat(access.getSubject()).isEqualTo("demo-expiring");
        assertThat(access.getAudience()).containsExactly("cluster-api");
        assertThat(access.getStringListClaim("roles")).containsExactly("manager");
        assertThat(access.getClaims()).doesNotContainKey("feed_id");
        assertThat(
                        Duration.between(
                                access.getIssueTime().toInstant(),
                                access.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofSeconds(5));
    }
}
