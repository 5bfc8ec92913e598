package coop.cluster.auth.upstream;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * The upstream providers as OAuth 2 client registrations, each built from its discovery document on
 * first use and kept once built: the issuer starts while an upstream is down (Keycloak starts more
 * slowly than this server), and a login with an upstream that does not answer fails on its own,
 * with a message, while password logins work. A failed discovery is not remembered; the next login
 * tries again.
 */
final class LazyUpstreamRegistrations
        implements ClientRegistrationRepository, Iterable<ClientRegistration> {

    private static final Logger log = LoggerFactory.getLogger(LazyUpstreamRegistrations.class);

    private final Map<String, UpstreamProperties.Upstream> upstreams;
    private final Map<String, ClientRegistration> built = new ConcurrentHashMap<>();

    LazyUpstreamRegistrations(Map<String, UpstreamProperties.Upstream> upstreams) {
        this.upstreams = Map.copyOf(upstreams);
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        UpstreamProperties.Upstream upstream = upstreams.get(registrationId);
        if (upstream == null) {
            return null;
        }
        return built.computeIfAbsent(registrationId, id -> build(id, upstream));
    }

    /**
     * The configured upstreams, as the login page lists them: id and display name, without asking
     * them anything.
     */
    Map<String, String> displayNames() {
        Map<String, String> names = new java.util.TreeMap<>();
        upstreams.forEach((id, upstream) -> names.put(id, upstream.displayName()));
        return names;
    }

    @Override
    public Iterator<ClientRegistration> iterator() {
        return upstreams.keySet().stream().map(this::findByRegistrationId).iterator();
    }

    private static ClientRegistration build(String id, UpstreamProperties.Upstream upstream) {
        if (upstream.explicitEndpoints()) {
            return ClientRegistration.withRegistrationId(id)
                    .issuerUri(upstream.issuerUri())
                    .authorizationUri(upstream.authorizationUri())
                    .tokenUri(upstream.tokenUri())
                    .jwkSetUri(upstream.jwkSetUri())
                    .userInfoUri(upstream.userInfoUri())
                    .userNameAttributeName("sub")
                    .clientId(upstream.clientId())
                    .clientSecret(upstream.clientSecret())
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                    .scope(List.copyOf(upstream.scopes()))
                    .clientName(upstream.displayName())
                    .build();
        }
        try {
            return ClientRegistrations.fromIssuerLocation(upstream.issuerUri())
                    .registrationId(id)
                    .clientId(upstream.clientId())
                    .clientSecret(upstream.clientSecret())
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                    .scope(List.copyOf(upstream.scopes()))
                    .clientName(upstream.displayName())
                    .build();
        } catch (RuntimeException e) {
            log.warn(
                    "Upstream login '{}' is unavailable: its discovery document at {} could not be"
                            + " read ({})",
                    id,
                    upstream.issuerUri(),
                    e.getMessage());
            throw e;
        }
    }
}
