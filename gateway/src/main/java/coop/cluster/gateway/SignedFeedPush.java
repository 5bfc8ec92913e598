package coop.cluster.gateway;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A feed push signed with the feed's HMAC key: {@code POST /api/feeds/{feed}/calls} carrying {@code
 * X-Feed-Id}, {@code X-Feed-Timestamp} and {@code X-Feed-Signature}. The gateway lets it through
 * without a token; it does not check the signature (it does not hold the feed keys):
 * funding-watch-service verifies it and refuses bad ones.
 */
final class SignedFeedPush implements ServerWebExchangeMatcher {

    static final String FEED_ID = "X-Feed-Id";
    static final String FEED_TIMESTAMP = "X-Feed-Timestamp";
    static final String FEED_SIGNATURE = "X-Feed-Signature";

    private final ServerWebExchangeMatcher path =
            new PathPatternParserServerWebExchangeMatcher("/api/feeds/*/calls", HttpMethod.POST);

    @Override
    public Mono<MatchResult> matches(ServerWebExchange exchange) {
        if (!hasSignatureHeaders(exchange.getRequest())) {
            return MatchResult.notMatch();
        }
        return path.matches(exchange);
    }

    private static boolean hasSignatureHeaders(ServerHttpRequest request) {
        HttpHeaders headers = request.getHeaders();
        return hasText(headers.getFirst(FEED_ID))
                && hasText(headers.getFirst(FEED_TIMESTAMP))
                && hasText(headers.getFirst(FEED_SIGNATURE));
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
