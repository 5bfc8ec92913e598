package coop.cluster.gateway;

import java.net.InetSocketAddress;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Whose budget a request spends: {@code sub:<subject>} for a request with a verified JWT, else
 * {@code addr:<client address>}. Only a verified identity has a budget of its own: a signed feed
 * push is keyed by its client address too, because the gateway cannot check the HMAC signature
 * (funding-watch-service does) and an {@code X-Feed-Id} header anyone can write must not let anyone
 * spend, and so exhaust, the feed's budget.
 *
 * <p>Routes whose metadata says {@code rate-limited: false} (the OpenAPI documents) resolve to no
 * key; the RequestRateLimiter is configured with {@code deny-empty-key: false}, so those pass
 * unlimited.
 *
 * <p>The client address is the TCP peer: {@code X-Forwarded-For} is not trusted, because a client
 * could pick any value. Behind a load balancer, anonymous requests therefore share the balancer's
 * budget; only signed feed pushes reach a service without a token (the documents are not limited).
 */
final class PrincipalKeyResolver implements KeyResolver {

    static final String RATE_LIMITED_METADATA = "rate-limited";

    @Override
    public Mono<String> resolve(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route != null
                && "false".equals(String.valueOf(route.getMetadata().get(RATE_LIMITED_METADATA)))) {
            return Mono.empty();
        }
        return exchange.getPrincipal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(principal -> "sub:" + principal.getName())
                .switchIfEmpty(Mono.fromSupplier(() -> anonymousKey(exchange.getRequest())));
    }

    private static String anonymousKey(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        if (remote == null) {
            return "addr:unknown";
        }
        return "addr:"
                + (remote.getAddress() != null
                        ? remote.getAddress().getHostAddress()
                        : remote.getHostString());
    }
}
