package coop.cluster.gateway;

import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request a correlation id (keeping a well-formed one the client sent), passes it
 * downstream and returns it on the response, so one id follows a request through the gateway, the
 * service and its events.
 *
 * <p>A web filter ahead of everything else (security included), so the answers the gateway makes
 * itself (401, 403, 429, 503 fallbacks, CORS refusals) carry the id too; {@link ProblemResponses}
 * also puts it into their bodies.
 */
@Component
class CorrelationIdWebFilter implements WebFilter, Ordered {

    static final String HEADER = "X-Correlation-Id";
    static final String ATTRIBUTE = CorrelationIdWebFilter.class.getName() + ".id";

    /** The path the client asked for, kept across internal forwards (circuit-breaker fallbacks). */
    static final String ORIGINAL_PATH = CorrelationIdWebFilter.class.getName() + ".path";

    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String incoming = exchange.getRequest().getHeaders().getFirst(HEADER);
        String correlationId =
                incoming != null && ACCEPTABLE.matcher(incoming).matches()
                        ? incoming
                        : UUID.randomUUID().toString();
        ServerHttpRequest request =
                exchange.getRequest()
                        .mutate()
                        .headers(headers -> headers.set(HEADER, correlationId))
                        .build();
        exchange.getAttributes().put(ATTRIBUTE, correlationId);
        exchange.getAttributes().put(ORIGINAL_PATH, exchange.getRequest().getPath().value());
        exchange.getResponse().getHeaders().set(HEADER, correlationId);
        return chain.filter(exchange.mutate().request(request).build());
    }

    /**
     * The id of this exchange, or null when the filter did not run (it always does for HTTP
     * requests).
     */
    static String of(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }

    /** The path the client asked for (before any internal forward). */
    static String originalPath(ServerWebExchange exchange) {
        String path = exchange.getAttribute(ORIGINAL_PATH);
        return path != null ? path : exchange.getRequest().getPath().value();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
