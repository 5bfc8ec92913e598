package coop.cluster.auth;

import coop.cluster.auth.IdentityProperties.Client;
import coop.cluster.auth.IdentityProperties.Grant;
import java.util.ArrayList;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * A client of docs/identity.md as Spring Authorization Server registers it: the configured and demo
 * clients, and those created through the clients API, are registered the same way.
 */
public final class ClientRegistrations {

    private ClientRegistrations() {}

    public static RegisteredClient of(Client client) {
        ClientSettings.Builder settings =
                ClientSettings.builder()
                        .requireAuthorizationConsent(false) // first-party clients
                        .requireProofKey(
                                client.grants()
                                        .contains(Grant.AUTHORIZATION_CODE)) // PKCE, S256 only
                        // a mutable list: what the store's JSON allow-list reads back
                        .setting(
                                ClusterTokenClaims.ROLES_SETTING,
                                new ArrayList<>(
                                        client.roles().stream().map(Role::claimValue).toList()));
        if (client.feedId() != null) {
            settings.setting(ClusterTokenClaims.FEED_ID_SETTING, client.feedId());
        }
        return RegisteredClient.withId(client.clientId())
                .clientId(client.clientId())
                .clientSecret(client.secret())
                .clientAuthenticationMethods(
                        methods -> {
                            if (client.isPublic()) {
                                methods.add(ClientAuthenticationMethod.NONE);
                            } else {
                                methods.add(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
                                methods.add(ClientAuthenticationMethod.CLIENT_SECRET_POST);
                            }
                        })
                .authorizationGrantTypes(
                        grants ->
                                client.grants()
                                        .forEach(
                                                grant ->
                                                        grants.add(
                                                                new AuthorizationGrantType(
                                                                        grant.value()))))
                .redirectUris(uris -> uris.addAll(client.redirectUris()))
                .postLogoutRedirectUris(uris -> uris.addAll(client.postLogoutRedirectUris()))
                .scopes(scopes -> scopes.addAll(client.scopes()))
                .clientSettings(settings.build())
                .tokenSettings(
                        TokenSettings.builder()
                                .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                                .accessTokenTimeToLive(client.accessTokenTtl())
                                .idTokenSignatureAlgorithm(SignatureAlgorithm.RS256)
                                .refreshTokenTimeToLive(client.refreshTokenTtl())
                                .reuseRefreshTokens(false) // rotated on every use
                                .build())
                .build();
    }

    /** The {@code feed_id} a client's tokens carry, or null. */
    public static String feedId(RegisteredClient client) {
        return client.getClientSettings().getSetting(ClusterTokenClaims.FEED_ID_SETTING);
    }

    /** The {@code roles} a client's client_credentials tokens carry. */
    public static java.util.List<String> roles(RegisteredClient client) {
        java.util.List<String> roles =
                client.getClientSettings().getSetting(ClusterTokenClaims.ROLES_SETTING);
        return roles == null ? java.util.List.of() : roles;
    }
}
