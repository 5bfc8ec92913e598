package coop.cluster.auth;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.auth.IdentityProperties.Client;
import coop.cluster.auth.IdentityProperties.Grant;
import coop.cluster.auth.IdentityProperties.User;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Keycloak realm of docker compose ({@code infra/keycloak/cluster-realm.json}) declares the same roles, demo
 * users, clients and token lifetimes as this server's demo seed ({@link DemoIdentities}), and maps them to the same
 * claims. Compared with the Java seed itself, so that a change on either side without the other fails here.
 */
class KeycloakRealmConsistencyTest {

    private static final Path REALM_FILE = Path.of("../infra/keycloak/cluster-realm.json");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The seed with plain passwords and secrets, to compare with the realm's. */
    private static final UnaryOperator<String> PLAIN = UnaryOperator.identity();

    private final JsonNode realm = JSON.readTree(REALM_FILE.toFile());

    @Test
    void theRealmIsCluster() {
        assertThat(realm.path("realm").asString()).isEqualTo("cluster");
        assertThat(realm.path("enabled").asBoolean()).isTrue();
        assertThat(realm.path("defaultSignatureAlgorithm").asString()).isEqualTo("RS256");
    }

    @Test
    void theRealmRolesAreThePlatformRoles() {
        assertThat(realm.path("roles").path("realm").values()).extracting(role -> role.path("name").asString())
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Role.values()).map(Role::claimValue).toList());
    }

    @Test
    void theUsersAreTheDemoUsers() {
        List<User> seed = DemoIdentities.users(PLAIN);
        assertThat(humanUsers()).extracting(user -> user.path("username").asString())
                .containsExactlyInAnyOrderElementsOf(seed.stream().map(User::username).toList());

        for (User expected : seed) {
            JsonNode user = humanUser(expected.username());
            String name = expected.username();
            assertThat(user.path("id").asString()).as(name + ": id, the sub of the user's tokens").isEqualTo(name);
            assertThat(user.path("enabled").asBoolean()).as(name).isTrue();
            assertThat(strings(user.path("realmRoles"))).as(name + ": roles")
                    .containsExactlyInAnyOrderElementsOf(expected.roles().stream().map(Role::claimValue).toList());
            List<String> memberId = strings(user.path("attributes").path("member_id"));
            if (expected.memberId() == null) {
                assertThat(memberId).as(name + ": member_id").isEmpty();
            } else {
                assertThat(memberId).as(name + ": member_id").containsExactly(expected.memberId().toString());
            }
            assertThat(user.path("credentials").values()).as(name + ": credentials").singleElement().satisfies(c -> {
                assertThat(c.path("type").asString()).isEqualTo("password");
                assertThat(c.path("value").asString()).isEqualTo(expected.password()); // the plain demo password
                assertThat(c.path("temporary").asBoolean(true)).isFalse();
            });
            assertThat(user.path("requiredActions").values()).as(name + ": required actions").isEmpty();
        }
    }

    @Test
    void memberIdIsDeclaredInTheUserProfile() {
        JsonNode provider = realm.path("components").path("org.keycloak.userprofile.UserProfileProvider").path(0);
        assertThat(provider.path("providerId").asString()).isEqualTo("declarative-user-profile");
        JsonNode profile = JSON.readTree(provider.path("config").path("kc.user.profile.config").path(0).asString());

        assertThat(profile.path("attributes").values()).extracting(a -> a.path("name").asString())
                .contains("username", "email", "firstName", "lastName", ClusterTokenClaims.MEMBER_ID);
        assertThat(profile.path("attributes").values()).as("no attribute a demo user lacks is required at login")
                .allSatisfy(a -> assertThat(a.has("required")).as(a.path("name").asString()).isFalse());
    }

    @Test
    void theClientsAreTheDemoClients() {
        List<Client> seed = DemoIdentities.clients(PLAIN);
        assertThat(realm.path("clients").values()).extracting(c -> c.path("clientId").asString())
                .containsExactlyInAnyOrderElementsOf(seed.stream().map(Client::clientId).toList());

        for (Client expected : seed) {
            JsonNode client = client(expected.clientId());
            String id = expected.clientId();
            assertThat(client.path("enabled").asBoolean()).as(id).isTrue();
            assertThat(client.path("protocol").asString()).as(id).isEqualTo("openid-connect");
            assertThat(client.path("publicClient").asBoolean()).as(id + ": public").isEqualTo(expected.isPublic());
            assertThat(client.path("consentRequired").asBoolean(true)).as(id + ": consent").isFalse();
            assertThat(client.path("standardFlowEnabled").asBoolean())
                    .as(id + ": authorization_code").isEqualTo(expected.grants().contains(Grant.AUTHORIZATION_CODE));
            assertThat(client.path("serviceAccountsEnabled").asBoolean())
                    .as(id + ": client_credentials").isEqualTo(expected.grants().contains(Grant.CLIENT_CREDENTIALS));
            assertThat(client.path("implicitFlowEnabled").asBoolean()).as(id + ": implicit").isFalse();
            assertThat(client.path("directAccessGrantsEnabled").asBoolean()).as(id + ": password grant").isFalse();
            assertThat(strings(client.path("redirectUris"))).as(id + ": redirect URIs")
                    .containsExactlyInAnyOrderElementsOf(expected.redirectUris());
            if (expected.isPublic()) {
                assertThat(client.path("attributes").path("pkce.code.challenge.method").asString())
                        .as(id + ": PKCE").isEqualTo("S256");
                assertThat(client.has("secret")).as(id + ": secret").isFalse();
            } else {
                assertThat(client.path("clientAuthenticatorType").asString()).as(id).isEqualTo("client-secret");
                assertThat(client.path("secret").asString()).as(id + ": secret").isEqualTo(expected.secret());
            }
        }
    }

    @Test
    void machineClientsHaveTheirRolesOnTheServiceAccountAndTheirFeedIdAsAClaim() {
        for (Client expected : DemoIdentities.clients(PLAIN)) {
            String id = expected.clientId();
            Optional<JsonNode> serviceAccount = realm.path("users").values().stream()
                    .filter(u -> id.equals(u.path("serviceAccountClientId").asString()))
                    .findFirst();
            if (!expected.grants().contains(Grant.CLIENT_CREDENTIALS)) {
                assertThat(serviceAccount).as(id).isEmpty();
                continue;
            }
            assertThat(serviceAccount).as(id + ": service account user").hasValueSatisfying(user -> {
                assertThat(user.path("username").asString()).isEqualTo("service-account-" + id);
                assertThat(user.path("id").asString()).as("the sub of the client's tokens").isEqualTo(id);
                assertThat(strings(user.path("realmRoles")))
                        .containsExactlyInAnyOrderElementsOf(expected.roles().stream().map(Role::claimValue).toList());
            });
            Optional<JsonNode> feedId = mapper(client(id), "oidc-hardcoded-claim-mapper", ClusterTokenClaims.FEED_ID);
            if (expected.feedId() == null) {
                assertThat(feedId).as(id + ": feed_id").isEmpty();
            } else {
                assertThat(feedId).as(id + ": feed_id").hasValueSatisfying(m -> {
                    assertThat(m.path("config").path("claim.value").asString()).isEqualTo(expected.feedId());
                    assertThat(m.path("config").path("access.token.claim").asString()).isEqualTo("true");
                });
            }
        }
    }

    @Test
    void everyClientMapsRolesAndUserClientsMapMemberId() {
        for (Client expected : DemoIdentities.clients(PLAIN)) {
            JsonNode client = client(expected.clientId());
            assertThat(mapper(client, "oidc-usermodel-realm-role-mapper", ClusterTokenClaims.ROLES))
                    .as(expected.clientId() + ": roles").hasValueSatisfying(m -> {
                        assertThat(m.path("config").path("multivalued").asString()).isEqualTo("true");
                        assertThat(m.path("config").path("access.token.claim").asString()).isEqualTo("true");
                        assertThat(m.path("config").path("id.token.claim").asString()).isEqualTo("true");
                    });
            if (expected.grants().contains(Grant.AUTHORIZATION_CODE)) {
                assertThat(mapper(client, "oidc-usermodel-attribute-mapper", ClusterTokenClaims.MEMBER_ID))
                        .as(expected.clientId() + ": member_id").hasValueSatisfying(m -> {
                            assertThat(m.path("config").path("user.attribute").asString()).isEqualTo("member_id");
                            assertThat(m.path("config").path("access.token.claim").asString()).isEqualTo("true");
                            assertThat(m.path("config").path("id.token.claim").asString()).isEqualTo("true");
                        });
            }
        }
    }

    /** Access tokens are marked as such (typ at+jwt) and name the platform's API; ID tokens do not. */
    @Test
    void everyClientsAccessTokensAreForThePlatformsApi() {
        for (Client expected : DemoIdentities.clients(PLAIN)) {
            JsonNode client = client(expected.clientId());
            String id = expected.clientId();
            assertThat(client.path("attributes").path("access.token.header.type.rfc9068").asString())
                    .as(id + ": access tokens typ at+jwt").isEqualTo("true");
            assertThat(client.path("protocolMappers").values().stream()
                    .filter(m -> "oidc-audience-mapper".equals(m.path("protocolMapper").asString()))
                    .filter(m -> "cluster-api".equals(m.path("config").path("included.custom.audience").asString()))
                    .findFirst()).as(id + ": audience cluster-api").hasValueSatisfying(m -> {
                        assertThat(m.path("config").path("access.token.claim").asString()).isEqualTo("true");
                        assertThat(m.path("config").path("id.token.claim").asString()).isEqualTo("false");
                    });
        }
    }

    @Test
    void tokenLifetimesAreTheSame() {
        long realmAccessTokenLifespan = realm.path("accessTokenLifespan").asLong();
        for (Client expected : DemoIdentities.clients(PLAIN)) {
            JsonNode override = client(expected.clientId()).path("attributes").path("access.token.lifespan");
            long lifespan = override.isMissingNode() ? realmAccessTokenLifespan : Long.parseLong(override.asString());
            assertThat(Duration.ofSeconds(lifespan)).as(expected.clientId() + ": access token lifespan")
                    .isEqualTo(expected.accessTokenTtl());
            if (expected.grants().contains(Grant.REFRESH_TOKEN)) {
                // Keycloak's refresh tokens live as long as the SSO session allows
                assertThat(Duration.ofSeconds(realm.path("ssoSessionIdleTimeout").asLong()))
                        .as(expected.clientId() + ": refresh token lifespan (idle)").isEqualTo(expected.refreshTokenTtl());
                assertThat(Duration.ofSeconds(realm.path("ssoSessionMaxLifespan").asLong()))
                        .as(expected.clientId() + ": refresh token lifespan (max)").isEqualTo(expected.refreshTokenTtl());
            }
        }
        assertThat(realm.path("revokeRefreshToken").asBoolean()).as("refresh tokens rotate").isTrue();
        assertThat(realm.path("refreshTokenMaxReuse").asInt(-1)).as("refresh tokens are single use").isZero();
    }

    private List<JsonNode> humanUsers() {
        return realm.path("users").values().stream().filter(u -> !u.has("serviceAccountClientId")).toList();
    }

    private JsonNode humanUser(String username) {
        return humanUsers().stream().filter(u -> username.equals(u.path("username").asString())).findFirst()
                .orElseThrow(() -> new AssertionError("No user " + username + " in the realm"));
    }

    private JsonNode client(String clientId) {
        return realm.path("clients").values().stream().filter(c -> clientId.equals(c.path("clientId").asString()))
                .findFirst().orElseThrow(() -> new AssertionError("No client " + clientId + " in the realm"));
    }

    private static Optional<JsonNode> mapper(JsonNode client, String type, String claim) {
        return client.path("protocolMappers").values().stream()
                .filter(m -> type.equals(m.path("protocolMapper").asString()))
                .filter(m -> claim.equals(m.path("config").path("claim.name").asString()))
                .findFirst();
    }

    private static List<String> strings(JsonNode array) {
        return array.values().stream().map(JsonNode::asString).collect(Collectors.toList());
    }
}
