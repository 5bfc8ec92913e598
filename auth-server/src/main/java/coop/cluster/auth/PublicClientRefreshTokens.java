package coop.cluster.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.keygen.Base64StringKeyGenerator;
import org.springframework.security.crypto.keygen.StringKeyGenerator;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Refresh tokens for public clients.
 *
 * <p>The contract (docs/identity.md) gives the public clients {@code cluster-web} and {@code
 * cluster-mobile} the refresh_token grant, as Keycloak does. Spring Authorization Server, by
 * default, issues no refresh token to a public client and cannot authenticate a public client on a
 * refresh_token request (its public-client authentication is PKCE, which only exists on the
 * authorization_code request). These three pieces add that: OAuth 2.1 (section 4.3.1) allows
 * refresh tokens for public clients when they are rotated, and every client here has {@code
 * reuseRefreshTokens=false}: each refresh returns a new refresh token and invalidates the old one.
 */
final class PublicClientRefreshTokens {

    private PublicClientRefreshTokens() {}

    /**
     * Reads the client of a refresh_token request that names a client id and carries no client
     * credentials: a public client. Requests with credentials are left to the other converters.
     */
    static final class Converter implements AuthenticationConverter {

        @Override
        public Authentication convert(HttpServletRequest request) {
            if (!HttpMethod.POST.matches(request.getMethod())
                    || !AuthorizationGrantType.REFRESH_TOKEN
                            .getValue()
                            .equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))
                    || request.getHeader(HttpHeaders.AUTHORIZATION) != null
                    || request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null
                    || request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION) != null) {
                return null;
            }
            String[] clientIds = request.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
            if (clientIds == null) {
                return null;
            }
            if (clientIds.length != 1 || clientIds[0].isBlank()) {
                throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST);
            }
            return new OAuth2ClientAuthenticationToken(
                    clientIds[0],
                    ClientAuthenticationMethod.NONE,
                    null,
                    Map.of(
                            OAuth2ParameterNames.GRANT_TYPE,
                            AuthorizationGrantType.REFRESH_TOKEN.getValue()));
        }
    }

    /**
     * Authenticates a public client on a refresh_token request (the refresh token itself is then
     * checked, and must belong to this client); every other public-client request goes to Spring's
     * PKCE authentication.
     */
    static final class Authenticator implements AuthenticationProvider {

        private final AuthenticationProvider pkceAuthentication;
        private final RegisteredClientRepository clients;

        Authenticator(
                AuthenticationProvider pkceAuthentication, RegisteredClientRepository clients) {
            this.pkceAuthentication = pkceAuthentication;
            this.clients = clients;
        }

        @Override
        public Authentication authenticate(Authentication authentication) {
            OAuth2ClientAuthenticationToken client =
                    (OAuth2ClientAuthenticationToken) authentication;
            if (!ClientAuthenticationMethod.NONE.equals(client.getClientAuthenticationMethod())
                    || !AuthorizationGrantType.REFRESH_TOKEN
                            .getValue()
                            .equals(
                                    client.getAdditionalParameters()
                                            .get(OAuth2ParameterNames.GRANT_TYPE))) {
                return pkceAuthentication.authenticate(authentication);
            }
            RegisteredClient registered =
                    clients.findByClientId(String.valueOf(client.getPrincipal()));
            if (registered == null
                    || !registered
                            .getClientAuthenticationMethods()
                            .contains(ClientAuthenticationMethod.NONE)
                    || !registered
                            .getAuthorizationGrantTypes()
                            .contains(AuthorizationGrantType.REFRESH_TOKEN)) {
                throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
            }
            return new OAuth2ClientAuthenticationToken(
                    registered, ClientAuthenticationMethod.NONE, null);
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
        }
    }

    /**
     * Issues a refresh token to every client registered with the refresh_token grant, public ones
     * included (Spring's own generator skips public clients).
     */
    static final class Generator implements OAuth2TokenGenerator<OAuth2RefreshToken> {

        private final StringKeyGenerator values =
                new Base64StringKeyGenerator(Base64.getUrlEncoder().withoutPadding(), 96);
        private final Clock clock = Clock.systemUTC();

        @Override
        public OAuth2RefreshToken generate(OAuth2TokenContext context) {
            if (!OAuth2TokenType.REFRESH_TOKEN.equals(context.getTokenType())
                    || !context.getRegisteredClient()
                            .getAuthorizationGrantTypes()
                            .contains(AuthorizationGrantType.REFRESH_TOKEN)) {
                return null;
            }
            Instant issuedAt = clock.instant();
            Instant expiresAt =
                    issuedAt.plus(
                            context.getRegisteredClient()
                                    .getTokenSettings()
                                    .getRefreshTokenTimeToLive());
            return new OAuth2RefreshToken(values.generateKey(), issuedAt, expiresAt);
        }
    }
}
