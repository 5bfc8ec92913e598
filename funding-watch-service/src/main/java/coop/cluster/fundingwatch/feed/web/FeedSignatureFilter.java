package coop.cluster.fundingwatch.feed.web;

import coop.cluster.fundingwatch.feed.FeedSignatures;
import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.security.ClusterRole;
import coop.cluster.plumbing.web.ProblemWriter;
import coop.cluster.plumbing.web.ReadBodyRequest;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates feed pushes signed with the feed's shared secret (headers {@code X-Feed-Id}, {@code
 * X-Feed-Timestamp}, {@code X-Feed-Signature}), for feeds that cannot run an OAuth client. A valid
 * push becomes a caller with the {@code feed} role for that feed only; anything else is 401 with
 * the reason (503 when the service cannot tell: its signed-feed registry not read yet, or a stored
 * secret it cannot decrypt). Requests without the signature header pass through untouched to
 * bearer-token authentication.
 */
public class FeedSignatureFilter extends OncePerRequestFilter {

    public static final String FEED_ID = "X-Feed-Id";
    public static final String TIMESTAMP = "X-Feed-Timestamp";
    public static final String SIGNATURE = "X-Feed-Signature";
    private static final Pattern PUSH_PATH = Pattern.compile("/api/feeds/[^/]+/calls");
    private static final Logger log = LoggerFactory.getLogger(FeedSignatureFilter.class);

    private final FeedSignatures signatures;
    private final ProblemWriter problems;
    private final MeterRegistry meters;

    public FeedSignatureFilter(
            FeedSignatures signatures, ProblemWriter problems, MeterRegistry meters) {
        this.signatures = signatures;
        this.problems = problems;
        this.meters = meters;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader(SIGNATURE) == null
                || !"POST".equals(request.getMethod())
                || !PUSH_PATH.matcher(request.getRequestURI()).matches();
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body = request.getInputStream().readAllBytes();
        String feedId = request.getHeader(FEED_ID);
        Optional<FeedSignatures.Refusal> refusal =
                signatures.verify(
                        feedId, request.getHeader(TIMESTAMP), request.getHeader(SIGNATURE), body);
        if (refusal.isPresent()) {
            String reason = refusal.get().reason();
            meters.counter("cluster.feeds.signature.refused", "reason", reason).increment();
            if (refusal.get() == FeedSignatures.Refusal.NOT_READY) {
                // the store has not answered since start-up: the platform's outage answer, the feed
                // retries
                log.warn(
                        "A signed push claiming feed '{}' waits for the signed-feed registry",
                        feedId);
                response.setHeader(HttpHeaders.RETRY_AFTER, "5");
                problems.write(
                        request, response, HttpStatus.SERVICE_UNAVAILABLE, "unavailable", null);
                return;
            }
            if (!refusal.get().clientFault()) {
                log.error(
                        "Cannot verify a signed push of feed '{}': {} (see"
                                + " cluster.feeds.secret-key)",
                        feedId,
                        reason);
                problems.write(
                        request,
                        response,
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "feed-signature-" + reason,
                        null);
                return;
            }
            log.warn("Refused a signed push claiming feed '{}': {}", feedId, reason);
            response.setHeader(
                    HttpHeaders.WWW_AUTHENTICATE, "FeedSignature realm=\"funding-watch\"");
            problems.write(
                    request, response, HttpStatus.UNAUTHORIZED, "feed-signature-" + reason, null);
            return;
        }
        meters.counter("cluster.feeds.signature.accepted").increment();
        String subject = "feed:" + feedId;
        var authentication =
                new PreAuthenticatedAuthenticationToken(
                        subject,
                        "hmac",
                        List.of(new SimpleGrantedAuthority(ClusterRole.FEED.authority())));
        authentication.setDetails(
                new Caller(
                        subject, Set.of(ClusterRole.FEED), Optional.empty(), Optional.of(feedId)));
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        chain.doFilter(new ReadBodyRequest(request, body), response);
    }
}
