package coop.cluster.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import coop.cluster.auth.IdentityProperties.Client;
import coop.cluster.auth.login.LoginProtectionConfig;
import coop.cluster.auth.login.ThrottledPasswordAuthentication;
import coop.cluster.auth.mfa.SecondFactorPolicy;
import coop.cluster.auth.oauth.OAuthStoreConfig;
import coop.cluster.auth.people.PersonClaims;
import coop.cluster.auth.upstream.UpstreamLogin;
import coop.cluster.plumbing.security.ClusterJwtAuthenticationConverter;
import coop.cluster.plumbing.security.SecurityProblemHandlers;
import jakarta.validation.Validator;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.authentication.PublicClientAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2AccessTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;

/**
 * The authorization server: OAuth 2 + OpenID Connect endpoints ({@code /oauth2/authorize}, {@code
 * /oauth2/token}, {@code /oauth2/jwks}, {@code /userinfo}, {@code
 * /.well-known/openid-configuration}, ...) in one filter chain, the login form and the actuator in
 * another.
 *
 * <p>Clients, authorizations (codes, refresh tokens) and consents live on the store ({@code
 * coop.cluster.auth.oauth}), so a restart forgets no refresh token and several instances share
 * them; so does the login session ({@code coop.cluster.auth.session}, docs/identity.md). A third
 * chain serves the clients API as a resource server.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProperties.class)
class AuthorizationServerConfig {

    /** The endpoints browser clients call with XHR/fetch (they navigate to /oauth2/authorize). */
    private static final Set<String> CORS_PATHS =
            Set.of("/oauth2/token", "/oauth2/jwks", "/oauth2/revoke", "/userinfo");

    /**
     * Where a login that still needs its second factor is sent (mfa.web.SecondFactorController).
     */
    static final String SECOND_FACTOR_PAGE = "/mfa";

    /**
     * The protocol endpoints; browsers without a session are sent to the login form. A login that
     * still needs its second factor ({@link MfaConfig}: both factors required of managers and
     * finance staff) is sent to {@code /mfa}, and comes back here once the code is given.
     */
    /**
     * No login-session registry: ID tokens without {@code sid}, logout by the hint's subject
     * ({@link NoSessionRegistry}).
     */
    @Bean
    SessionRegistry sessionRegistry() {
        return new NoSessionRegistry();
    }

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerFilterChain(
            HttpSecurity http,
            RegisteredClientRepository clients,
            IdentityDirectory directory,
            ClusterTokenClaims claims,
            OAuth2TokenGenerator<?> tokenGenerator) {
        MediaTypeRequestMatcher browsers = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        browsers.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        http.oauth2AuthorizationServer(
                        server -> {
                            http.securityMatcher(server.getEndpointsMatcher());
                            server.tokenGenerator(tokenGenerator)
                                    .clientAuthentication(
                                            clientAuthentication ->
                                                    clientAuthentication
                                                            .authenticationConverter(
                                                                    new PublicClientRefreshTokens
                                                                            .Converter())
                                                            .authenticationProviders(
                                                                    providers ->
                                                                            providers.replaceAll(
                                                                                    provider ->
                                                                                            provider
                                                                                                            instanceof
                                                                                                            PublicClientAuthenticationProvider
                                                                                                    ? new PublicClientRefreshTokens
                                                                                                            .Authenticator(
                                                                                                            provider,
                                                                                                            clients)
                                                                                                    : provider)))
                                    .oidc(
                                            oidc ->
                                                    oidc.userInfoEndpoint(
                                                                    userInfo ->
                                                                            userInfo.userInfoMapper(
                                                                                    claims
                                                                                            ::userInfo))
                                                            // the console on offset ports comes
                                                            // back to its own port after logout
                                                            .logoutEndpoint(
                                                                    logout ->
                                                                            logout
                                                                                    .authenticationProviders(
                                                                                            providers ->
                                                                                                    providers
                                                                                                            .forEach(
                                                                                                                    provider -> {
                                                                                                                        if (provider
                                                                                                                                instanceof
                                                                                                                                OidcLogoutAuthenticationProvider
                                                                                                                                        oidcLogout) {
                                                                                                                            oidcLogout
                                                                                                                                    .setAuthenticationValidator(
                                                                                                                                            new LoopbackPostLogoutRedirects());
                                                                                                                        }
                                                                                                                    }))));
                        })
                // with MfaConfig's AuthorizationManagerFactory: password + TOTP for the roles that
                // need both
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .cors(cors -> cors.configurationSource(browserClientsCors(directory)))
                // /userinfo is called with the access token
                .oauth2ResourceServer(
                        resourceServer -> resourceServer.jwt(Customizer.withDefaults()))
                .exceptionHandling(
                        exceptions ->
                                exceptions
                                        .defaultAuthenticationEntryPointFor(
                                                new LoginUrlAuthenticationEntryPoint("/login"),
                                                browsers)
                                        .defaultDeniedHandlerForMissingAuthority(
                                                new LoginUrlAuthenticationEntryPoint(
                                                        SECOND_FACTOR_PAGE),
                                                SecondFactorPolicy.TOTP_AUTHORITY));
        return http.build();
    }

    /**
     * The clients API ({@code /api/identity/clients/**}, managers only): a resource server, as the
     * services are: access tokens of this issuer ({@code typ at+jwt}, {@code aud cluster-api},
     * {@link #jwtDecoder}), roles mapped as everywhere ({@link ClusterJwtAuthenticationConverter}),
     * 401/403 as problem+json. Stateless: no session, no CSRF (no cookie to ride on).
     */
    @Bean
    @Order(-1) // before the /api/** chain of the people API (IdentityApiSecurity): this one is
    // more specific
    SecurityFilterChain clientsApiFilterChain(
            HttpSecurity http,
            ClusterJwtAuthenticationConverter roles,
            SecurityProblemHandlers problems) {
        http.securityMatcher("/api/identity/clients", "/api/identity/clients/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(
                        session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(
                        requests -> requests.anyRequest().hasRole(Role.MANAGER.name()))
                .oauth2ResourceServer(
                        server ->
                                server.jwt(jwt -> jwt.jwtAuthenticationConverter(roles))
                                        .authenticationEntryPoint(problems)
                                        .accessDeniedHandler(problems))
                .exceptionHandling(
                        exceptions ->
                                exceptions
                                        .authenticationEntryPoint(problems)
                                        .accessDeniedHandler(problems));
        return http.build();
    }

    /**
     * The login form (the issuer's own page, processed by Spring at {@code POST /login}, its
     * authentication throttled: {@link ThrottledPasswordAuthentication}), the logins with upstream
     * providers ({@link UpstreamLogin}), the second-factor pages (for a login whose password is
     * checked), the pages of the people flows that need no session (accept an invitation, sign up,
     * confirm, reset a password: CSRF-protected forms), the API docs, and the actuator's health,
     * info and prometheus endpoints, open to all.
     */
    @Bean
    @Order(2)
    SecurityFilterChain loginFilterChain(
            HttpSecurity http,
            IdentityDirectory directory,
            ThrottledPasswordAuthentication passwords,
            UpstreamLogin upstreams) {
        http.cors(cors -> cors.configurationSource(browserClientsCors(directory)))
                .authenticationManager(
                        LoginProtectionConfig.loginAuthenticationManager(
                                passwords, upstreams.authenticationProviders()))
                .authorizeHttpRequests(
                        requests ->
                                requests.requestMatchers(
                                                EndpointRequest.to("health", "info", "prometheus"))
                                        .permitAll()
                                        .requestMatchers(
                                                "/error",
                                                "/login",
                                                "/invitations/accept",
                                                "/sign-up",
                                                "/sign-up/confirm",
                                                "/password/forgot",
                                                "/password/reset",
                                                "/css/**",
                                                "/v3/api-docs",
                                                "/v3/api-docs/**")
                                        .permitAll()
                                        .requestMatchers(
                                                SECOND_FACTOR_PAGE, SECOND_FACTOR_PAGE + "/**")
                                        .access(
                                                (authentication, request) ->
                                                        new AuthorizationDecision(
                                                                SecondFactorPolicy.passwordChecked(
                                                                        authentication.get())))
                                        .anyRequest()
                                        .authenticated())
                .formLogin(form -> form.loginPage("/login").permitAll())
                .exceptionHandling(
                        exceptions ->
                                exceptions.defaultDeniedHandlerForMissingAuthority(
                                        new LoginUrlAuthenticationEntryPoint(SECOND_FACTOR_PAGE),
                                        SecondFactorPolicy.TOTP_AUTHORITY));
        upstreams.applyTo(http);
        return http.build();
    }

    /**
     * Browser clients (the web app, Swagger UI) call the token, JWKS, discovery and userinfo
     * endpoints from their own origin: CORS allows the origins of the public clients' http(s)
     * redirect URIs (as Keycloak's {@code "+"} web origin does), and no other. In both filter
     * chains, since a preflight ({@code OPTIONS}) request is not one of the protocol endpoints'
     * requests.
     */
    static CorsConfigurationSource browserClientsCors(IdentityDirectory directory) {
        List<String> origins =
                directory.clients().stream()
                        .filter(Client::isPublic)
                        .flatMap(client -> client.redirectUris().stream())
                        .map(URI::create)
                        .filter(
                                uri ->
                                        "http".equals(uri.getScheme())
                                                || "https".equals(uri.getScheme()))
                        .map(
                                uri ->
                                        uri.getScheme()
                                                + "://"
                                                + uri.getHost()
                                                + (uri.getPort() < 0 ? "" : ":" + uri.getPort()))
                        .distinct()
                        .toList();
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(origins);
        cors.setAllowedMethods(List.of("GET", "POST"));
        cors.setAllowedHeaders(
                List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, "DPoP"));
        cors.setMaxAge(Duration.ofHours(1));
        return request -> {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            return CORS_PATHS.contains(path) || path.startsWith("/.well-known/") ? cors : null;
        };
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(IdentityProperties properties) {
        return AuthorizationServerSettings.builder().issuer(properties.issuer()).build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    IdentityDirectory identityDirectory(
            IdentityProperties properties, PasswordEncoder passwordEncoder, Validator validator) {
        return IdentityDirectory.from(properties, passwordEncoder::encode, validator);
    }

    /**
     * The clients of the configuration, written to the store at start (OAuthStoreConfig), where the
     * clients created through the API live too; Spring Authorization Server reads them there
     * (oauth.persistence.ClientStore, the {@code RegisteredClientRepository}).
     */
    @Bean
    OAuthStoreConfig.ConfiguredClients configuredClients(IdentityDirectory directory) {
        List<RegisteredClient> clients =
                directory.clients().stream().map(AuthorizationServerConfig::registration).toList();
        return () -> clients;
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(IdentityProperties properties) {
        RSAKey key = SigningKeyStore.loadOrCreate(properties.signingKeyFile());
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    /** For /userinfo: this server's own access tokens ({@code typ: at+jwt}), never an ID token. */
    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource, IdentityProperties properties) {
        // not OAuth2AuthorizationServerConfiguration.jwtDecoder: its Nimbus processor accepts typ
        // JWT only
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(jwkSource).build();
        decoder.setJwtValidator(
                new DelegatingOAuth2TokenValidator<>(
                        new JwtTypeValidator(
                                ClusterTokenClaims.ACCESS_TOKEN_TYPE, "application/at+jwt"),
                        new JwtTimestampValidator(),
                        new JwtIssuerValidator(properties.issuer()),
                        new JwtClaimValidator<List<String>>(
                                JwtClaimNames.AUD,
                                aud -> aud != null && aud.contains(properties.audience()))));
        return decoder;
    }

    @Bean
    ClusterTokenClaims clusterTokenClaims(PersonClaims people, IdentityProperties properties) {
        return new ClusterTokenClaims(people, properties.audience());
    }

    @Bean
    OAuth2TokenGenerator<?> tokenGenerator(
            JWKSource<SecurityContext> jwkSource, ClusterTokenClaims claims) {
        JwtGenerator jwtGenerator = new JwtGenerator(new NimbusJwtEncoder(jwkSource));
        jwtGenerator.setJwtCustomizer(claims);
        return new DelegatingOAuth2TokenGenerator(
                jwtGenerator,
                new OAuth2AccessTokenGenerator(),
                new PublicClientRefreshTokens.Generator());
    }

    static RegisteredClient registration(Client client) {
        return ClientRegistrations.of(client);
    }
}
