package coop.cluster.auth;

import coop.cluster.auth.IdentityProperties.Client;
import coop.cluster.auth.IdentityProperties.ClientType;
import coop.cluster.auth.IdentityProperties.Grant;
import coop.cluster.auth.IdentityProperties.User;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The seeded demo identities of docs/identity.md, registered when {@code
 * cluster.identity.demo.enabled=true} (development only). The Keycloak realm of docker compose
 * ({@code infra/keycloak/cluster-realm.json}, an upstream login of this issuer) has a user for each
 * demo person, with the same verified {@linkplain #email email}; {@code
 * KeycloakRealmConsistencyTest} compares it with this class.
 */
public final class DemoIdentities {

    /** Every demo user's password (docs/identity.md). */
    public static final String PASSWORD = "demo";

    /** The domain of the demo people's logins: {@code amina@demo.cluster.coop}. */
    public static final String EMAIL_DOMAIN = "demo.cluster.coop";

    public static final Duration ACCESS_TOKEN_TTL = Duration.ofMinutes(15);
    public static final Duration REFRESH_TOKEN_TTL = Duration.ofHours(8);

    /**
     * demo-expiring's tokens expire quickly, so that a demo can show a 401 for an expired token.
     */
    public static final Duration SHORT_ACCESS_TOKEN_TTL = Duration.ofSeconds(5);

    private static final List<String> WEB_REDIRECT_URIS =
            List.of(
                    "http://127.0.0.1:5173/callback",
                    "http://127.0.0.1:8080/swagger-ui/oauth2-redirect.html",
                    "http://127.0.0.1:8400/callback");

    /**
     * The web console (module web) behind the gateway: a confidential client, its tokens kept
     * server-side. On 127.0.0.1, not localhost: OAuth 2.1 and Spring Authorization Server refuse
     * localhost redirect URIs.
     */
    private static final List<String> CONSOLE_REDIRECT_URIS =
            List.of("http://127.0.0.1:8080/login/oauth2/code/cluster");

    private static final List<String> CONSOLE_POST_LOGOUT_REDIRECT_URIS =
            List.of("http://127.0.0.1:8080/");
    private static final List<String> MOBILE_REDIRECT_URIS =
            List.of("coop.cluster.mobile:/oauth2/callback");
    private static final List<String> USER_SCOPES = List.of("openid", "profile");

    private DemoIdentities() {}

    /**
     * The demo users.
     *
     * @param hash turns the plain password into what {@link User#password()} holds, e.g. a {@code
     *     {bcrypt}} hash
     */
    public static List<User> users(UnaryOperator<String> hash) {
        return List.of(
                new User(
                        "amina",
                        hash.apply(PASSWORD),
                        List.of(Role.MEMBER),
                        UUID.fromString("11111111-1111-4111-8111-111111111111")),
                new User(
                        "bruno",
                        hash.apply(PASSWORD),
                        List.of(Role.MEMBER),
                        UUID.fromString("22222222-2222-4222-8222-222222222222")),
                new User(
                        "delphine",
                        hash.apply(PASSWORD),
                        List.of(Role.MEMBER, Role.DELEGATE),
                        UUID.fromString("33333333-3333-4333-8333-333333333333")),
                new User(
                        "camille",
                        hash.apply(PASSWORD),
                        List.of(Role.MEMBER, Role.DELEGATE),
                        UUID.fromString("11111111-1111-4111-8111-111111111111")),
                new User(
                        "dario",
                        hash.apply(PASSWORD),
                        List.of(Role.MEMBER, Role.DELEGATE),
                        UUID.fromString("22222222-2222-4222-8222-222222222222")),
                new User("manon", hash.apply(PASSWORD), List.of(Role.MANAGER), null),
                new User("farid", hash.apply(PASSWORD), List.of(Role.FINANCE), null),
                new User("fatou", hash.apply(PASSWORD), List.of(Role.FINANCE), null));
    }

    /**
     * The login (email) of the demo person whose id is {@code username}: {@code
     * amina@demo.cluster.coop}.
     */
    public static String email(String username) {
        return username + "@" + EMAIL_DOMAIN;
    }

    /**
     * The demo clients.
     *
     * @param hash turns a plain secret into what {@link Client#secret()} holds, e.g. a {@code
     *     {bcrypt}} hash
     */
    public static List<Client> clients(UnaryOperator<String> hash) {
        Set<Grant> userGrants = Set.of(Grant.AUTHORIZATION_CODE, Grant.REFRESH_TOKEN);
        Set<Grant> machineGrants = Set.of(Grant.CLIENT_CREDENTIALS);
        return List.of(
                new Client(
                        "cluster-web",
                        null,
                        ClientType.PUBLIC,
                        userGrants,
                        WEB_REDIRECT_URIS,
                        USER_SCOPES,
                        List.of(),
                        null,
                        ACCESS_TOKEN_TTL,
                        REFRESH_TOKEN_TTL),
                new Client(
                        "cluster-console",
                        hash.apply("cluster-console-secret"),
                        ClientType.CONFIDENTIAL,
                        userGrants,
                        CONSOLE_REDIRECT_URIS,
                        USER_SCOPES,
                        List.of(),
                        null,
                        ACCESS_TOKEN_TTL,
                        REFRESH_TOKEN_TTL,
                        CONSOLE_POST_LOGOUT_REDIRECT_URIS),
                new Client(
                        "cluster-mobile",
                        null,
                        ClientType.PUBLIC,
                        userGrants,
                        MOBILE_REDIRECT_URIS,
                        USER_SCOPES,
                        List.of(),
                        null,
                        ACCESS_TOKEN_TTL,
                        REFRESH_TOKEN_TTL),
                new Client(
                        "feed-eu-portal",
                        hash.apply("feed-eu-portal-secret"),
                        ClientType.CONFIDENTIAL,
                        machineGrants,
                        List.of(),
                        List.of(),
                        List.of(Role.FEED),
                        "eu-ft-portal",
                        ACCESS_TOKEN_TTL,
                        REFRESH_TOKEN_TTL),
                new Client(
                        "demo-expiring",
                        hash.apply("demo-expiring-secret"),
                        ClientType.CONFIDENTIAL,
                        machineGrants,
                        List.of(),
                        List.of(),
                        List.of(Role.MANAGER),
                        null,
                        SHORT_ACCESS_TOKEN_TTL,
                        REFRESH_TOKEN_TTL));
    }
}
