package coop.cluster.gateway;

import coop.cluster.gateway.ProblemResponses.Problem;
import java.net.ConnectException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Every error the gateway answers itself becomes problem+json (replacing Spring Boot's JSON error
 * page): unknown paths (404), wrong methods (405), rate limits (429, from the {@code
 * RequestRateLimiter} with {@code throw-on-limit}), timeouts and unreachable services on routes
 * without a circuit breaker (504, 502), and anything unexpected (500, without a stack trace; the
 * log has it under the correlation id).
 */
@Component
@Order(-2)
class ProblemErrorWebExceptionHandler implements ErrorWebExceptionHandler {

    private static final Logger log =
            LoggerFactory.getLogger(ProblemErrorWebExceptionHandler.class);
    private static final List<String> RATE_LIMIT_HEADERS =
            List.of(
                    LocalTokenBucketRateLimiter.REMAINING_HEADER,
                    "X-RateLimit-Replenish-Rate",
                    "X-RateLimit-Burst-Capacity",
                    "X-RateLimit-Requested-Tokens");

    private final ProblemResponses problems;

    ProblemErrorWebExceptionHandler(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        HttpHeaders responseHeaders = exchange.getResponse().getHeaders();
        if (error instanceof HttpStatusCodeException limited
                && limited.getStatusCode().value() == HttpStatus.TOO_MANY_REQUESTS.value()) {
            return tooManyRequests(exchange, limited);
        }
        if (error instanceof ResponseStatusException statusError) {
            statusError.getHeaders().forEach(responseHeaders::put);
            return problems.write(exchange, forStatus(exchange, statusError.getStatusCode()));
        }
        if (hasCause(error, ConnectException.class)) {
            return problems.write(
                    exchange,
                    new Problem(
                            HttpStatus.BAD_GATEWAY,
                            "bad-gateway",
                            "Bad gateway",
                            "The service behind this path cannot be reached."));
        }
        log.error(
                "Unexpected error on {} {} (correlation id {})",
                exchange.getRequest().getMethod(),
                exchange.getRequest().getPath().value(),
                CorrelationIdWebFilter.of(exchange),
                error);
        return problems.write(
                exchange,
                new Problem(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        "internal",
                        "Internal error",
                        "Something went wrong on our side. Quote the X-Correlation-Id header when"
                                + " you report it."));
    }

    private Mono<Void> tooManyRequests(
            ServerWebExchange exchange, HttpStatusCodeException limited) {
        HttpHeaders headers = exchange.getResponse().getHeaders();
        HttpHeaders fromLimiter = limited.getResponseHeaders();
        if (fromLimiter != null) {
            for (String name : RATE_LIMIT_HEADERS) {
                String value = fromLimiter.getFirst(name);
                if (value != null) {
                    headers.set(name, value);
                }
            }
            String retryAfter = fromLimiter.getFirst(HttpHeaders.RETRY_AFTER);
            if (retryAfter != null) {
                headers.set(HttpHeaders.RETRY_AFTER, retryAfter);
            }
        }
        // the Redis backend sends no Retry-After: its buckets refill every second
        if (headers.getFirst(HttpHeaders.RETRY_AFTER) == null) {
            headers.set(HttpHeaders.RETRY_AFTER, "1");
        }
        return problems.write(
                exchange,
                new Problem(
                                HttpStatus.TOO_MANY_REQUESTS,
                                "rate-limited",
                                "Too many requests",
                                "You sent more requests than your rate limit allows. Retry after "
                                        + headers.getFirst(HttpHeaders.RETRY_AFTER)
                                        + " s.")
                        .withArgs(headers.getFirst(HttpHeaders.RETRY_AFTER)));
    }

    private static Problem forStatus(ServerWebExchange exchange, HttpStatusCode status) {
        String path = exchange.getRequest().getPath().value();
        return switch (status.value()) {
            case 404 ->
                    new Problem(
                                    HttpStatus.NOT_FOUND,
                                    "no-endpoint",
                                    "Not found",
                                    "No API endpoint at " + path + ".")
                            .withArgs(path);
            case 405 ->
                    new Problem(
                                    HttpStatus.METHOD_NOT_ALLOWED,
                                    "method-not-allowed",
                                    "Method not allowed",
                                    exchange.getRequest().getMethod()
                                            + " is not allowed on "
                                            + path
                                            + ".")
                            .withArgs(exchange.getRequest().getMethod().name(), path);
            case 413 ->
                    new Problem(
                                    HttpStatus.CONTENT_TOO_LARGE,
                                    "payload-too-large",
                                    "Request too large",
                                    "The request is larger than the gateway accepts.")
                            .translated("payload-too-large.generic");
            case 502 ->
                    new Problem(
                            HttpStatus.BAD_GATEWAY,
                            "bad-gateway",
                            "Bad gateway",
                            "The service behind this path cannot be reached.");
            case 503 ->
                    new Problem(
                            HttpStatus.SERVICE_UNAVAILABLE,
                            "service-unavailable",
                            "Service unavailable",
                            "The service behind this path is unavailable. Retry shortly.");
            case 504 ->
                    new Problem(
                            HttpStatus.GATEWAY_TIMEOUT,
                            "gateway-timeout",
                            "Gateway timeout",
                            "The service behind this path did not answer in time.");
            default -> {
                HttpStatus known = HttpStatus.resolve(status.value());
                HttpStatus resolved =
                        known != null
                                ? known
                                : status.is4xxClientError()
                                        ? HttpStatus.BAD_REQUEST
                                        : HttpStatus.INTERNAL_SERVER_ERROR;
                yield new Problem(
                        resolved,
                        resolved.is4xxClientError() ? "bad-request" : "internal",
                        resolved.getReasonPhrase(),
                        resolved.is4xxClientError()
                                ? "The gateway cannot handle this request."
                                : "Something went wrong on our side. Quote"
                                        + " the X-Correlation-Id header when you report it.");
            }
        };
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (type.isInstance(e)) {
                return true;
            }
        }
        return false;
    }
}
