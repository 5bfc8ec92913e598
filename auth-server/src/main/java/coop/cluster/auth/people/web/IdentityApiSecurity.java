package coop.cluster.auth.people.web;

import coop.cluster.plumbing.security.ClusterJwtAuthenticationConverter;
import coop.cluster.plumbing.security.SecurityProblemHandlers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@code /api/identity/**}: the issuer is a resource server for its API, with the services' rules
 * (platform-plumbing's {@code ServiceSecurityAutoConfiguration}): the platform's access tokens only
 * ({@code typ at+jwt}, {@code aud cluster-api}, checked by the issuer's own decoder against its own
 * keys, with no HTTP call to itself), roles mapped by {@link ClusterJwtAuthenticationConverter}, no
 * session, no CSRF (bearer tokens only), and 401/403 as problem+json. The one-time-link and sign-up
 * endpoints are open: they answer the same whoever asks. This chain comes before the login form's,
 * which would otherwise send API clients to a login page.
 */
@Configuration(proxyBeanMethods = false)
class IdentityApiSecurity {

    /** Open to anonymous callers: what a person without an account, or without a session, does. */
    static final String[] ANONYMOUS = {
        "/api/identity/invitations/acceptance",
        "/api/identity/sign-ups",
        "/api/identity/sign-ups/confirmation",
        "/api/identity/password-resets",
        "/api/identity/password-resets/completion"
    };

    @Bean
    @Order(0)
    SecurityFilterChain identityApiFilterChain(
            HttpSecurity http,
            JwtDecoder accessTokens,
            ClusterJwtAuthenticationConverter converter,
            SecurityProblemHandlers handlers) {
        http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(
                        session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .authorizeHttpRequests(
                        requests ->
                                requests.requestMatchers(HttpMethod.OPTIONS, "/api/**")
                                        .permitAll()
                                        .requestMatchers(HttpMethod.POST, ANONYMOUS)
                                        .permitAll()
                                        .requestMatchers("/api/identity/**")
                                        .authenticated()
                                        .anyRequest()
                                        .denyAll())
                .oauth2ResourceServer(
                        server ->
                                server.jwt(
                                                jwt ->
                                                        jwt.decoder(accessTokens)
                                                                .jwtAuthenticationConverter(
                                                                        converter))
                                        .authenticationEntryPoint(handlers)
                                        .accessDeniedHandler(handlers))
                .exceptionHandling(
                        exceptions ->
                                exceptions
                                        .authenticationEntryPoint(handlers)
                                        .accessDeniedHandler(handlers));
        return http.build();
    }
}
