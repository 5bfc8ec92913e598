package coop.cluster.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import coop.cluster.auth.oauth.MongoAuthorizationService;
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
 * {@code /api/identity/clients}: a manager creates a feed client (its secret shown once), rotates its secret (the
 * old one stops working), revokes it (no more tokens, its authorizations gone); nobody else may.
 */
class ClientsApiIT extends AuthServerTestBase {

    private static final Map<String, String> CLIENT_CREDENTIALS = Map.of("grant_type", "client_credentials");
    private static String managerToken;
    private static String memberToken;

    @Autowired
    MongoTemplate mongo;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void tokens() {
        if (managerToken == null) {
            managerToken = newClient().login("manon", "demo").path("access_token").asString();
            memberToken = newClient().login("amina", "demo").path("access_token").asString();
        }
    }

    @Test
    void aManagerCreatesRotatesAndRevokesAFeedClient() throws ParseException {
        String clientId = "feed-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = call("POST", "/api/identity/clients", managerToken,
                "{\"clientId\":\"" + clientId + "\",\"feedId\":\"region-" + clientId + "\",\"roles\":[\"feed\"]}", "en");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).contains("/api/identity/clients/" + clientId);
        String secret = OAuthClient.json(created.body()).path("clientSecret").asString();
        assertThat(secret).hasSizeGreaterThanOrEqualTo(43);
        OAuthClient client = newClient();
        HttpResponse<String> token = client.token(CLIENT_CREDENTIALS, clientId, secret);
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        JWTClaimsSet access = client.verify(OAuthClient.json(token.body()).path("access_token").asString());
        assertThat(access.getStringListClaim("roles")).containsExactly("feed");
        assertThat(access.getStringClaim("feed_id")).isEqualTo("region-" + clientId);
        assertThat(access.getSubject()).isEqualTo(clientId);

        JsonNode list = OAuthClient.json(call("GET", "/api/identity/clients?size=100", managerToken, null, "en").body());
        assertThat(list.path("items").values()).extracting(item -> item.path("clientId").asString())
                .contains(clientId, "feed-eu-portal", "cluster-web");
        assertThat(list.toString()).doesNotContain(secret).doesNotContain("bcrypt");

        HttpResponse<String> rotated = call("POST", "/api/identity/clients/" + clientId + "/secret", managerToken, null, "en");
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        String newSecret = OAuthClient.json(rotated.body()).path("clientSecret").asString();
        assertThat(newSecret).isNotEqualTo(secret);
        assertThat(client.token(CLIENT_CREDENTIALS, clientId, secret).statusCode()).as("the old secret").isEqualTo(401);
        assertThat(client.token(CLIENT_CREDENTIALS, clientId, newSecret).statusCode()).isEqualTo(200);

        assertThat(call("DELETE", "/api/identity/clients/" + clientId, managerToken, null, "en").statusCode())
                .isEqualTo(204);
        assertThat(client.token(CLIENT_CREDENTIALS, clientId, newSecret).statusCode()).as("revoked").isEqualTo(401);
        assertThat(mongo.getCollection(MongoAuthorizationService.COLLECTION)
                .countDocuments(new Document("registeredClientId", clientId))).as("its authorizations").isZero();
        assertThat(call("DELETE", "/api/identity/clients/" + clientId, managerToken, null, "en").statusCode())
                .isEqualTo(404);
    }

    @Test
    void onlyManagersMayAndConfiguredClientsStayAsConfigured() {
        assertThat(call("GET", "/api/identity/clients", null, null, "en").statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/identity/clients", memberToken, null, "en").statusCode()).isEqualTo(403);
        String idToken = newClient().login("manon", "demo").path("id_token").asString();
        assertThat(call("GET", "/api/identity/clients", idToken, null, "en").statusCode()).as("an ID token")
                .isEqualTo(401);

        HttpResponse<String> configured = call("POST", "/api/identity/clients/feed-eu-portal/secret", managerToken,
                null, "fr");
        assertThat(configured.statusCode()).isEqualTo(409);
        assertThat(configured.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(configured.body()).contains("Client géré par la configuration");
        assertThat(newClient().token(CLIENT_CREDENTIALS, "feed-eu-portal", "feed-eu-portal-secret").statusCode())
                .isEqualTo(200);

        HttpResponse<String> invalid = call("POST", "/api/identity/clients", managerToken,
                "{\"clientId\":\"bad id\",\"feedId\":\"x\",\"roles\":[\"manager\"]}", "en");
        assertThat(invalid.statusCode()).isEqualTo(400);
        HttpResponse<String> duplicate = call("POST", "/api/identity/clients", managerToken,
                "{\"clientId\":\"cluster-web\",\"feedId\":\"x\",\"roles\":[\"feed\"]}", "en");
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(duplicate.body()).contains("client-exists");
    }

    private HttpResponse<String> call(String method, String path, String token, String json, String language) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept-Language", language)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
