package coop.cluster.gateway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
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
 * Writes the answers the gateway makes itself as RFC 9457 {@code application/problem+json}: {@code
 * type}, {@code title}, {@code status}, {@code detail}, {@code instance} (the path the client asked
 * for), {@code correlationId} and {@code code}, plus any extension members. Type URIs are those of
 * the services ({@value #TYPE_BASE} + code); {@code code} is that last segment, as the services'
 * problems carry it (finance's ledger and reconciliation problems have one whoever answers: a 401
 * or 413 the gateway answers on their path has it too).
 *
 * <p>Title and detail are in the request's language ({@code Accept-Language}), as the services':
 * English as written in the code, French from {@code gateway-messages_fr.properties} ({@code
 * problem.<key>.title}, {@code problem.<key>.detail} with the problem's arguments).
 */
@Component
class ProblemResponses {

    static final String TYPE_BASE = "https://cluster.coop/problems/";

    private final ObjectMapper json;
    private final MessageSource messages = translations();

    ProblemResponses(ObjectMapper json) {
        this.json = json;
    }

    /**
     * A problem to write; {@code extensions} are added as top-level members after the standard
     * ones. {@code title} and {@code detail} are the English text; {@code messageKey} (the code
     * unless given) and {@code args} find the translations.
     */
    record Problem(
            HttpStatus status,
            String code,
            String title,
            String detail,
            Map<String, Object> extensions,
            String messageKey,
            List<Object> args) {

        Problem(
                HttpStatus status,
                String code,
                String title,
                String detail,
                Map<String, Object> extensions) {
            this(status, code, title, detail, extensions, code, List.of());
        }

        Problem(HttpStatus status, String code, String title, String detail) {
            this(status, code, title, detail, Map.of());
        }

        /**
         * The same problem whose translated detail is {@code problem.<messageKey>.detail} with
         * these arguments.
         */
        Problem translated(String key, Object... arguments) {
            return new Problem(
                    status,
                    code,
                    title,
                    detail,
                    extensions,
                    key,
                    java.util.Arrays.asList(arguments.clone()));
        }

        /** The same problem whose translated detail takes these arguments. */
        Problem withArgs(Object... arguments) {
            return translated(messageKey, arguments);
        }
    }

    /** The problem in the exchange's language. */
    Problem localized(ServerWebExchange exchange, Problem problem) {
        Locale locale = locale(exchange);
        if (locale == null || Locale.ENGLISH.getLanguage().equals(locale.getLanguage())) {
            return problem;
        }
        String title =
                messages.getMessage(
                        "problem." + problem.code() + ".title", null, problem.title(), locale);
        String detail =
                messages.getMessage(
                        "problem." + problem.messageKey() + ".detail",
                        problem.args().toArray(),
                        problem.detail(),
                        locale);
        return new Problem(
                problem.status(),
                problem.code(),
                title,
                detail,
                problem.extensions(),
                problem.messageKey(),
                problem.args());
    }

    private static Locale locale(ServerWebExchange exchange) {
        try {
            return exchange.getLocaleContext().getLocale();
        } catch (RuntimeException malformedAcceptLanguage) {
            return null;
        }
    }

    private static MessageSource translations() {
        ResourceBundleMessageSource bundle = new ResourceBundleMessageSource();
        bundle.setBasename("gateway-messages");
        bundle.setDefaultEncoding("UTF-8");
        bundle.setFallbackToSystemLocale(false);
        bundle.setAlwaysUseMessageFormat(true); // so '' is one apostrophe with or without arguments
        return bundle;
    }

    Mono<Void> write(ServerWebExchange exchange, Problem problem) {
        return write(exchange, problem, CorrelationIdWebFilter.originalPath(exchange));
    }

    /**
     * @param instance the path the client asked for (differs from the request path after a forward)
     */
    Mono<Void> write(ServerWebExchange exchange, Problem problem, String instance) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        String correlationId = CorrelationIdWebFilter.of(exchange);
        byte[] bytes =
                json.writeValueAsBytes(body(localized(exchange, problem), instance, correlationId));

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

    /**
     * The same problem as a functional-endpoint response (used by the circuit-breaker fallback).
     */
    Mono<ServerResponse> response(
            ServerWebExchange exchange,
            Problem problem,
            String instance,
            HttpHeaders extraHeaders) {
        String correlationId = CorrelationIdWebFilter.of(exchange);
        byte[] bytes =
                json.writeValueAsBytes(body(localized(exchange, problem), instance, correlationId));
        return ServerResponse.status(problem.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .headers(
                        headers -> {
                            headers.addAll(extraHeaders);
                            if (correlationId != null) {
                                headers.set(CorrelationIdWebFilter.HEADER, correlationId);
                            }
                        })
                .bodyValue(bytes);
    }

    private static Map<String, Object> body(
            Problem problem, String instance, String correlationId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + problem.code());
        body.put("title", problem.title());
        body.put("status", problem.status().value());
        body.put("detail", problem.detail());
        body.put("instance", instance);
        if (correlationId != null) {
            body.put("correlationId", correlationId);
        }
        body.put("code", problem.code());
        problem.extensions().forEach(body::putIfAbsent);
        return body;
    }
}
