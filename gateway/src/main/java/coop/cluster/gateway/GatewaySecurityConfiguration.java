package coop.cluster.gateway;

import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;

/**
 * The gateway is an OAuth 2 resource server: it authenticates every API request with a JWT from the
 * configured issuer and makes coarse checks only. The {@code Authorization} header travels on
 * unchanged; the services are resource servers too and decide roles and object rights.
 *
 * <ul>
 *   <li>open: health (and its liveness and readiness groups); Swagger UI and the services' OpenAPI
 *       documents
 *   <li>{@code POST /api/feeds/{feed}/calls} with the three {@code X-Feed-*} signature headers: no
 *       token needed (funding-watch-service verifies the HMAC)
 *   <li>the identity service's flows for people without a token yet ({@link
 *       AnonymousIdentityFlows}: invitation acceptance, sign-up and its confirmation, password
 *       reset)
 *   <li>{@code GET} and {@code HEAD} of the public API, {@code /api/public/**} (the public page:
 *       members that chose to be listed, published reports): no token needed; rate limited by
 *       client address like every anonymous request. Any other method there needs a token
 *   <li>every other {@code /api/**}: an authenticated JWT
 *   <li>the web console ({@link WebConsolePaths}: GET, HEAD and POST outside the paths above and
 *       the actuator): open here, the console authenticates with its own session
 *   <li>anything else (other methods outside the API, the fallbacks), every other actuator endpoint
 *       included ({@code /actuator/prometheus}, {@code info}, ...): denied to everyone, with or
 *       without a token (docs/identity.md, "Actuator endpoints")
 * </ul>
 *
 * Stateless: no session, no saved request, no CSRF (nothing is authenticated by cookie).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CorsProperties.class)
class GatewaySecurityConfiguration {

    /**
     * The services' public API: anonymous reads only (membership's public members, finance's
     * published reports).
     */
    static final String PUBLIC_API = "/api/public/**";

    /**
     * The one-click unsubscribe of notification-service's mails: a POST whose signed link is its
     * credential.
     */
    static final String UNSUBSCRIBE = "/api/notifications/unsubscribe";

    /**
     * notification-service's personal calendar feeds: GET/HEAD, the secret token in the path is the
     * credential.
     */
    static final String CALENDAR_FEED = "/api/notifications/calendar/*.ics";

    /**
     * The actuator paths open to anyone: health and its two probes, nothing else
     * (docs/identity.md).
     */
    private static final String[] HEALTH = {
        "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"
    };

    /** The services' OpenAPI documents, routed to each service's /v3/api-docs. */
    private static final String[] API_DOCS = {
        "/docs/*/v3/api-docs", "/docs/*/v3/api-docs.yaml", "/docs/*/v3/api-docs/**"
    };

    /**
     * Verifies with the issuer's keys, at most once per token and gateway instance ({@link
     * VerifiedTokenCache}; {@code cluster.gateway.token-cache.max-size=0} verifies every request).
     */
    @Bean
    ReactiveJwtDecoder jwtDecoder(
            OAuth2ResourceServerProperties properties,
            @Value("${cluster.gateway.token-cache.max-size:10000}") long cacheSize,
            @Value("${cluster.gateway.token-cache.max-age:5m}") Duration cacheMaxAge,
            @Value("${cluster.identity.audience:cluster-api}") String audience,
            @Value("${cluster.identity.access-token-types:at+jwt,application/at+jwt}")
                    List<String> accessTokenTypes) {
        OAuth2ResourceServerProperties.Jwt jwt = properties.getJwt();
        ReactiveJwtDecoder verifying =
                IssuerJwtDecoders.lazy(
                        jwt.getIssuerUri(),
                        jwt.getJwkSetUri(),
                        jwt.getJwsAlgorithms(),
                        audience,
                        accessTokenTypes);
        return cacheSize > 0
                ? new VerifiedTokenCache(
                        verifying, cacheSize, IssuerJwtDecoders.CLOCK_SKEW, cacheMaxAge)
                : verifying;
    }

    @Bean
    SecurityProblemHandlers securityProblemHandlers(ProblemResponses problems) {
        return new SecurityProblemHandlers(problems);
    }

    @Bean
    SecurityWebFilterChain gatewaySecurity(
            ServerHttpSecurity http,
            ReactiveJwtDecoder jwtDecoder,
            SecurityProblemHandlers problemHandlers,
            CorsProperties cors,
            ProblemResponses problems) {
        http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .cors(ServerHttpSecurity.CorsSpec::disable)
                .addFilterAt(new ProblemCorsWebFilter(cors, problems), SecurityWebFiltersOrder.CORS)
                .exceptionHandling(
                        exceptions ->
                                exceptions
                                        .authenticationEntryPoint(problemHandlers)
                                        .accessDeniedHandler(problemHandlers))
                // The API first: it is nearly all the traffic, and single matchers rather than
                // pathMatchers(...)
                // groups, whose OrServerWebExchangeMatcher formats a debug message per pattern
                // tried even when
                // debug logging is off (commons-logging's SLF4J bridge stringifies before the level
                // check).
                // The open paths below do not overlap /api/**, so the order does not change any
                // decision.
                .authorizeExchange(
                        exchanges ->
                                exchanges
                                        .matchers(new SignedFeedPush())
                                        .permitAll()
                                        .matchers(new AnonymousIdentityFlows())
                                        .permitAll()
                                        // the mails' one-click unsubscribe links (RFC 8058):
                                        // signed, no token; notification-service checks
                                        .matchers(
                                                new PathPatternParserServerWebExchangeMatcher(
                                                        UNSUBSCRIBE, HttpMethod.POST))
                                        .permitAll()
                                        // calendar apps cannot send a token: the feed URL's secret
                                        // is checked by notification-service
                                        .matchers(
                                                new PathPatternParserServerWebExchangeMatcher(
                                                        CALENDAR_FEED, HttpMethod.GET))
                                        .permitAll()
                                        .matchers(
                                                new PathPatternParserServerWebExchangeMatcher(
                                                        CALENDAR_FEED, HttpMethod.HEAD))
                                        .permitAll()
                                        .matchers(
                                                new PathPatternParserServerWebExchangeMatcher(
                                                        PUBLIC_API, HttpMethod.GET))
                                        .permitAll()
                                        .matchers(
                                                new PathPatternParserServerWebExchangeMatcher(
                                                        PUBLIC_API, HttpMethod.HEAD))
                                        .permitAll()
                                        .matchers(
                                                new PathPatternParserServerWebExchangeMatcher(
                                                        "/api/**"))
                                        .authenticated()
                                        // the three documented health paths only: a made-up group
                                        // or a component under
                                        // /actuator/health/ answered an empty 404 (not a problem);
                                        // now refused as other actuator paths
                                        .pathMatchers(HttpMethod.GET, HEALTH)
                                        .permitAll()
                                        .pathMatchers(HttpMethod.HEAD, HEALTH)
                                        .permitAll()
                                        .pathMatchers(
                                                HttpMethod.GET,
                                                "/swagger-ui.html",
                                                "/swagger-ui/**",
                                                "/webjars/**",
                                                "/v3/api-docs",
                                                "/v3/api-docs.yaml",
                                                "/v3/api-docs/**")
                                        .permitAll()
                                        .pathMatchers(HttpMethod.GET, API_DOCS)
                                        .permitAll()
                                        .pathMatchers(HttpMethod.HEAD, API_DOCS)
                                        .permitAll()
                                        // the web console's pages: it authenticates them itself,
                                        // with its session
                                        .matchers(new WebConsolePaths())
                                        .permitAll()
                                        .anyExchange()
                                        .denyAll())
                .oauth2ResourceServer(
                        resourceServer ->
                                resourceServer
                                        .bearerTokenConverter(new BearerTokenHeaderConverter())
                                        .jwt(
                                                jwt ->
                                                        jwt.jwtDecoder(jwtDecoder)
                                                                .jwtAuthenticationConverter(
                                                                        new ClusterJwtAuthenticationConverter()))
                                        .authenticationEntryPoint(problemHandlers)
                                        .accessDeniedHandler(problemHandlers)
                                        .authenticationFailureHandler(problemHandlers));
        return http.build();
    }
}
