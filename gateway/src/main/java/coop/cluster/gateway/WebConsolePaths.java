package coop.cluster.gateway;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * What goes to the web console (module web): every GET, HEAD or POST outside the gateway's own
 * paths (the API, the API documents and Swagger UI with its WebJars, the actuator, the circuit
 * breakers' fallbacks). The console authenticates its pages itself (its session cookie); the
 * gateway lets them through and still rate-limits them by client address. The gateway's paths are
 * matched as the security rules match them (decoded segments), so an encoded {@code /%61pi/...} is
 * the API's, never the console's; other methods there stay denied (a problem).
 */
final class WebConsolePaths implements ServerWebExchangeMatcher, Predicate<ServerWebExchange> {

    private static final List<PathPattern> GATEWAY_PATHS =
            List.of(
                            "/api/**",
                            "/docs/**",
                            "/actuator",
                            "/actuator/**",
                            "/fallback/**",
                            "/swagger-ui.html",
                            "/swagger-ui.html/**",
                            "/swagger-ui/**",
                            "/webjars/**",
                            "/v3/api-docs",
                            "/v3/api-docs.yaml",
                            "/v3/api-docs/**")
                    .stream()
                    .map(PathPatternParser.defaultInstance::parse)
                    .toList();
    private static final Set<HttpMethod> METHODS =
            Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST);

    @Override
    public boolean test(ServerWebExchange exchange) {
        if (!METHODS.contains(exchange.getRequest().getMethod())) {
            return false;
        }
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        return GATEWAY_PATHS.stream().noneMatch(pattern -> pattern.matches(path));
    }

    @Override
    public Mono<MatchResult> matches(ServerWebExchange exchange) {
        return test(exchange) ? MatchResult.match() : MatchResult.notMatch();
    }
}
