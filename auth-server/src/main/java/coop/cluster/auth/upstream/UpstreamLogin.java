package coop.cluster.auth.upstream;

import coop.cluster.auth.people.People;
import java.util.List;
import java.util.Map;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;

/**
 * Logging in with an upstream provider, added to the login filter chain when at least one is
 * configured ({@link UpstreamProperties}): {@code /oauth2/authorization/<id>} sends the browser
 * there, the provider sends it back to {@code /login/oauth2/code/<id>}, {@link FederatedPeople}
 * links the login to a person, and the OAuth 2 flow that was waiting for a login goes on. A refused
 * login returns to the login page with {@code ?upstream-error}.
 */
public final class UpstreamLogin {

    private final LazyUpstreamRegistrations registrations;
    private final FederatedPeople people;

    UpstreamLogin(UpstreamProperties properties, People people) {
        this.registrations = new LazyUpstreamRegistrations(properties.upstreams());
        this.people = new FederatedPeople(people);
    }

    /** Whether any upstream is configured. */
    public boolean enabled() {
        return !registrations.displayNames().isEmpty();
    }

    /** The upstreams the login page offers: registration id → the name on its button. */
    public Map<String, String> choices() {
        return registrations.displayNames();
    }

    /**
     * What checks an upstream login (the code exchanged for the provider's tokens, the ID token
     * verified, the person found by {@link FederatedPeople}), for the login chain's authentication
     * manager, which is built explicitly (login throttling): none when no upstream is configured.
     */
    public List<AuthenticationProvider> authenticationProviders() {
        if (!enabled()) {
            return List.of();
        }
        return List.of(
                new OidcAuthorizationCodeAuthenticationProvider(
                        new RestClientAuthorizationCodeTokenResponseClient(), people));
    }

    /** Adds the upstream logins to the login chain; does nothing when none is configured. */
    public void applyTo(HttpSecurity http) {
        if (!enabled()) {
            return;
        }
        http.oauth2Login(
                login ->
                        login.loginPage("/login")
                                .clientRegistrationRepository(registrations)
                                .userInfoEndpoint(userInfo -> userInfo.oidcUserService(people))
                                .failureUrl("/login?upstream-error"));
    }
}
