package coop.cluster.gateway;

import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The identity service's endpoints for people who have no token yet (docs/people.md): accepting an
 * invitation with its one-time link, signing up and confirming the email, asking for and completing
 * a password reset. {@code POST} only; the identity service checks the one-time tokens and answers
 * the same whether an email is known or not. These requests have no verified subject, so the
 * gateway's rate limit counts them by client address.
 */
final class AnonymousIdentityFlows implements ServerWebExchangeMatcher {

    static final List<String> PATHS =
            List.of(
                    "/api/identity/invitations/acceptance",
                    "/api/identity/sign-ups",
                    "/api/identity/sign-ups/confirmation",
                    "/api/identity/password-resets",
                    "/api/identity/password-resets/completion");

    private final List<ServerWebExchangeMatcher> matchers =
            PATHS.stream()
                    .<ServerWebExchangeMatcher>map(
                            path ->
                                    new PathPatternParserServerWebExchangeMatcher(
                                            path, HttpMethod.POST))
                    .toList();

    @Override
    public Mono<MatchResult> matches(ServerWebExchange exchange) {
        if (exchange.getRequest().getMethod() != HttpMethod.POST
                || !exchange.getRequest().getPath().value().startsWith("/api/identity/")) {
            return MatchResult.notMatch();
        }
        return Flux.fromIterable(matchers)
                .concatMap(matcher -> matcher.matches(exchange))
                .filter(MatchResult::isMatch)
                .next()
                .switchIfEmpty(MatchResult.notMatch());
    }
}
