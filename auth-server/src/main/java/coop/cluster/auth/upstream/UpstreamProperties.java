package coop.cluster.auth.upstream;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code cluster.identity.upstreams.<id>.*}: external OpenID Connect providers people may log in
 * with instead of a password (Keycloak in docker compose, Entra ID, Google Workspace, an eIDAS node
 * later). The issuer stays the platform's token issuer: an upstream only proves who the person is;
 * their organisation and roles stay here (docs/identity.md, "Logging in with an upstream
 * provider").
 *
 * @param upstreams by registration id (lower case letters, digits and hyphens; it appears in {@code
 *     /oauth2/authorization/<id>} and {@code /login/oauth2/code/<id>})
 */
@Validated
@ConfigurationProperties("cluster.identity")
public record UpstreamProperties(@NotNull Map<String, @Valid @NotNull Upstream> upstreams) {

    public UpstreamProperties {
        upstreams = upstreams == null ? Map.of() : Map.copyOf(upstreams);
    }

    /**
     * @param issuerUri the provider's issuer (the {@code iss} of its ID tokens); its discovery
     *     document is read on first use, not at start, unless the endpoints below are all given
     * @param clientId this issuer's client at the provider (confidential, authorization code)
     * @param clientSecret its secret
     * @param displayName shown on the login page's button ("Keycloak", "Microsoft", ...)
     * @param scopes {@code openid email profile} by default: the email is what links the login to a
     *     person
     * @param authorizationUri where browsers are sent; with the three below, instead of discovery:
     *     for a provider that browsers and this server reach at different addresses (Keycloak in
     *     docker compose: {@code localhost:8180} for browsers, {@code keycloak:8180} in the
     *     network)
     * @param tokenUri where this server exchanges the code
     * @param jwkSetUri the provider's keys
     * @param userInfoUri the provider's userinfo endpoint
     */
    public record Upstream(
            @NotBlank String issuerUri,
            @NotBlank String clientId,
            @NotBlank String clientSecret,
            @NotBlank String displayName,
            @NotNull @DefaultValue({"openid", "email", "profile"}) List<String> scopes,
            String authorizationUri,
            String tokenUri,
            String jwkSetUri,
            String userInfoUri) {

        /** Whether the endpoints are given, so no discovery is needed. */
        public boolean explicitEndpoints() {
            return hasText(authorizationUri)
                    && hasText(tokenUri)
                    && hasText(jwkSetUri)
                    && hasText(userInfoUri);
        }

        private static boolean hasText(String value) {
            return value != null && !value.isBlank();
        }
    }
}
