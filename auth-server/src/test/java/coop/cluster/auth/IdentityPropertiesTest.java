package coop.cluster.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cluster.auth.IdentityProperties.Client;
import coop.cluster.auth.IdentityProperties.ClientType;
import coop.cluster.auth.IdentityProperties.Grant;
import coop.cluster.auth.IdentityProperties.User;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * {@code cluster.identity.*}: binding, defaults and the rules that keep a bad configuration from
 * starting.
 */
class IdentityPropertiesTest {

    private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();
    private static final Validator VALIDATOR = VALIDATION.getValidator();
    private static final PasswordEncoder ENCODER =
            PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private static final String HASH = ENCODER.encode("s3cret");

    @AfterAll
    static void close() {
        VALIDATION.close();
    }

    @Test
    void defaults() {
        IdentityProperties properties = bind(Map.of());

        assertThat(properties.issuer()).isEqualTo("http://localhost:9000");
        assertThat(properties.signingKeyFile().normalize())
                .isEqualTo(Path.of("data/auth-server/signing-key.jwk"));
        assertThat(properties.demo().enabled()).isFalse();
        assertThat(properties.users()).isEmpty();
        assertThat(properties.clients()).isEmpty();
        assertThat(VALIDATOR.validate(properties)).isEmpty();
    }

    @Test
    void usersAndClientsBindFromProperties() {
        Map<String, String> source = new HashMap<>();
        source.put("cluster.identity.issuer", "https://id.cluster.example");
        source.put("cluster.identity.users[0].username", "odile");
        source.put("cluster.identity.users[0].password", HASH);
        source.put("cluster.identity.users[0].roles", "member,delegate");
        source.put("cluster.identity.users[0].member-id", "44444444-4444-4444-8444-444444444444");
        source.put("cluster.identity.clients[0].client-id", "feed-other");
        source.put("cluster.identity.clients[0].secret", HASH);
        source.put("cluster.identity.clients[0].type", "confidential");
        source.put("cluster.identity.clients[0].grants", "client_credentials");
        source.put("cluster.identity.clients[0].roles", "feed");
        source.put("cluster.identity.clients[0].feed-id", "other-feed");
        source.put("cluster.identity.clients[0].access-token-ttl", "5m");

        IdentityProperties properties = bind(source);

        assertThat(VALIDATOR.validate(properties)).isEmpty();
        User user = properties.users().getFirst();
        assertThat(user.roles()).containsExactly(Role.MEMBER, Role.DELEGATE);
        assertThat(user.memberId())
                .isEqualTo(UUID.fromString("44444444-4444-4444-8444-444444444444"));
        Client client = properties.clients().getFirst();
        assertThat(client.type()).isEqualTo(ClientType.CONFIDENTIAL);
        assertThat(client.grants()).containsExactly(Grant.CLIENT_CREDENTIALS);
        assertThat(client.accessTokenTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(client.refreshTokenTtl()).isEqualTo(Duration.ofHours(8));
        assertThat(client.toString()).doesNotContain(HASH);
        assertThat(user.toString()).doesNotContain(HASH);
    }

    @Test
    void theDemoSeedIsValid() {
        for (User user : DemoIdentities.users(ENCODER::encode)) {
            assertThat(VALIDATOR.validate(user)).as(user.username()).isEmpty();
        }
        for (Client client : DemoIdentities.clients(ENCODER::encode)) {
            assertThat(VALIDATOR.validate(client)).as(client.clientId()).isEmpty();
        }
    }

    @Test
    void aPlainTextPasswordIsRefused() {
        User user = new User("odile", "{noop}demo", List.of(Role.MANAGER), null);

        assertThat(messages(VALIDATOR.validate(user))).anyMatch(m -> m.contains("bcrypt"));
    }

    @Test
    void membersAndDelegatesNeedAMemberId() {
        assertThat(VALIDATOR.validate(new User("odile", HASH, List.of(Role.DELEGATE), null)))
                .isNotEmpty();
        assertThat(VALIDATOR.validate(new User("odile", HASH, List.of(Role.FINANCE), null)))
                .isEmpty();
        assertThat(VALIDATOR.validate(new User("odile", HASH, List.of(), null))).isNotEmpty();
    }

    @Test
    void clientRulesAreChecked() {
        assertThat(VALIDATOR.validate(web(List.of("http://127.0.0.1:5173/callback")))).isEmpty();
        assertThat(messages(VALIDATOR.validate(web(List.of("http://localhost:5173/callback")))))
                .anyMatch(m -> m.contains("localhost"));
        assertThat(VALIDATOR.validate(web(List.of()))).isNotEmpty();
        // a public client with a secret
        assertThat(
                        VALIDATOR.validate(
                                new Client(
                                        "web",
                                        HASH,
                                        ClientType.PUBLIC,
                                        Set.of(Grant.AUTHORIZATION_CODE),
                                        List.of("http://127.0.0.1:5173/callback"),
                                        List.of(),
                                        List.of(),
                                        null,
                                        Duration.ofMinutes(15),
                                        Duration.ofHours(8))))
                .isNotEmpty();
        // a confidential client without one
        assertThat(
                        VALIDATOR.validate(
                                machine(null, List.of(Role.MANAGER), null, Duration.ofMinutes(15))))
                .isNotEmpty();
        // a feed client without feed id, a feed id without the feed role
        assertThat(
                        VALIDATOR.validate(
                                machine(HASH, List.of(Role.FEED), null, Duration.ofMinutes(15))))
                .isNotEmpty();
        assertThat(
                        VALIDATOR.validate(
                                machine(HASH, List.of(Role.MANAGER), "x", Duration.ofMinutes(15))))
                .isNotEmpty();
        assertThat(VALIDATOR.validate(machine(HASH, List.of(Role.MANAGER), null, Duration.ZERO)))
                .isNotEmpty();
        assertThat(
                        VALIDATOR.validate(
                                machine(HASH, List.of(Role.MANAGER), null, Duration.ofSeconds(5))))
                .isEmpty();
    }

    @Test
    void theIssuerMustBeAnHttpUrl() {
        assertThat(VALIDATOR.validate(bind(Map.of("cluster.identity.issuer", "localhost:9000"))))
                .isNotEmpty();
        assertThat(
                        VALIDATOR.validate(
                                bind(
                                        Map.of(
                                                "cluster.identity.issuer",
                                                "http://localhost:9000/x?y=1"))))
                .isNotEmpty();
    }

    @Test
    void withoutClientsTheServerDoesNotStart() {
        assertThatThrownBy(() -> new IdentityDirectory(List.of(), List.of()))
                .hasMessageContaining("cluster.identity.demo.enabled");
    }

    @Test
    void aNameRegisteredTwiceIsRefused() {
        List<Client> clients = DemoIdentities.clients(ENCODER::encode);
        List<User> users = DemoIdentities.users(ENCODER::encode);

        assertThatThrownBy(
                        () -> new IdentityDirectory(users, List.of(clients.get(0), clients.get(0))))
                .hasMessageContaining("cluster-web");
        assertThatThrownBy(
                        () -> new IdentityDirectory(List.of(users.get(0), users.get(0)), clients))
                .hasMessageContaining("amina");
    }

    private static Client web(List<String> redirectUris) {
        return new Client(
                "web",
                null,
                ClientType.PUBLIC,
                Set.of(Grant.AUTHORIZATION_CODE, Grant.REFRESH_TOKEN),
                redirectUris,
                List.of("openid"),
                List.of(),
                null,
                Duration.ofMinutes(15),
                Duration.ofHours(8));
    }

    private static Client machine(String secret, List<Role> roles, String feedId, Duration ttl) {
        return new Client(
                "machine",
                secret,
                ClientType.CONFIDENTIAL,
                Set.of(Grant.CLIENT_CREDENTIALS),
                List.of(),
                List.of(),
                roles,
                feedId,
                ttl,
                Duration.ofHours(8));
    }

    private static IdentityProperties bind(Map<String, String> source) {
        return new Binder(new MapConfigurationPropertySource(source))
                .bindOrCreate("cluster.identity", IdentityProperties.class);
    }

    private static List<String> messages(Set<? extends ConstraintViolation<?>> violations) {
        return violations.stream().map(ConstraintViolation::getMessage).toList();
    }

    @Test
    void theWebConsoleIsAConfidentialPkceClientThatMayEndItsSessionAtTheIssuer() {
        Client console =
                DemoIdentities.clients(ENCODER::encode).stream()
                        .filter(c -> c.clientId().equals("cluster-console"))
                        .findFirst()
                        .orElseThrow();
        assertThat(VALIDATOR.validate(console)).isEmpty();
        var registered = ClientRegistrations.of(console);
        assertThat(registered.getClientSettings().isRequireProofKey()).isTrue();
        assertThat(registered.getRedirectUris())
                .containsExactly("http://127.0.0.1:8080/login/oauth2/code/cluster");
        assertThat(registered.getPostLogoutRedirectUris())
                .containsExactly("http://127.0.0.1:8080/");
        assertThat(registered.getClientAuthenticationMethods())
                .extracting(m -> m.getValue())
                .contains("client_secret_basic");
    }
}
