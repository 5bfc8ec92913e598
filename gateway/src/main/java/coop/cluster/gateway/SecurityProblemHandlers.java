package coop.cluster.gateway;

import coop.cluster.gateway.ProblemResponses.Problem;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * 401 and 403 as problem+json with the {@code WWW-Authenticate: Bearer ...} challenge of RFC 6750.
 * Every refused token gets the same generic answer; why it was refused is logged (with the
 * correlation id). When the issuer cannot be reached to verify a token the answer is 503 with
 * {@code Retry-After}: the client did nothing wrong, and the gateway must not turn an
 * identity-provider outage into "your token is bad".
 */
final class SecurityProblemHandlers
        implements ServerAuthenticationEntryPoint,
                ServerAccessDeniedHandler,
                ServerAuthenticationFailureHandler {

    static final int ISSUER_RETRY_AFTER_SECONDS = 5;
    private static final Logger log = LoggerFactory.getLogger(SecurityProblemHandlers.class);
    private static final String RFC6750 =
            "https://datatracker.ietf.org/doc/html/rfc6750#section-3.1";

    /**
     * The same for every refused token, as the services say it: the reason is logged, not answered.
     */
    static final String INVALID_TOKEN_DESCRIPTION = "The access token is not valid for this API";

    private final ProblemResponses problems;

    SecurityProblemHandlers(ProblemResponses problems) {
        this.problems = problems;
    }

    /** No token where one is needed, or a token that was refused. */
    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        Map<String, String> challenge = new LinkedHashMap<>();
        Problem problem;
        if (failure instanceof OAuth2AuthenticationException oauth) {
            // the library's reason ("An error occurred while attempting to decode the Jwt: ...",
            // "Unsupported
            // algorithm of none", "not meant for this API: ...") goes to the log only
            OAuth2Error error = oauth.getError();
            log.info(
                    "Refused a token on {} {} (correlation id {}): {} {}",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().value(),
                    CorrelationIdWebFilter.of(exchange),
                    error.getErrorCode(),
                    sanitize(error.getDescription()));
            challenge.put("error", OAuth2ErrorCodes.INVALID_TOKEN);
            challenge.put("error_description", INVALID_TOKEN_DESCRIPTION);
            challenge.put("error_uri", RFC6750);
            problem =
                    new Problem(
                            HttpStatus.UNAUTHORIZED,
                            "invalid-token",
                            "Invalid access token",
                            "The access token is expired, malformed, not signed by the trusted"
                                    + " issuer, or meant for someone else. Get a new one.");
        } else {
            problem =
                    new Problem(
                            HttpStatus.UNAUTHORIZED,
                            "unauthenticated",
                            "Authentication required",
                            "This endpoint needs an access token: send it as \"Authorization:"
                                    + " Bearer <token>\".");
        }
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, bearer(challenge));
        return problems.write(exchange, problem);
    }

    /** Authenticated, but the gateway's coarse rules refuse the request (paths outside the API). */
    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        Map<String, String> challenge = new LinkedHashMap<>();
        challenge.put("error", "insufficient_scope");
        challenge.put(
                "error_description",
                "The request requires higher privileges than provided by the access token.");
        challenge.put("error_uri", RFC6750);
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, bearer(challenge));
        return problems.write(
                exchange,
                new Problem(
                        HttpStatus.FORBIDDEN,
                        "forbidden",
                        "Forbidden",
                        "Your access token does not allow this request."));
    }

    /**
     * A bearer token was sent and authentication failed: refused token (401) or unreachable issuer
     * (503).
     */
    @Override
    public Mono<Void> onAuthenticationFailure(
            WebFilterExchange webFilterExchange, AuthenticationException failure) {
        ServerWebExchange exchange = webFilterExchange.getExchange();
        if (failure instanceof AuthenticationServiceException) {
            log.warn(
                    "Cannot verify a token on {} {}: {}",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().value(),
                    failure.getMessage());
            exchange.getResponse()
                    .getHeaders()
                    .set(HttpHeaders.RETRY_AFTER, Integer.toString(ISSUER_RETRY_AFTER_SECONDS));
            return problems.write(
                    exchange,
                    new Problem(
                            HttpStatus.SERVICE_UNAVAILABLE,
                            "issuer-unavailable",
                            "Identity provider unavailable",
                            "The access token cannot be verified right now because the"
                                    + " identity provider does not answer. Retry shortly."));
        }
        return commence(exchange, failure);
    }

    private static String bearer(Map<String, String> parameters) {
        if (parameters.isEmpty()) {
            return "Bearer";
        }
        return "Bearer "
                + parameters.entrySet().stream()
                        .map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                        .collect(Collectors.joining(", "));
    }

    /**
     * RFC 6750 allows only printable ASCII without {@code "} and {@code \} in error_description.
     */
    private static String sanitize(String description) {
        if (description == null) {
            return "";
        }
        StringBuilder clean = new StringBuilder(Math.min(description.length(), 200));
        for (int i = 0; i < description.length() && clean.length() < 200; i++) {
            char c = description.charAt(i);
            if (c >= 0x20 && c <= 0x7E && c != '"' && c != '\\') {
                clean.append(c);
            }
        }
        return clean.toString().trim();
    }
}
