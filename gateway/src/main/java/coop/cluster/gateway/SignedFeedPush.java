package coop.cluster.gateway;

import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A feed push signed with the feed's HMAC key: {@code POST /api/feeds/{feed}/calls} carrying {@code X-Feed-Id},
 * {@code X-Feed-Timestamp} and {@code X-Feed-Signature}. The gateway lets it through without a token; it does not
 * check the signature (it does not hold the feed keys): funding-watch-service verifies it and refuses bad ones.
 */
final class SignedFeedPush implements ServerWebExchangeMatcher {

    static final String FEED_ID = "X-Feed-Id";
    static final String FEED_TIMESTAMP = "X-Feed-Timestamp";
    static final String FEED_SIGNATURE = "X-Feed-Signature";

    /** Feed ids used as rate-limit keys; anything else is keyed by client address. */
    private static final Pattern SANE_FEED_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final ServerWebExchangeMatcher path =
            new PathPatternParserServerWebExchangeMatcher("/api/feeds/*/calls", HttpMethod.POST);

    @Override
    public Mono<MatchResult> matches(ServerWebExchange exchange) {
        if (!hasSignatureHeaders(exchange.getRequest())) {
            return MatchResult.notMatch();
        }
        return path.matches(exchange);
    }

    static boolean isSignedPush(ServerHttpRequest request) {
        return HttpMethod.POST.equals(request.getMethod()) && hasSignatureHeaders(request)
                && request.getPath().value().startsWith("/api/feeds/");
    }

    /** The feed id to key a push's rate limit on, or null when the header is not a plausible feed id. */
    static String feedId(ServerHttpRequest request) {
        String id = request.getHeaders().getFirst(FEED_ID);
        return id != null && SANE_FEED_ID.matcher(id).matches() ? id : null;
    }

    private static boolean hasSignatureHeaders(ServerHttpRequest request) {
        HttpHeaders headers = request.getHeaders();
        return hasText(headers.getFirst(FEED_ID)) && hasText(headers.getFirst(FEED_TIMESTAMP))
                && hasText(headers.getFirst(FEED_SIGNATURE));
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
