package coop.cluster.gateway;

import coop.cluster.gateway.ProblemResponses.Problem;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.net.ConnectException;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;

/**
 * The target of every route's {@code CircuitBreaker} filter ({@code fallbackUri:
 * forward:/fallback/<route>}): a 503 problem+json that names the route and the service, the
 * correlation id, and why the call failed, with {@code Retry-After}:
 *
 * <ul>
 *   <li>{@code timeout}: no answer within the route's time limit; Retry-After 5 s
 *   <li>{@code circuit-open}: the service failed repeatedly and the gateway refuses calls for a
 *       while without trying; Retry-After is the open-state wait
 *   <li>{@code connection-failure}: the service cannot be reached (refused, connect timeout,
 *       connection dropped); Retry-After 2 s
 *   <li>{@code connection-pool-exhausted}: all connections to the service are busy; Retry-After 2 s
 *   <li>{@code upstream-error}: the service itself answered 502, 503 or 504; Retry-After 2 s
 * </ul>
 *
 * Only reachable by the gateway's internal forward: the security rules deny {@code /fallback/**}
 * from outside.
 */
final class CircuitBreakerFallback {

    static final String PATH = "/fallback/{route}";
    private static final Logger log = LoggerFactory.getLogger(CircuitBreakerFallback.class);
    private static final Pattern ROUTE_ID = Pattern.compile("[a-z0-9-]{1,40}");

    enum Cause {
        TIMEOUT("timeout", 5),
        CIRCUIT_OPEN("circuit-open", 10),
        CONNECTION_FAILURE("connection-failure", 2),
        CONNECTION_POOL_EXHAUSTED("connection-pool-exhausted", 2),
        UPSTREAM_ERROR("upstream-error", 2);

        final String code;
        final long retryAfterSeconds;

        Cause(String code, long retryAfterSeconds) {
            this.code = code;
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }

    private final ProblemResponses problems;
    private final ObjectProvider<CircuitBreakerRegistry> circuitBreakers;
    private final ObjectProvider<TimeLimiterRegistry> timeLimiters;

    CircuitBreakerFallback(
            ProblemResponses problems,
            ObjectProvider<CircuitBreakerRegistry> circuitBreakers,
            ObjectProvider<TimeLimiterRegistry> timeLimiters) {
        this.problems = problems;
        this.circuitBreakers = circuitBreakers;
        this.timeLimiters = timeLimiters;
    }

    Mono<ServerResponse> handle(ServerRequest request) {
        ServerWebExchange exchange = request.exchange();
        String route = request.pathVariable("route");
        if (!ROUTE_ID.matcher(route).matches()) {
            route = "unknown";
        }
        String service = route + "-service";
        Throwable failure =
                exchange.getAttribute(
                        ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        Cause cause = classify(failure);
        Integer upstreamStatus = upstreamStatus(failure);

        long retryAfter =
                cause == Cause.CIRCUIT_OPEN ? openWaitSeconds(route) : cause.retryAfterSeconds;
        String deadline = cause == Cause.TIMEOUT ? deadline(exchange, route, failure) : null;
        String detail =
                switch (cause) {
                    case TIMEOUT -> service + " did not answer within " + deadline + ".";
                    case CIRCUIT_OPEN ->
                            service
                                    + " failed repeatedly, so the gateway stops calling it for a"
                                    + " while (circuit open). Retry after "
                                    + retryAfter
                                    + " s.";
                    case CONNECTION_FAILURE -> service + " cannot be reached (connection failed).";
                    case CONNECTION_POOL_EXHAUSTED ->
                            "All connections to " + service + " are busy.";
                    case UPSTREAM_ERROR ->
                            service
                                    + " is unavailable"
                                    + (upstreamStatus != null
                                            ? " (it answered " + upstreamStatus + ")."
                                            : ".");
                };
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("route", route);
        extensions.put("service", service);
        extensions.put("cause", cause.code);
        if (upstreamStatus != null) {
            extensions.put("upstreamStatus", upstreamStatus);
        }
        String instance = CorrelationIdWebFilter.originalPath(exchange);
        log.warn(
                "{} {} -> {}: {} ({})",
                request.method(),
                instance,
                service,
                cause.code,
                failure == null ? "no exception" : failure.toString());

        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        Object[] args =
                switch (cause) {
                    case TIMEOUT -> new Object[] {service, deadline};
                    case CIRCUIT_OPEN -> new Object[] {service, retryAfter};
                    case UPSTREAM_ERROR ->
                            new Object[] {service, upstreamStatus == null ? "" : upstreamStatus};
                    default -> new Object[] {service};
                };
        String messageKey =
                "service-unavailable."
                        + cause.code
                        + (cause == Cause.UPSTREAM_ERROR && upstreamStatus != null
                                ? "-status"
                                : "");
        return problems.response(
                exchange,
                new Problem(
                                HttpStatus.SERVICE_UNAVAILABLE,
                                "service-unavailable",
                                "Service unavailable",
                                detail,
                                extensions)
                        .translated(messageKey, args),
                instance,
                headers);
    }

    static Cause classify(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable e = failure; e != null && seen.add(e); e = e.getCause()) {
            if (e instanceof CallNotPermittedException) {
                return Cause.CIRCUIT_OPEN;
            }
            // Reactor Netty's (shaded, internal) reactor-pool exception; it is also a
            // TimeoutException
            if (e.getClass().getSimpleName().equals("PoolAcquireTimeoutException")) {
                return Cause.CONNECTION_POOL_EXHAUSTED;
            }
            if (e instanceof java.util.concurrent.TimeoutException
                    || e instanceof org.springframework.cloud.gateway.support.TimeoutException
                    || e instanceof ResponseStatusException rse
                            && rse.getStatusCode().value() == 504) {
                return Cause.TIMEOUT;
            }
            if (e instanceof ConnectException || e instanceof PrematureCloseException) {
                return Cause.CONNECTION_FAILURE;
            }
            if (e instanceof HttpStatusCodeException) {
                return Cause.UPSTREAM_ERROR;
            }
        }
        return Cause.UPSTREAM_ERROR;
    }

    private static Integer upstreamStatus(Throwable failure) {
        return failure instanceof HttpStatusCodeException status
                ? status.getStatusCode().value()
                : null;
    }

    private long openWaitSeconds(String route) {
        return Optional.ofNullable(circuitBreakers.getIfAvailable())
                .flatMap(registry -> registry.find(route))
                .map(
                        cb ->
                                cb.getCircuitBreakerConfig()
                                        .getWaitIntervalFunctionInOpenState()
                                        .apply(1))
                .map(millis -> Math.max(1, (millis + 999) / 1000))
                .orElse(Cause.CIRCUIT_OPEN.retryAfterSeconds);
    }

    /**
     * The deadline that fired: the route's response timeout (Netty, answered as a 504 by the
     * routing filter), which is set a little shorter than the time limit, or else the time limit
     * around the whole call.
     */
    private String deadline(ServerWebExchange exchange, String route, Throwable failure) {
        org.springframework.cloud.gateway.route.Route matched =
                exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        Object responseTimeout =
                matched == null
                        ? null
                        : matched.getMetadata()
                                .get(
                                        org.springframework.cloud.gateway.support.RouteMetadataUtils
                                                .RESPONSE_TIMEOUT_ATTR);
        if (responseTimeout instanceof Number millis && isResponseTimeout(failure)) {
            return humanDuration(Duration.ofMillis(millis.longValue()));
        }
        return timeLimit(route);
    }

    private static boolean isResponseTimeout(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable e = failure; e != null && seen.add(e); e = e.getCause()) {
            if (e instanceof ResponseStatusException rse && rse.getStatusCode().value() == 504) {
                return true;
            }
        }
        return false;
    }

    private String timeLimit(String route) {
        return Optional.ofNullable(timeLimiters.getIfAvailable())
                .flatMap(registry -> registry.find(route))
                .map(limiter -> limiter.getTimeLimiterConfig().getTimeoutDuration())
                .map(CircuitBreakerFallback::humanDuration)
                .orElse("the route's time limit");
    }

    private static String humanDuration(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
