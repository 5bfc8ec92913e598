package coop.cluster.plumbing.security;

import coop.cluster.plumbing.config.PlumbingAutoConfiguration;
import coop.cluster.plumbing.consumer.EventSubscription;
import coop.cluster.plumbing.web.MalformedRequestProblems;
import coop.cluster.plumbing.web.ProblemWriter;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.time.Clock;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Makes every service an OAuth 2 resource server: tokens are verified by the service itself against
 * the issuer's keys, roles are mapped explicitly ({@link ClusterJwtAuthenticationConverter}), every
 * {@code /api/**} request needs a token but GET and HEAD of the public API ({@link #PUBLIC_API}),
 * and method security ({@code @PreAuthorize}) is on. 401, 403 and 503 are problem+json. A token
 * issued before the identity service revoked its person's or member's access is refused ({@link
 * Revocations}). A service adds URL rules with {@link RequestRules} beans, or replaces the chain
 * with its own {@link SecurityFilterChain} bean.
 */
@AutoConfiguration(
        after = PlumbingAutoConfiguration.class,
        before = {
            SecurityAutoConfiguration.class,
            ServletWebSecurityAutoConfiguration.class,
            ManagementWebSecurityAutoConfiguration.class,
            OAuth2ResourceServerAutoConfiguration.class,
            UserDetailsServiceAutoConfiguration.class
        },
        // MalformedRequestProblems' /error controller replaces Spring Boot's
        beforeName =
                "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@EnableConfigurationProperties(SecuritySettings.class)
@EnableWebSecurity
@EnableMethodSecurity
@Import(MalformedRequestProblems.class)
public class ServiceSecurityAutoConfiguration {

    /** Open without a token: probes, scraping and API docs. */
    static final String[] PUBLIC_PATHS = {
        "/actuator/health",
        "/actuator/health/**",
        "/actuator/info",
        "/actuator/prometheus",
        "/v3/api-docs",
        "/v3/api-docs/**",
        "/swagger-ui.html",
        "/swagger-ui/**",
        "/error"
    };

    /**
     * A service's public API (the cluster's public page: membership's listed members, finance's
     * published reports): GET and HEAD only, open to anyone; every other method there needs a token
     * like the rest of {@code /api/**}.
     */
    public static final String PUBLIC_API = "/api/public/**";

    /**
     * Verifies tokens (signature, claims, access-token rules), then refuses revoked ones if
     * revocations are on.
     */
    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(
            @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String issuerUri,
            @Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri:}") String jwkSetUri,
            SecuritySettings settings,
            AccessTokenRules rules,
            ObjectProvider<Revocations> revocations) {
        JwtDecoder decoder = ClusterJwtDecoders.lazy(issuerUri, jwkSetUri, settings, rules);
        Revocations revoked = revocations.getIfAvailable();
        return revoked == null ? decoder : ClusterJwtDecoders.refusingRevoked(decoder, revoked);
    }

    /**
     * {@code cluster.identity.audience} and {@code cluster.identity.access-token-types}: see
     * docs/identity.md.
     */
    @Bean
    @ConditionalOnMissingBean
    AccessTokenRules accessTokenRules(
            @Value("${cluster.identity.audience:" + AccessTokenRules.DEFAULT_AUDIENCE + "}")
                    String audience,
            @Value("${cluster.identity.access-token-types:at+jwt,application/at+jwt}")
                    List<String> types) {
        return new AccessTokenRules(audience, types);
    }

    @Bean
    @ConditionalOnMissingBean
    ClusterJwtAuthenticationConverter clusterJwtAuthenticationConverter() {
        return new ClusterJwtAuthenticationConverter();
    }

    @Bean
    SecurityProblemHandlers securityProblemHandlers(ProblemWriter problems) {
        return new SecurityProblemHandlers(problems);
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain clusterSecurityFilterChain(
            HttpSecurity http,
            ClusterJwtAuthenticationConverter converter,
            SecurityProblemHandlers handlers,
            ObjectProvider<RequestRules> rules,
            ObjectProvider<SecurityChainCustomizer> customizers)
            throws Exception {
        http.csrf(csrf -> csrf.disable()) // bearer tokens only, no cookies: nothing for
                // CSRF to ride on
                .sessionManagement(
                        session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .authorizeHttpRequests(
                        requests -> {
                            requests.requestMatchers(PUBLIC_PATHS).permitAll();
                            requests.requestMatchers(HttpMethod.OPTIONS, "/api/**").permitAll();
                            requests.requestMatchers(HttpMethod.GET, PUBLIC_API).permitAll();
                            requests.requestMatchers(HttpMethod.HEAD, PUBLIC_API).permitAll();
                            rules.orderedStream().forEach(rule -> rule.apply(requests));
                            requests.requestMatchers("/api/**").authenticated();
                            requests.requestMatchers("/actuator/**")
                                    .hasRole(ClusterRole.MANAGER.name());
                            requests.anyRequest().denyAll();
                        })
                .oauth2ResourceServer(
                        server ->
                                server.jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                                        .authenticationEntryPoint(handlers)
                                        .accessDeniedHandler(handlers)
                                        .withObjectPostProcessor(
                                                new ObjectPostProcessor<
                                                        BearerTokenAuthenticationFilter>() {
                                                    @Override
                                                    public <
                                                                    O extends
                                                                            BearerTokenAuthenticationFilter>
                                                            O postProcess(O filter) {
                                                        // an unreachable issuer reaches the entry
                                                        // point (503) instead of escaping as a 500
                                                        AuthenticationEntryPointFailureHandler
                                                                failures =
                                                                        new AuthenticationEntryPointFailureHandler(
                                                                                handlers);
                                                        failures
                                                                .setRethrowAuthenticationServiceException(
                                                                        false);
                                                        filter.setAuthenticationFailureHandler(
                                                                failures);
                                                        return filter;
                                                    }
                                                }))
                .exceptionHandling(
                        exceptions ->
                                exceptions
                                        .authenticationEntryPoint(handlers)
                                        .accessDeniedHandler(handlers));
        for (SecurityChainCustomizer customizer : customizers.orderedStream().toList()) {
            customizer.customize(http);
        }
        return http.build();
    }

    @Bean
    WebMvcConfigurer callerArgument() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }
        };
    }

    /**
     * Access revocations (docs/identity.md, "Revocations"): every service consumes {@code
     * identity.people} for {@code access.revoked} and refuses the tokens issued at or before a
     * revocation. On unless {@code cluster.security.revocations.enabled=false}; only in a web
     * service (a worker without requests has no token to refuse).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnProperty(
            name = "cluster.security.revocations.enabled",
            havingValue = "true",
            matchIfMissing = true)
    @EnableConfigurationProperties(RevocationSettings.class)
    static class Revoking {

        @Bean
        Revocations revocations(MongoTemplate mongo, RevocationSettings settings, Clock clock) {
            return new Revocations(mongo, settings.refreshInterval(), settings.retention(), clock);
        }

        @Bean
        EventSubscription tokenRevocations(Revocations revocations) {
            return revocations.subscription();
        }
    }

    /**
     * The API docs say how to authenticate: a bearer JWT, obtained from the issuer's OIDC
     * endpoints.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springdoc.core.customizers.OpenApiCustomizer")
    static class OpenApiSecurity {

        static {
            SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
        }

        @Bean
        OpenApiCustomizer bearerTokenDocs(
                @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}")
                        String issuerUri) {
            return openApi -> addSecurity(openApi, issuerUri);
        }

        static void addSecurity(OpenAPI openApi, String issuerUri) {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents()
                    .addSecuritySchemes(
                            "bearer-jwt",
                            new SecurityScheme()
                                    .type(SecurityScheme.Type.HTTP)
                                    .scheme("bearer")
                                    .bearerFormat("JWT")
                                    .description(
                                            "An access token from the platform's OIDC issuer; see"
                                                    + " docs/identity.md"));
            if (!issuerUri.isBlank()) {
                openApi.getComponents()
                        .addSecuritySchemes(
                                "oidc",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.OPENIDCONNECT)
                                        .openIdConnectUrl(
                                                issuerUri.replaceAll("/$", "")
                                                        + "/.well-known/openid-configuration"));
            }
            openApi.addSecurityItem(new SecurityRequirement().addList("bearer-jwt"));
        }
    }
}
