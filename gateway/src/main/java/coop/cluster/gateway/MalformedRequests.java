package coop.cluster.gateway;

import coop.cluster.gateway.ProblemResponses.Problem;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.server.WebFilter;
import reactor.netty.NettyPipeline;
import tools.jackson.databind.ObjectMapper;

/**
 * Every answer to a malformed request is problem+json too, wherever it is refused
 * (docs/identity.md, "Errors"):
 *
 * <ul>
 *   <li>by Netty, before any Spring code runs: a request line over 4 KiB ({@code 414}, e.g. a
 *       5,000-character query value), headers over 8 KiB ({@code 431}), an unparseable request
 *       ({@code 400}): {@link DecodingFailures}
 *   <li>by Spring Security's firewall: an encoded {@code /} ({@code %2F}), {@code %00}, {@code ;}
 *       ({@code ..;}), {@code //}, {@code ..}, a backslash, a non-printable header: {@code 400
 *       rejected-request}; a method outside GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS (TRACE,
 *       CONNECT, made-up ones): {@code 405}
 *   <li>by the gateway itself, before routing: a path or query whose percent-encoding is not valid
 *       UTF-8 ({@code %ff}, the overlong {@code %C0%AE}) is refused with {@code 400
 *       rejected-request} rather than passed to a service
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class MalformedRequests {

    private static final Logger log = LoggerFactory.getLogger(MalformedRequests.class);
    private static final Set<HttpMethod> METHODS =
            Set.of(
                    HttpMethod.GET,
                    HttpMethod.HEAD,
                    HttpMethod.POST,
                    HttpMethod.PUT,
                    HttpMethod.PATCH,
                    HttpMethod.DELETE,
                    HttpMethod.OPTIONS);

    static Problem rejected() {
        return new Problem(
                HttpStatus.BAD_REQUEST,
                "rejected-request",
                "Request rejected",
                "The request's path or headers contain characters or sequences that are refused"
                        + " (such as %2F, %00, .., // or ;) or an invalid percent-encoding.");
    }

    /**
     * Spring Security's firewall refused the exchange: 400, or 405 for a method the platform never
     * serves.
     */
    @Bean
    ServerExchangeRejectedHandler problemExchangeRejectedHandler(ProblemResponses problems) {
        return (exchange, rejected) -> {
            log.info(
                    "Rejected {} {}: {}",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getURI().getRawPath(),
                    rejected.getMessage());
            HttpMethod method = exchange.getRequest().getMethod();
            if (!METHODS.contains(method)) {
                exchange.getResponse()
                        .getHeaders()
                        .set(HttpHeaders.ALLOW, "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
                return problems.write(
                        exchange,
                        new Problem(
                                        HttpStatus.METHOD_NOT_ALLOWED,
                                        "method-not-allowed",
                                        "Method not allowed",
                                        method.name() + " is not allowed on this gateway.")
                                .translated("method-not-allowed.anywhere", method.name()));
            }
            return problems.write(exchange, rejected());
        };
    }

    /**
     * Paths and queries whose percent-encoding is not UTF-8 are refused before security and
     * routing.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    WebFilter percentEncodingFilter(ProblemResponses problems) {
        return (exchange, chain) -> {
            String path = exchange.getRequest().getURI().getRawPath();
            String query = exchange.getRequest().getURI().getRawQuery();
            if (!validPercentEncoding(path) || (query != null && !validPercentEncoding(query))) {
                log.info(
                        "Rejected {} with an invalid percent-encoding: {}",
                        exchange.getRequest().getMethod(),
                        printable(path));
                return problems.write(exchange, rejected());
            }
            return chain.filter(exchange);
        };
    }

    /**
     * Every {@code %} starts two hex digits, and the bytes they encode are well-formed UTF-8 (no
     * overlong forms).
     */
    static boolean validPercentEncoding(String raw) {
        if (raw == null || raw.indexOf('%') < 0) {
            return true;
        }
        ByteBuffer bytes = ByteBuffer.allocate(raw.length() * 4);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()
                        || Character.digit(raw.charAt(i + 1), 16) < 0
                        || Character.digit(raw.charAt(i + 2), 16) < 0) {
                    return false;
                }
                bytes.put(
                        (byte)
                                ((Character.digit(raw.charAt(i + 1), 16) << 4)
                                        + Character.digit(raw.charAt(i + 2), 16)));
                i += 2;
            } else {
                bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        bytes.flip();
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes);
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String printable(String raw) {
        String shown = raw.length() > 200 ? raw.substring(0, 200) + "..." : raw;
        return shown.replaceAll("[^\\x20-\\x7E]", "?");
    }

    /** Netty's own refusals (414, 431, 400) get a problem+json body instead of an empty one. */
    @Bean
    NettyServerCustomizer decodingFailureProblems(ObjectMapper json) {
        return server ->
                server.doOnChannelInit(
                        (observer, channel, remoteAddress) -> {
                            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null
                                    && channel.pipeline().get(DecodingFailures.NAME) == null) {
                                channel.pipeline()
                                        .addAfter(
                                                NettyPipeline.HttpCodec,
                                                DecodingFailures.NAME,
                                                new DecodingFailures(json));
                            }
                        });
    }

    /**
     * Sits right after Netty's HTTP codec: notes a request the codec could not decode, and gives
     * the empty error response Reactor Netty then writes for it a problem+json body (with a
     * correlation id of its own).
     */
    static final class DecodingFailures extends ChannelDuplexHandler {

        static final String NAME = "cluster.problemDecodingFailures";

        private final ObjectMapper json;
        private boolean failed;

        DecodingFailures(ObjectMapper json) {
            this.json = json;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (msg instanceof HttpRequest request && request.decoderResult().isFailure()) {
                failed = true;
                log.info(
                        "Refused an undecodable request from {}: {}",
                        ctx.channel().remoteAddress(),
                        request.decoderResult().cause().toString());
            }
            super.channelRead(ctx, msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
                throws Exception {
            if (failed
                    && msg instanceof FullHttpResponse response
                    && response.status().code() >= 400
                    && response.content().readableBytes() == 0) {
                failed = false;
                response.release();
                super.write(ctx, problem(response), promise);
                return;
            }
            super.write(ctx, msg, promise);
        }

        private FullHttpResponse problem(FullHttpResponse empty) {
            HttpResponseStatus status = empty.status();
            String correlationId = UUID.randomUUID().toString();
            Map<String, Object> body = new LinkedHashMap<>();
            String code =
                    switch (status.code()) {
                        case 414 -> "uri-too-long";
                        case 431 -> "headers-too-large";
                        default -> "bad-request";
                    };
            body.put("type", ProblemResponses.TYPE_BASE + code);
            switch (status.code()) {
                case 414 -> {
                    body.put("title", "URI too long");
                    body.put(
                            "detail",
                            "The request line (path and query) is longer than the gateway"
                                    + " accepts.");
                }
                case 431 -> {
                    body.put("title", "Request headers too large");
                    body.put(
                            "detail", "The request's headers are larger than the gateway accepts.");
                }
                default -> {
                    body.put("title", "Bad request");
                    body.put("detail", "The request is not valid HTTP.");
                }
            }
            body.put("status", status.code());
            body.put("correlationId", correlationId);
            body.put("code", code);
            byte[] bytes = json.writeValueAsBytes(body);
            FullHttpResponse response =
                    new DefaultFullHttpResponse(
                            empty.protocolVersion(), status, Unpooled.wrappedBuffer(bytes));
            response.headers().set(empty.headers());
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json");
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            response.headers().set(CorrelationIdWebFilter.HEADER, correlationId);
            return response;
        }

        @Override
        public boolean isSharable() {
            return false;
        }
    }
}
