package coop.cluster.gateway;

import coop.cluster.gateway.ProblemResponses.Problem;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * CORS for the whole gateway, placed in the security chain where Spring Security puts its own CORS
 * filter (before authentication), so a preflight never needs a token. Preflights are answered here
 * and never reach a service; a request from an origin that is not allowed gets 403 problem+json
 * instead of an empty 403.
 */
final class ProblemCorsWebFilter implements WebFilter {

    private final UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    private final CorsProcessor processor = new DefaultCorsProcessor();
    private final ProblemResponses problems;

    ProblemCorsWebFilter(CorsProperties properties, ProblemResponses problems) {
        this.problems = problems;
        CorsConfiguration config = new CorsConfiguration();
        config.setAllowedOrigins(List.copyOf(properties.allowedOrigins()));
        config.setAllowedMethods(
                List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        config.setAllowedHeaders(List.copyOf(properties.allowedHeaders()));
        config.setExposedHeaders(List.copyOf(properties.exposedHeaders()));
        config.setAllowCredentials(false);
        config.setMaxAge(properties.maxAge());
        source.registerCorsConfiguration("/**", config);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        CorsConfiguration config = source.getCorsConfiguration(exchange);
        boolean valid = processor.process(config, exchange);
        if (!valid) {
            String origin = exchange.getRequest().getHeaders().getFirst(HttpHeaders.ORIGIN);
            return problems.write(
                    exchange,
                    new Problem(
                                    HttpStatus.FORBIDDEN,
                                    "cors-refused",
                                    "Cross-origin request refused",
                                    "Origin "
                                            + printable(origin)
                                            + " may not call this API from a browser, or asked for"
                                            + " a method or header that is not allowed.")
                            .withArgs(printable(origin)));
        }
        if (CorsUtils.isPreFlightRequest(exchange.getRequest())) {
            return Mono.empty();
        }
        return chain.filter(exchange);
    }

    private static String printable(String origin) {
        if (origin == null) {
            return "(none)";
        }
        String trimmed = origin.length() > 100 ? origin.substring(0, 100) : origin;
        return trimmed.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
