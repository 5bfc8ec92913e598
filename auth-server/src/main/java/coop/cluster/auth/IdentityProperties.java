package coop.cluster.auth;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code cluster.identity.*}: the issuer, its signing key and the identities it knows
 * (docs/identity.md).
 *
 * <p>Users and clients configured here are the non-demo identities of a deployment; their passwords
 * and secrets are given as {@code {bcrypt}...} hashes, never in plain text. With {@code
 * demo.enabled=true} the demo identities of {@link DemoIdentities} are registered in addition.
 *
 * @param issuer the {@code iss} of every token and the base of the discovery document
 * @param signingKeyFile where the RSA signing key (a JWK with its private part) is kept; generated
 *     on first start with owner-only permissions, reused afterwards so that tokens survive a
 *     restart
 * @param demo demo seeding, for development only
 * @param users users who log in with the form
 * @param clients OAuth 2 clients
 * @param audience the {@code aud} of every access token: the platform's API, as the gateway and the
 *     services expect it ({@code cluster.identity.audience} there too)
 */
@Validated
@ConfigurationProperties("cluster.identity")
public record IdentityProperties(
        @NotBlank @DefaultValue("http://localhost:9000") String issuer,
        @NotNull @DefaultValue("./data/auth-server/signing-key.jwk") Path signingKeyFile,
        @NotNull @Valid @DefaultValue Demo demo,
        @NotNull List<@NotNull @Valid User> users,
        @NotNull List<@NotNull @Valid Client> clients,
        @NotBlank @DefaultValue("cluster-api") String audience) {

    /** A bcrypt hash in Spring Security's delegating format, e.g. {@code {bcrypt}$2a$10$...}. */
    static final String BCRYPT_HASH = "^\\{bcrypt\\}\\$2[aby]?\\$\\d{2}\\$[./A-Za-z0-9]{53}$";

    public IdentityProperties {
        users = users == null ? List.of() : List.copyOf(users);
        clients = clients == null ? List.of() : List.copyOf(clients);
    }

    @AssertTrue(message = "issuer must be an absolute http(s) URL without query or fragment")
    public boolean isIssuerAnHttpUrl() {
        if (issuer == null || issuer.isBlank()) {
            return true; // reported by @NotBlank
        }
        try {
            URI uri = new URI(issuer);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null
                    && uri.getQuery() == null
                    && uri.getFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * @param enabled registers the demo users and clients of docs/identity.md (never in production)
     */
    public record Demo(@DefaultValue("false") boolean enabled) {}

    /**
     * A user of the login form.
     *
     * @param username the login name, also the {@code sub} of the user's tokens
     * @param password the password's bcrypt hash, {@code {bcrypt}$2a$10$...}
     * @param roles the user's roles, at least one
     * @param memberId the organisation (member) the user belongs to; required for {@code member}
     *     and {@code delegate} users
     */
    public record User(
            @NotBlank
                    @Pattern(
                            regexp = "[A-Za-z0-9._@-]{1,64}",
                            message = "must be 1 to 64 letters, digits or ._@-")
                    String username,
            @NotNull
                    @Pattern(
                            regexp = BCRYPT_HASH,
                            message = "must be a bcrypt hash in the form '\\{bcrypt\\}$2a$10$...'")
                    String password,
            @NotEmpty List<@NotNull Role> roles,
            UUID memberId) {

        public User {
            roles = roles == null ? List.of() : List.copyOf(roles);
        }

        @AssertTrue(message = "member-id is required for member and delegate users")
        public boolean isMemberIdGivenWhereRequired() {
            return memberId != null
                    || !(roles.contains(Role.MEMBER) || roles.contains(Role.DELEGATE));
        }

        @Override
        public String toString() { // never the password hash
            return "User[" + username + ", roles=" + roles + ", memberId=" + memberId + "]";
        }
    }

    /**
     * Public clients run in browsers and on phones (no secret, PKCE); confidential clients hold a
     * secret.
     */
    public enum ClientType {
        PUBLIC,
        CONFIDENTIAL
    }

    /** The grants a client may use. */
    public enum Grant {
        AUTHORIZATION_CODE("authorization_code"),
        REFRESH_TOKEN("refresh_token"),
        CLIENT_CREDENTIALS("client_credentials");

        private final String value;

        Grant(String value) {
            this.value = value;
        }

        /** The OAuth 2 {@code grant_type} value. */
        public String value() {
            return value;
        }
    }

    /**
     * An OAuth 2 client.
     *
     * @param clientId the client id, also the {@code sub} of its client_credentials tokens
     * @param secret the secret's bcrypt hash; required for confidential clients, absent for public
     *     ones
     * @param type public (PKCE, no secret) or confidential
     * @param grants the grants the client may use
     * @param redirectUris where authorization codes may be sent; required with the
     *     authorization_code grant. {@code localhost} is refused (OAuth 2.1): use {@code 127.0.0.1}
     * @param scopes the scopes the client may ask for ({@code openid} for OIDC)
     * @param roles the {@code roles} of the client's client_credentials tokens
     * @param feedId the {@code feed_id} of the client's client_credentials tokens; required for
     *     {@code feed} clients
     * @param accessTokenTtl how long the client's access tokens live
     * @param refreshTokenTtl how long the client's refresh tokens live (rotated on every use)
     * @param postLogoutRedirectUris where the issuer may send the browser back after an OIDC
     *     RP-initiated logout ({@code /connect/logout}); only with the authorization_code grant
     */
    public record Client(
            @NotBlank
                    @Pattern(
                            regexp = "[A-Za-z0-9._-]{1,64}",
                            message = "must be 1 to 64 letters, digits or ._-")
                    String clientId,
            @Pattern(
                            regexp = BCRYPT_HASH,
                            message = "must be a bcrypt hash in the form '\\{bcrypt\\}$2a$10$...'")
                    String secret,
            @NotNull ClientType type,
            @NotEmpty Set<@NotNull Grant> grants,
            @NotNull List<@NotBlank String> redirectUris,
            @NotNull
                    List<@NotBlank @Pattern(regexp = "[\\x21\\x23-\\x5B\\x5D-\\x7E]+") String>
                            scopes,
            @NotNull List<@NotNull Role> roles,
            String feedId,
            @NotNull @DefaultValue("15m") Duration accessTokenTtl,
            @NotNull @DefaultValue("8h") Duration refreshTokenTtl,
            List<@NotBlank String> postLogoutRedirectUris) {

        /** A client without post-logout redirect URIs (every client but the web console). */
        public Client(
                String clientId,
                String secret,
                ClientType type,
                Set<Grant> grants,
                List<String> redirectUris,
                List<String> scopes,
                List<Role> roles,
                String feedId,
                Duration accessTokenTtl,
                Duration refreshTokenTtl) {
            this(
                    clientId,
                    secret,
                    type,
                    grants,
                    redirectUris,
                    scopes,
                    roles,
                    feedId,
                    accessTokenTtl,
                    refreshTokenTtl,
                    List.of());
        }

        @ConstructorBinding // the one properties bind to; the shorter one is for code
        public Client {
            grants =
                    grants == null || grants.isEmpty()
                            ? Set.of()
                            : Collections.unmodifiableSet(EnumSet.copyOf(grants));
            redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
            scopes = scopes == null ? List.of() : List.copyOf(scopes);
            roles = roles == null ? List.of() : List.copyOf(roles);
            postLogoutRedirectUris =
                    postLogoutRedirectUris == null
                            ? List.of()
                            : List.copyOf(postLogoutRedirectUris);
        }

        public boolean isPublic() {
            return type == ClientType.PUBLIC;
        }

        @AssertTrue(
                message = "confidential clients need a secret, public clients must not have one")
        public boolean isSecretGivenExactlyForConfidentialClients() {
            return type == null || (type == ClientType.CONFIDENTIAL) == (secret != null);
        }

        @AssertTrue(
                message =
                        "public clients may only use the authorization_code and refresh_token"
                                + " grants")
        public boolean isPublicClientWithoutClientCredentials() {
            return type != ClientType.PUBLIC || !grants.contains(Grant.CLIENT_CREDENTIALS);
        }

        @AssertTrue(
                message =
                        "the authorization_code grant needs redirect-uris, and only it may have"
                                + " them")
        public boolean isRedirectUrisGivenExactlyForAuthorizationCode() {
            return grants.contains(Grant.AUTHORIZATION_CODE) == !redirectUris.isEmpty();
        }

        @AssertTrue(
                message =
                        "redirect-uris must be absolute URIs without fragment, and not on"
                                + " 'localhost' (OAuth 2.1 refuses it: use 127.0.0.1)")
        public boolean isRedirectUrisValid() {
            for (String redirectUri : redirectUris) {
                try {
                    URI uri = new URI(redirectUri);
                    if (uri.getScheme() == null
                            || uri.getFragment() != null
                            || "localhost".equalsIgnoreCase(uri.getHost())) {
                        return false;
                    }
                } catch (URISyntaxException | NullPointerException e) {
                    return false;
                }
            }
            return true;
        }

        @AssertTrue(
                message = "feed-id is required for clients with the feed role, and only for them")
        public boolean isFeedIdGivenExactlyForFeedClients() {
            return roles.contains(Role.FEED) == (feedId != null && !feedId.isBlank());
        }

        @AssertTrue(
                message =
                        "access-token-ttl and refresh-token-ttl must be between 1 second and 1 day")
        public boolean isTokenTtlsInRange() {
            return inRange(accessTokenTtl) && inRange(refreshTokenTtl);
        }

        private static boolean inRange(Duration ttl) {
            return ttl == null
                    || (ttl.compareTo(Duration.ofSeconds(1)) >= 0
                            && ttl.compareTo(Duration.ofDays(1)) <= 0);
        }

        @Override
        public String toString() { // never the secret hash
            return "Client["
                    + clientId
                    + ", "
                    + type
                    + ", grants="
                    + grants
                    + ", roles="
                    + roles
                    + "]";
        }
    }
}
