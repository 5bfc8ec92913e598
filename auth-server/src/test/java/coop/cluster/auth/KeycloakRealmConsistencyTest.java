package coop.cluster.auth;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.auth.IdentityProperties.User;
import coop.cluster.auth.upstream.UpstreamProperties;
import coop.cluster.auth.upstream.UpstreamProperties.Upstream;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Keycloak realm of docker compose ({@code infra/keycloak/cluster-realm.json}) is an upstream
 * login of this issuer, nothing more (docs/compose.md): it proves who a person is by an email it
 * has verified, and this issuer links that email to one of its people ({@code FederatedPeople});
 * organisations and roles stay in the platform, and no service trusts a Keycloak token. So what
 * matters is that
 *
 * <ul>
 *   <li>every demo person of this issuer ({@link DemoIdentities}) can log in at Keycloak, with the
 *       same email, verified;
 *   <li>the realm's client {@code cluster-issuer} is what docker-compose.yml configures here as the
 *       upstream {@code keycloak} ({@link UpstreamProperties}, bound from the compose file's {@code
 *       SPRING_APPLICATION_JSON} as Spring Boot binds it): confidential, authorization code only,
 *       redirecting to this issuer, with the same secret;
 *   <li>the realm declares none of the platform's roles, claims or clients any more.
 * </ul>
 *
 * A change on one side without the other fails here.
 */
class KeycloakRealmConsistencyTest {

    private static final Path REALM_FILE = Path.of("../infra/keycloak/cluster-realm.json");
    private static final Path COMPOSE_FILE = Path.of("../docker-compose.yml");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * The compose services and the upstream's registration id (its redirect path at this issuer).
     */
    private static final String ISSUER_SERVICE = "auth-server";

    private static final String KEYCLOAK_SERVICE = "keycloak";
    private static final String UPSTREAM_ID = "keycloak";
    private static final String CLIENT_ID = "cluster-issuer";

    /**
     * compose's {@code ${VAR:-default}} / {@code ${VAR-default}}, and Keycloak's {@code
     * ${VAR:default}}.
     */
    private static final Pattern COMPOSE_VARIABLE =
            Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}");

    private static final Pattern KEYCLOAK_VARIABLE =
            Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.]*)(?::([^}]*))?}");

    private final JsonNode realm = JSON.readTree(REALM_FILE.toFile());
    private final Map<String, Object> compose = loadCompose();

    @Test
    void theRealmIsCluster() {
        assertThat(realm.path("realm").asString()).isEqualTo("cluster");
        assertThat(realm.path("enabled").asBoolean()).isTrue();
        assertThat(realm.path("duplicateEmailsAllowed").asBoolean(true))
                .as("an email verified by Keycloak names one person")
                .isFalse();
    }

    @Test
    void everyDemoPersonHasAUserWithTheSameVerifiedEmail() {
        List<User> seed = DemoIdentities.users(UnaryOperator.identity());
        assertThat(users())
                .extracting(user -> user.path("username").asString())
                .as("the realm's users are the demo people, no more")
                .containsExactlyInAnyOrderElementsOf(seed.stream().map(User::username).toList());

        for (User expected : seed) {
            String name = expected.username();
            JsonNode user = user(name);
            assertThat(user.path("enabled").asBoolean()).as(name).isTrue();
            assertThat(user.path("email").asString())
                    .as(name + ": the email this issuer knows the person by")
                    .isEqualTo(DemoIdentities.email(name));
            assertThat(user.path("emailVerified").asBoolean())
                    .as(name + ": email verified (else the login is refused)")
                    .isTrue();
            // Keycloak's default user profile requires them: a user without them is asked for them
            // at login
            assertThat(user.path("firstName").asString()).as(name + ": first name").isNotBlank();
            assertThat(user.path("lastName").asString()).as(name + ": last name").isNotBlank();
            assertThat(user.path("credentials").values())
                    .as(name + ": credentials")
                    .singleElement()
                    .satisfies(
                            c -> {
                                assertThat(c.path("type").asString()).isEqualTo("password");
                                assertThat(c.path("value").asString())
                                        .isEqualTo(DemoIdentities.PASSWORD);
                                assertThat(c.path("temporary").asBoolean(true)).isFalse();
                            });
            assertThat(user.path("requiredActions").values())
                    .as(name + ": required actions")
                    .isEmpty();
        }
    }

    @Test
    void theIssuerIsTheRealmsOnlyClientConfidentialWithTheAuthorizationCodeOnly() {
        assertThat(realm.path("clients").values())
                .extracting(c -> c.path("clientId").asString())
                .containsExactly(CLIENT_ID);
        JsonNode client = client();
        assertThat(client.path("enabled").asBoolean()).isTrue();
        assertThat(client.path("protocol").asString()).isEqualTo("openid-connect");
        assertThat(client.path("publicClient").asBoolean(true)).as("confidential").isFalse();
        assertThat(client.path("clientAuthenticatorType").asString()).isEqualTo("client-secret");
        assertThat(client.path("secret").asString()).as("secret").isNotBlank();
        assertThat(client.path("standardFlowEnabled").asBoolean())
                .as("authorization_code")
                .isTrue();
        assertThat(client.path("implicitFlowEnabled").asBoolean()).as("implicit").isFalse();
        assertThat(client.path("directAccessGrantsEnabled").asBoolean())
                .as("password grant")
                .isFalse();
        assertThat(client.path("serviceAccountsEnabled").asBoolean())
                .as("client_credentials")
                .isFalse();
        assertThat(client.path("consentRequired").asBoolean(true)).as("consent").isFalse();
        // the ID token and userinfo must carry sub (scope basic), email and email_verified (email)
        // and the name
        assertThat(strings(client.path("defaultClientScopes")))
                .contains("basic", "email", "profile");
        assertThat(strings(client.path("redirectUris")))
                .as("redirect URIs: this issuer's callback for the upstream")
                .containsExactly(issuerInCompose() + "/login/oauth2/code/" + UPSTREAM_ID);
    }

    /** People, organisations and roles stay in the platform: the realm does not declare them. */
    @Test
    void theRealmCarriesNoneOfThePlatformsRolesOrClaims() {
        assertThat(realm.path("roles").path("realm").values()).as("realm roles").isEmpty();
        assertThat(realm.path("components").isMissingNode())
                .as("components (the member_id user attribute)")
                .isTrue();
        for (JsonNode user : users()) {
            String name = user.path("username").asString();
            assertThat(user.path("realmRoles").values()).as(name + ": realm roles").isEmpty();
            assertThat(user.path("attributes").properties())
                    .as(name + ": attributes (member_id)")
                    .isEmpty();
        }
        assertThat(client().path("protocolMappers").values())
                .as("protocol mappers (roles, member_id, audience)")
                .isEmpty();
    }

    @Test
    void composeConfiguresThisRealmAsTheKeycloakUpstream() {
        Map<String, String> issuerEnvironment = environment(ISSUER_SERVICE);
        String json = issuerEnvironment.get("SPRING_APPLICATION_JSON");
        assertThat(json)
                .as(ISSUER_SERVICE + ": SPRING_APPLICATION_JSON (the upstream logins)")
                .isNotBlank();
        Map<String, String> properties = new LinkedHashMap<>();
        flatten("", JSON.readTree(json), properties);
        UpstreamProperties bound =
                new Binder(new MapConfigurationPropertySource(properties))
                        .bindOrCreate("cluster.identity", UpstreamProperties.class);
        try (ValidatorFactory validation = Validation.buildDefaultValidatorFactory()) {
            assertThat(validation.getValidator().validate(bound))
                    .as("UpstreamProperties' rules")
                    .isEmpty();
        }
        assertThat(bound.upstreams()).as("upstreams").containsKey(UPSTREAM_ID);
        Upstream keycloak = bound.upstreams().get(UPSTREAM_ID);

        // Browsers reach Keycloak at the address it names itself by (KC_HOSTNAME), this issuer at
        // keycloak:<port>.
        String hostname = environment(KEYCLOAK_SERVICE).get("KC_HOSTNAME");
        assertThat(hostname).as(KEYCLOAK_SERVICE + ": KC_HOSTNAME").isNotBlank();
        String issuer = hostname + "/realms/" + realm.path("realm").asString();
        String internal =
                "http://"
                        + KEYCLOAK_SERVICE
                        + ":"
                        + URI.create(hostname).getPort()
                        + "/realms/"
                        + realm.path("realm").asString();
        assertThat(keycloak.issuerUri())
                .as("issuer-uri: the iss of Keycloak's ID tokens")
                .isEqualTo(issuer);
        assertThat(keycloak.explicitEndpoints()).as("endpoints given, no discovery").isTrue();
        assertThat(keycloak.authorizationUri())
                .as("authorization-uri, for browsers")
                .isEqualTo(issuer + "/protocol/openid-connect/auth");
        assertThat(keycloak.tokenUri()).isEqualTo(internal + "/protocol/openid-connect/token");
        assertThat(keycloak.jwkSetUri()).isEqualTo(internal + "/protocol/openid-connect/certs");
        assertThat(keycloak.userInfoUri())
                .isEqualTo(internal + "/protocol/openid-connect/userinfo");
        assertThat(keycloak.scopes())
                .as("scopes: the email links the login to a person")
                .contains("openid", "email");

        assertThat(keycloak.clientId()).isEqualTo(client().path("clientId").asString());
        // The secret as each side resolves it with compose's defaults: compose in the issuer's
        // JSON, Keycloak (from
        // the variable compose gives its container) in the realm it imports.
        Map<String, String> keycloakEnvironment = new LinkedHashMap<>();
        environment(KEYCLOAK_SERVICE)
                .forEach((name, value) -> keycloakEnvironment.put(name, composeDefaults(value)));
        assertThat(keycloakDefaults(client().path("secret").asString(), keycloakEnvironment))
                .as(
                        "the realm's secret of "
                                + CLIENT_ID
                                + " (Keycloak resolves ${VARIABLE:default} on import)")
                .isEqualTo(composeDefaults(keycloak.clientSecret()));
    }

    // ---- the realm

    private List<JsonNode> users() {
        return realm.path("users").values().stream().toList();
    }

    private JsonNode user(String username) {
        return users().stream()
                .filter(u -> username.equals(u.path("username").asString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No user " + username + " in the realm"));
    }

    private JsonNode client() {
        return realm.path("clients").values().stream()
                .filter(c -> CLIENT_ID.equals(c.path("clientId").asString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No client " + CLIENT_ID + " in the realm"));
    }

    private static List<String> strings(JsonNode array) {
        return array.values().stream().map(JsonNode::asString).collect(Collectors.toList());
    }

    // ---- the compose file

    private String issuerInCompose() {
        String issuer = environment(ISSUER_SERVICE).get("CLUSTER_IDENTITY_ISSUER");
        assertThat(issuer).as(ISSUER_SERVICE + ": CLUSTER_IDENTITY_ISSUER").isNotBlank();
        return issuer;
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> environment(String service) {
        Object services = compose.get("services");
        assertThat(services).as("docker-compose.yml services").isInstanceOf(Map.class);
        Object definition = ((Map<String, Object>) services).get(service);
        assertThat(definition).as("compose service " + service).isInstanceOf(Map.class);
        Object environment = ((Map<String, Object>) definition).get("environment");
        Map<String, String> result = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> map) {
            map.forEach(
                    (k, v) -> result.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        } else if (environment instanceof List<?> list) {
            for (Object entry : list) {
                String[] parts = String.valueOf(entry).split("=", 2);
                result.put(parts[0], parts.length > 1 ? parts[1] : null);
            }
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> loadCompose() {
        try (InputStream in = Files.newInputStream(COMPOSE_FILE)) {
            return (Map<String, Object>) new Yaml().load(in);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + COMPOSE_FILE, e);
        }
    }

    /**
     * Flattens JSON as Spring Boot flattens SPRING_APPLICATION_JSON: {a: {b: x}} → a.b=x, lists as
     * [i].
     */
    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        if (node.isObject()) {
            node.properties()
                    .forEach(
                            e ->
                                    flatten(
                                            prefix.isEmpty()
                                                    ? e.getKey()
                                                    : prefix + "." + e.getKey(),
                                            e.getValue(),
                                            into));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(prefix + "[" + i + "]", node.get(i), into);
            }
        } else {
            into.put(prefix, node.asString());
        }
    }

    /** The value compose gives when none of the variables is set: ${VAR:-default} → default. */
    private static String composeDefaults(String value) {
        Matcher m = COMPOSE_VARIABLE.matcher(value);
        StringBuilder result = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(
                    result, Matcher.quoteReplacement(m.group(2) == null ? "" : m.group(2)));
        }
        m.appendTail(result);
        return result.toString();
    }

    /**
     * The value Keycloak's import gives, ${VAR:default} resolved from the container's environment.
     */
    private static String keycloakDefaults(String value, Map<String, String> environment) {
        Matcher m = KEYCLOAK_VARIABLE.matcher(value);
        StringBuilder result = new StringBuilder();
        while (m.find()) {
            String resolved = environment.get(m.group(1));
            if (resolved == null) {
                resolved = m.group(2) == null ? m.group() : m.group(2);
            }
            m.appendReplacement(result, Matcher.quoteReplacement(resolved));
        }
        m.appendTail(result);
        return result.toString();
    }
}
