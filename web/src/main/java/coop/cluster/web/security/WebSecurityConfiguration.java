package coop.cluster.web.security;

import coop.cluster.web.WebProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The console's security, as the OAuth 2.0 for Browser-Based Apps best practice describes a backend
 * for frontend:
 *
 * <ul>
 *   <li>login: authorization code with PKCE at the issuer, as the confidential client {@code
 *       cluster-console};
 *   <li>the tokens stay in the server-side session ({@link
 *       HttpSessionOAuth2AuthorizedClientRepository}) and are refreshed there; the browser holds
 *       only the session cookie (HttpOnly, SameSite=Lax, Secure with TLS);
 *   <li>logout ends the session at the issuer too (OIDC RP-initiated logout);
 *   <li>CSRF tokens on every form and htmx request; a Content-Security-Policy without {@code
 *       unsafe-inline}.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfiguration {

    /** Pages and assets anyone may see. */
    private static final String[] PUBLIC = {
        "/",
        "/public/**",
        "/error",
        "/assets/**",
        "/css/**",
        "/js/**",
        "/icons/**",
        "/manifest.webmanifest",
        "/favicon.ico",
        "/actuator/health",
        "/actuator/health/**",
        // the gateway never routes /actuator/** here: only the host (127.0.0.1) can scrape the
        // metrics
        "/actuator/prometheus"
    };

    @Bean
    SecurityFilterChain consoleSecurity(
            HttpSecurity http,
            ClientRegistrationRepository registrations,
            OAuth2AuthorizedClientRepository authorizedClients,
            WebProperties properties)
            throws Exception {
        DefaultOAuth2AuthorizationRequestResolver pkce =
                new DefaultOAuth2AuthorizationRequestResolver(
                        registrations,
                        OAuth2AuthorizationRequestRedirectFilter
                                .DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
        pkce.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());

        OidcClientInitiatedLogoutSuccessHandler logoutAtIssuer =
                new OidcClientInitiatedLogoutSuccessHandler(registrations);
        logoutAtIssuer.setPostLogoutRedirectUri("{baseUrl}/");

        http.authorizeHttpRequests(
                        requests ->
                                requests.requestMatchers(HttpMethod.GET, PUBLIC)
                                        .permitAll()
                                        .requestMatchers(HttpMethod.HEAD, PUBLIC)
                                        .permitAll()
                                        .requestMatchers("/actuator/**")
                                        .denyAll()
                                        .anyRequest()
                                        .authenticated())
                .oauth2Login(
                        login ->
                                login.authorizationEndpoint(
                                                endpoint ->
                                                        endpoint.authorizationRequestResolver(pkce))
                                        .authorizedClientRepository(authorizedClients)
                                        .loginPage(
                                                "/oauth2/authorization/"
                                                        + ClusterClientRegistration.ID))
                .oauth2Client(client -> client.authorizedClientRepository(authorizedClients))
                .logout(logout -> logout.logoutSuccessHandler(logoutAtIssuer))
                .headers(
                        headers ->
                                headers.contentSecurityPolicy(
                                                csp ->
                                                        csp.policyDirectives(
                                                                contentSecurityPolicy(properties)))
                                        .referrerPolicy(
                                                referrer ->
                                                        referrer.policy(
                                                                ReferrerPolicyHeaderWriter
                                                                        .ReferrerPolicy
                                                                        .STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                                        .frameOptions(frames -> frames.deny()));
        return http.build();
    }

    /**
     * No inline script or style anywhere (templates load {@code /js/*.js} and {@code /css/*.css});
     * forms may post to the console and to the issuer (its login form, reached by redirect).
     */
    static String contentSecurityPolicy(WebProperties properties) {
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "frame-ancestors 'none'; form-action 'self' "
                + properties.issuer()
                + "; base-uri 'self'; "
                + "object-src 'none'";
    }

    /**
     * The tokens live in the session: they go when it goes (logout, expiry), and never reach the
     * browser.
     */
    @Bean
    OAuth2AuthorizedClientRepository authorizedClientRepository() {
        return new HttpSessionOAuth2AuthorizedClientRepository();
    }

    /**
     * Gives the API client a valid access token, refreshing it with the refresh token when it has
     * expired.
     */
    @Bean
    OAuth2AuthorizedClientManager authorizedClientManager(
            ClientRegistrationRepository registrations,
            OAuth2AuthorizedClientRepository authorizedClients) {
        OAuth2AuthorizedClientProvider provider =
                OAuth2AuthorizedClientProviderBuilder.builder()
                        .authorizationCode()
                        .refreshToken()
                        .build();
        DefaultOAuth2AuthorizedClientManager manager =
                new DefaultOAuth2AuthorizedClientManager(registrations, authorizedClients);
        manager.setAuthorizedClientProvider(provider);
        return manager;
    }
}
