package coop.cluster.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import coop.cluster.auth.oauth.persistence.AuthorizationStore;
import coop.cluster.testing.http.Api;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/identity/clients}: a manager creates a feed client (its secret shown once), rotates
 * its secret (the old one stops working), revokes it (no more tokens, its authorizations gone);
 * nobody else may.
 */
class ClientsApiIT extends AuthServerTestBase {

    private static final Map<String, String> CLIENT_CREDENTIALS =
            Map.of("grant_type", "client_credentials");
    private static String managerToken;
    private static String memberToken;

    @Autowired MongoTemplate mongo;

    private Api api;

    @BeforeEach
    void tokens() {
        api = new Api(port);
        if (managerToken == null) {
            managerToken = newClient().login("manon", "demo").path("access_token").asString();
            memberToken = newClient().login("amina", "demo").path("access_token").asString();
        }
    }

    @Test
    void aManagerCreatesRotatesAndRevokesAFeedClient() throws ParseException {
        String clientId = "feed-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Answer created =
                api.post(
                        "/api/identity/clients",
                        managerToken,
                        "{\"clientId\":\""
                                + clientId
                                + "\",\"feedId\":\"region-"
                                + clientId
                                + "\",\"roles\":[\"feed\"]}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.raw().headers().firstValue("Location"))
                .contains("/api/identity/clients/" + clientId);
        assertThat(created.json().path("clientId").asString()).isEqualTo(clientId);
        assertThat(created.json().path("feedId").asString()).isEqualTo("region-" + clientId);
        String secret = created.json().path("clientSecret").asString();
        assertThat(secret).hasSizeGreaterThanOrEqualTo(43);
        OAuthClient client = newClient();
        HttpResponse<String> token = client.token(CLIENT_CREDENTIALS, clientId, secret);
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        JWTClaimsSet access =
                client.verify(OAuthClient.json(token.body()).path("access_token").asString());
        assertThat(access.getStringListClaim("roles")).containsExactly("feed");
        assertThat(access.getStringClaim("feed_id")).isEqualTo("region-" + clientId);
        assertThat(access.getSubject()).isEqualTo(clientId);

        Api.Answer listed = api.get("/api/identity/clients?size=100", managerToken);
        JsonNode list = listed.json();
        assertThat(list.path("items").values())
                .extracting(item -> item.path("clientId").asString())
                .contains(clientId, "feed-eu-portal", "cluster-web");
        assertThat(list.path("items").values())
                .allSatisfy(
                        item -> assertThat(item.has("clientSecret")).as(item.toString()).isFalse());
        // the secret, or its hash, nowhere in the answer
        assertThat(listed.body()).doesNotContain(secret).doesNotContain("bcrypt");

        Api.Answer rotated =
                api.post("/api/identity/clients/" + clientId + "/secret", managerToken, null);
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        String newSecret = rotated.json().path("clientSecret").asString();
        assertThat(newSecret).isNotEqualTo(secret);
        assertThat(client.token(CLIENT_CREDENTIALS, clientId, secret).statusCode())
                .as("the old secret")
                .isEqualTo(401);
        assertThat(client.token(CLIENT_CREDENTIALS, clientId, newSecret).statusCode())
                .isEqualTo(200);

        assertThat(api.delete("/api/identity/clients/" + clientId, managerToken).status())
                .isEqualTo(204);
        assertThat(client.token(CLIENT_CREDENTIALS, clientId, newSecret).statusCode())
                .as("revoked")
                .isEqualTo(401);
        assertThat(
                        mongo.getCollection(AuthorizationStore.COLLECTION)
                                .countDocuments(new Document("registeredClientId", clientId)))
                .as("its authorizations")
                .isZero();
        assertThat(api.delete("/api/identity/clients/" + clientId, managerToken).status())
                .isEqualTo(404);
    }

    @Test
    void onlyManagersMayAndConfiguredClientsStayAsConfigured() {
        assertThat(api.get("/api/identity/clients", null).status()).isEqualTo(401);
        assertThat(api.get("/api/identity/clients", memberToken).status()).isEqualTo(403);
        String idToken = newClient().login("manon", "demo").path("id_token").asString();
        assertThat(api.get("/api/identity/clients", idToken).status())
                .as("an ID token")
                .isEqualTo(401);

        HttpResponse<String> configured =
                postInFrench("/api/identity/clients/feed-eu-portal/secret", managerToken);
        assertThat(configured.statusCode()).isEqualTo(409);
        assertThat(configured.headers().firstValue("Content-Type"))
                .hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = OAuthClient.json(configured.body());
        assertThat(problem.path("type").asString()).endsWith("/client-managed-by-configuration");
        assertThat(problem.path("title").asString()).isEqualTo("Client géré par la configuration");
        assertThat(
                        newClient()
                                .token(
                                        CLIENT_CREDENTIALS,
                                        "feed-eu-portal",
                                        "feed-eu-portal-secret")
                                .statusCode())
                .isEqualTo(200);

        Api.Answer invalid =
                api.post(
                        "/api/identity/clients",
                        managerToken,
                        "{\"clientId\":\"bad id\",\"feedId\":\"x\",\"roles\":[\"manager\"]}");
        assertThat(invalid.status()).isEqualTo(400);
        Api.Answer duplicate =
                api.post(
                        "/api/identity/clients",
                        managerToken,
                        "{\"clientId\":\"cluster-web\",\"feedId\":\"x\",\"roles\":[\"feed\"]}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().path("type").asString()).endsWith("/client-exists");
    }

    /**
     * A POST with a bearer token asking for French: {@link Api} asks for English on every request
     * (its problems are checked in English), so the localised problem is asked for here.
     */
    private HttpResponse<String> postInFrench(String path, String token) {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Accept-Language", "fr")
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
