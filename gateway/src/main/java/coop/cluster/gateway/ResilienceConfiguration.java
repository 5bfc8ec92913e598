package coop.cluster.gateway;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Per route, in this order around the call: RequestRateLimiter (default filter), CircuitBreaker
 * with a TimeLimiter (Resilience4j instance named like the route; 502/503/504 and exceptions count
 * as failures), Retry for GET and HEAD only (2 retries, exponential backoff with jitter, on connect
 * failures and 502/503/504; never for POST, PUT, PATCH or DELETE). The route's {@code
 * response-timeout} metadata is a little shorter than its TimeLimiter, so a hanging service ends as
 * a timeout either way. See application.yml.
 */
@Configuration(proxyBeanMethods = false)
class ResilienceConfiguration {

    @Bean
    CircuitBreakerFallback circuitBreakerFallback(
            ProblemResponses problems,
            ObjectProvider<CircuitBreakerRegistry> circuitBreakers,
            ObjectProvider<TimeLimiterRegistry> timeLimiters) {
        return new CircuitBreakerFallback(problems, circuitBreakers, timeLimiters);
    }

    @Bean
    RouterFunction<ServerResponse> circuitBreakerFallbackRoute(CircuitBreakerFallback fallback) {
        return RouterFunctions.route(
                RequestPredicates.path(CircuitBreakerFallback.PATH), fallback::handle);
    }
}
