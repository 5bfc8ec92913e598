package coop.cluster.web.security;

import coop.cluster.web.WebProperties;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * The console's registration at the platform's issuer. Its endpoints are Spring Authorization
 * Server's, written out rather than discovered, so that the console starts (and shows its public
 * page) while the issuer is still starting or down: discovery at start-up would make the issuer a
 * start dependency.
 */
@Configuration(proxyBeanMethods = false)
class ClusterClientRegistration {

    /**
     * The registration id, the last segment of the redirect URI {@code /login/oauth2/code/cluster}.
     */
    static final String ID = "cluster";

    @Bean
    ClientRegistrationRepository clientRegistrations(WebProperties properties) {
        String issuer = properties.issuer();
        String backchannel = properties.issuerBackchannel();
        ClientRegistration registration =
                ClientRegistration.withRegistrationId(ID)
                        .clientId(properties.clientId())
                        .clientSecret(properties.clientSecret())
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                        // behind the gateway, baseUrl is the gateway's address (forwarded headers,
                        // preserved Host)
                        .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                        .scope("openid", "profile")
                        .issuerUri(issuer)
                        .authorizationUri(issuer + "/oauth2/authorize")
                        .tokenUri(backchannel + "/oauth2/token")
                        .jwkSetUri(backchannel + "/oauth2/jwks")
                        .userInfoUri(backchannel + "/userinfo")
                        .userNameAttributeName("sub")
                        .providerConfigurationMetadata(
                                Map.of("end_session_endpoint", issuer + "/connect/logout"))
                        .clientName("Cluster")
                        .build();
        return new InMemoryClientRegistrationRepository(registration);
    }
}
