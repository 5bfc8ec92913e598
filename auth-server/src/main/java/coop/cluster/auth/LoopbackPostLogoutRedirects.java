package coop.cluster.auth;

import java.net.URI;
import java.util.Objects;
import java.util.function.Consumer;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationValidator;

/**
 * The end-session endpoint's check of {@code post_logout_redirect_uri}: exact match, as Spring
 * Authorization Server does, except that a loopback IP literal ({@code
 * http://127.0.0.1:<port>/...}, {@code http://[::1]:<port>/...}) may come with any port, as for
 * redirect URIs (RFC 8252 §7.3). A platform started with {@code --port-offset} serves the console
 * on another port than the one registered, and its logout must come back to it (docs/identity.md).
 */
final class LoopbackPostLogoutRedirects implements Consumer<OidcLogoutAuthenticationContext> {

    private final Consumer<OidcLogoutAuthenticationContext> exact =
            new OidcLogoutAuthenticationValidator();

    @Override
    public void accept(OidcLogoutAuthenticationContext context) {
        OidcLogoutAuthenticationToken logout = context.getAuthentication();
        String requested = logout.getPostLogoutRedirectUri();
        if (requested != null
                && context.getRegisteredClient() != null
                && context.getRegisteredClient().getPostLogoutRedirectUris().stream()
                        .anyMatch(registered -> sameLoopbackIgnoringPort(registered, requested))) {
            return;
        }
        exact.accept(context);
    }

    static boolean sameLoopbackIgnoringPort(String registered, String requested) {
        try {
            URI a = URI.create(registered);
            URI b = URI.create(requested);
            return "http".equals(a.getScheme())
                    && "http".equals(b.getScheme())
                    && isLoopbackLiteral(a.getHost())
                    && Objects.equals(a.getHost(), b.getHost())
                    && b.getRawUserInfo() == null
                    && Objects.equals(a.getRawPath(), b.getRawPath())
                    && Objects.equals(a.getRawQuery(), b.getRawQuery())
                    && b.getRawFragment() == null;
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static boolean isLoopbackLiteral(String host) {
        return "127.0.0.1".equals(host) || "[::1]".equals(host);
    }
}
