package coop.cluster.gateway;

import coop.cluster.gateway.ProblemResponses.Problem;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * No request body larger than {@code cluster.gateway.max-request-bytes} (1 MiB, the services' limit
 * too) goes through, whatever its framing: a declared {@code Content-Length} over the limit is
 * answered 413 at once; a body of unknown length ({@code Transfer-Encoding: chunked}) is read up to
 * the limit before it is routed, answered 413 as soon as it goes beyond, and otherwise forwarded
 * with its {@code Content-Length}. Runs after security, so an unauthenticated request is refused
 * before its body is read.
 */
@Component
class RequestBodyLimitWebFilter implements WebFilter, Ordered {

    /** After Spring Security's filter chain ({@code -100}). */
    static final int ORDER = 0;

    /**
     * How much of an oversized chunked body is read and dropped, so that the client can read the
     * 413.
     */
    static final long DRAIN_LIMIT = 16L * 1024 * 1024;

    private final long maxBytes;
    private final ProblemResponses problems;

    RequestBodyLimitWebFilter(
            @Value("${cluster.gateway.max-request-bytes:1048576}") long maxBytes,
            ProblemResponses problems) {
        this.maxBytes = maxBytes;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        HttpHeaders headers = request.getHeaders();
        long length = headers.getContentLength();
        if (length > maxBytes) {
            return tooLarge(
                    exchange, true); // unread: clients that sent Expect: 100-continue never send it
        }
        if (length >= 0 || !headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            return chain.filter(exchange);
        }
        // read up to the limit; past it, keep reading (and dropping) up to DRAIN_LIMIT so that the
        // client, still
        // sending, can read the 413; past that, stop reading and close the connection
        AtomicLong total = new AtomicLong();
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        return request.getBody()
                .doOnNext(
                        buffer -> {
                            try {
                                long seen = total.addAndGet(buffer.readableByteCount());
                                if (seen <= maxBytes) {
                                    byte[] bytes = new byte[buffer.readableByteCount()];
                                    buffer.read(bytes);
                                    kept.writeBytes(bytes);
                                } else if (seen > drainLimit()) {
                                    throw new DataBufferLimitException(
                                            "request body over " + drainLimit() + " bytes");
                                }
                            } finally {
                                DataBufferUtils.release(buffer);
                            }
                        })
                .then(
                        Mono.defer(
                                () ->
                                        total.get() > maxBytes
                                                ? tooLarge(exchange, false)
                                                : chain.filter(
                                                        exchange.mutate()
                                                                .request(
                                                                        read(
                                                                                exchange,
                                                                                kept.toByteArray()))
                                                                .build())))
                .onErrorResume(DataBufferLimitException.class, e -> tooLarge(exchange, true));
    }

    private long drainLimit() {
        return Math.max(DRAIN_LIMIT, maxBytes);
    }

    private static ServerHttpRequest read(ServerWebExchange exchange, byte[] bytes) {
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(exchange.getRequest().getHeaders());
        headers.remove(HttpHeaders.TRANSFER_ENCODING);
        headers.setContentLength(bytes.length);
        return new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }

            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(
                        () -> Flux.just(exchange.getResponse().bufferFactory().wrap(bytes)));
            }
        };
    }

    private Mono<Void> tooLarge(ServerWebExchange exchange, boolean close) {
        if (close) {
            exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
        }
        return problems.write(
                exchange,
                new Problem(
                                HttpStatus.CONTENT_TOO_LARGE,
                                "payload-too-large",
                                "Request too large",
                                "The request body exceeds the limit of " + maxBytes + " bytes.")
                        .withArgs(maxBytes));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
