package coop.cluster.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/**
 * Writes the answers the gateway makes itself as RFC 9457 {@code application/problem+json}: {@code type},
 * {@code title}, {@code status}, {@code detail}, {@code instance} (the path the client asked for) and
 * {@code correlationId}, plus any extension members. Type URIs are those of the services
 * ({@value #TYPE_BASE} + code).
 */
@Component
class ProblemResponses {

    static final String TYPE_BASE = "https://cluster.coop/problems/";

    private final ObjectMapper json;

    ProblemResponses(ObjectMapper json) {
        this.json = json;
    }

    /** A problem to write; {@code extensions} are added as top-level members after the standard ones. */
    record Problem(HttpStatus status, String code, String title, String detail, Map<String, Object> extensions) {

        Problem(HttpStatus status, String code, String title, String detail) {
            this(status, code, title, detail, Map.of());
        }
    }

    Mono<Void> write(ServerWebExchange exchange, Problem problem) {
        return write(exchange, problem, CorrelationIdWebFilter.originalPath(exchange));
    }

    /** @param instance the path the client asked for (differs from the request path after a forward) */
    Mono<Void> write(ServerWebExchange exchange, Problem problem, String instance) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        String correlationId = CorrelationIdWebFilter.of(exchange);
        byte[] bytes = json.writeValueAsBytes(body(problem, instance, correlationId));

        response.setStatusCode(problem.status());
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.setContentLength(bytes.length);
        headers.remove(HttpHeaders.TRANSFER_ENCODING);
        headers.remove(HttpHeaders.CONTENT_ENCODING);
        if (correlationId != null) {
            headers.set(CorrelationIdWebFilter.HEADER, correlationId);
        }
        DataBuffer buffer = response.bufferFactory().wrap(bytes);
        return response.writeWith(Mono.just(buffer));
    }

    /** The same problem as a functional-endpoint response (used by the circuit-breaker fallback). */
    Mono<ServerResponse> response(ServerWebExchange exchange, Problem problem, String instance,
                                  HttpHeaders extraHeaders) {
        String correlationId = CorrelationIdWebFilter.of(exchange);
        byte[] bytes = json.writeValueAsBytes(body(problem, instance, correlationId));
        return ServerResponse.status(problem.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .headers(headers -> {
                    headers.addAll(extraHeaders);
                    if (correlationId != null) {
                        headers.set(CorrelationIdWebFilter.HEADER, correlationId);
                    }
                })
                .bodyValue(bytes);
    }

    private static Map<String, Object> body(Problem problem, String instance, String correlationId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + problem.code());
        body.put("title", problem.title());
        body.put("status", problem.status().value());
        body.put("detail", problem.detail());
        body.put("instance", instance);
        if (correlationId != null) {
            body.put("correlationId", correlationId);
        }
        problem.extensions().forEach(body::putIfAbsent);
        return body;
    }
}
