package coop.cluster.auth;

import coop.cluster.auth.people.PersonClaims;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * The platform's claims (docs/identity.md): {@code roles} (lower case) and {@code member_id} for
 * people, read from the person and their organisation at token time ({@link PersonClaims}), plus
 * {@code email}, {@code name} and {@code locale} in ID tokens and userinfo; {@code roles} and
 * {@code feed_id} for client_credentials clients, in access tokens and ID tokens; and {@code scope}
 * as a space-separated string, as the contract (and Keycloak) has it.
 *
 * <p>Access tokens are marked as such (RFC 9068): header {@code typ: at+jwt}, {@code aud} the
 * platform's API ({@code cluster.identity.audience}, {@code cluster-api}) and {@code client_id} the
 * client that asked for it. The resource servers accept nothing else, so an ID token ({@code typ:
 * JWT}, {@code aud} the client) is refused.
 */
final class ClusterTokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    /** The {@code typ} header of access tokens (RFC 9068). */
    static final String ACCESS_TOKEN_TYPE = "at+jwt";

    static final String ROLES = "roles";
    static final String MEMBER_ID = "member_id";
    static final String FEED_ID = "feed_id";

    /** Client settings holding a client's roles (a list of claim values) and feed id. */
    static final String ROLES_SETTING = "coop.cluster.roles";

    static final String FEED_ID_SETTING = "coop.cluster.feed-id";

    private final PersonClaims people;
    private final String audience;

    ClusterTokenClaims(PersonClaims people, String audience) {
        this.people = people;
        this.audience = audience;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
        boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
        if (!accessToken && !idToken) {
            return;
        }
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
            ClientSettings settings = context.getRegisteredClient().getClientSettings();
            List<String> roles = settings.getSetting(ROLES_SETTING);
            String feedId = settings.getSetting(FEED_ID_SETTING);
            context.getClaims().claim(ROLES, roles == null ? List.of() : roles);
            if (feedId != null) {
                context.getClaims().claim(FEED_ID, feedId);
            }
        } else {
            // authorization_code and refresh_token: the principal is the person who logged in,
            // named by their id
            String personId = context.getPrincipal().getName();
            (accessToken ? people.accessClaims(personId) : people.profileClaims(personId))
                    .ifPresent(
                            person -> context.getClaims().claims(claims -> claims.putAll(person)));
        }
        if (accessToken) {
            context.getJwsHeader().type(ACCESS_TOKEN_TYPE);
            context.getClaims()
                    .audience(List.of(audience))
                    .claim("client_id", context.getRegisteredClient().getClientId());
            context.getClaims()
                    .claims(
                            claims -> {
                                if (claims.get("scope") instanceof Collection<?> scopes) {
                                    claims.put(
                                            "scope",
                                            scopes.stream()
                                                    .map(String::valueOf)
                                                    .collect(Collectors.joining(" ")));
                                }
                            });
        }
    }

    /**
     * What {@code /userinfo} answers: the person's id, roles, member id, email, name and language.
     */
    OidcUserInfo userInfo(OidcUserInfoAuthenticationContext context) {
        String personId = context.getAuthorization().getPrincipalName();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", personId);
        people.profileClaims(personId).ifPresent(claims::putAll);
        return new OidcUserInfo(claims);
    }
}
