package coop.cluster.gateway;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Browsers reach the web console through the gateway at {@code /} ({@link WebConsolePaths}); the
 * route comes after every other one. The Host header is kept, so the console's redirects and its
 * OAuth redirect URI use the gateway's address (the console reads Host and X-Forwarded-*: {@code
 * server.forward-headers-strategy=framework}; this gateway adds no X-Forwarded-* unless {@code
 * trusted-proxies} is set, and with TLS terminated in front of it the proxy there must send {@code
 * X-Forwarded-Proto}). No retry (its forms are not idempotent) and no circuit breaker: the console
 * is one application whose pages already degrade panel by panel.
 */
@Configuration(proxyBeanMethods = false)
class WebConsoleRoute {

    @Bean
    RouteLocator webConsole(
            RouteLocatorBuilder routes,
            @Value("${cluster.services.web-url:http://127.0.0.1:8085}") String webUrl,
            @Value("${cluster.gateway.routes.web.response-timeout-ms:8000}") int responseTimeout) {
        return routes.routes()
                .route(
                        "web",
                        route ->
                                route.order(Ordered.LOWEST_PRECEDENCE)
                                        .predicate(new WebConsolePaths())
                                        .filters(filters -> filters.preserveHostHeader())
                                        .metadata(
                                                RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR,
                                                responseTimeout)
                                        .metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, 1000)
                                        .uri(webUrl))
                .build();
    }
}
