package coop.cluster.plumbing.security;

import coop.cluster.plumbing.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 as problem+json, with the {@code WWW-Authenticate} challenge of RFC 6750. When the
 * issuer cannot be reached to verify a token the answer is 503 with {@code Retry-After}: the client
 * did nothing wrong.
 *
 * <p>Why a token was refused (the JWT library's text: "An error occurred while attempting to decode
 * the Jwt: ...", "Unsupported algorithm of none", "not meant for this API: ...") is logged, never
 * answered: the problem and the challenge say the same generic thing for every refused token, in
 * the request's language. The one exception is a genuine token whose access was revoked ({@link
 * RevokedTokenException}): 401 {@code token-revoked}, so that the client knows to sign in again
 * rather than to fix its token.
 */
public class SecurityProblemHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final Logger log = LoggerFactory.getLogger(SecurityProblemHandlers.class);

    /** The same for every refused token: the reason is in the log, not in the answer. */
    static final String INVALID_TOKEN_CHALLENGE =
            "Bearer error=\"invalid_token\", "
                    + "error_description=\"The access token is not valid for this API\", "
                    + "error_uri=\"https://datatracker.ietf.org/doc/html/rfc6750#section-3.1\"";

    /**
     * A revoked token ({@link Revocations}): the same error code, and a description that tells the
     * client the one thing it can do, sign in again. Nothing an attacker could use: the token was
     * genuine.
     */
    static final String REVOKED_TOKEN_CHALLENGE =
            "Bearer error=\"invalid_token\", "
                    + "error_description=\"The access token has been revoked\", "
                    + "error_uri=\"https://datatracker.ietf.org/doc/html/rfc6750#section-3.1\"";

    private final ProblemWriter problems;
    private final BearerTokenAccessDeniedHandler insufficient =
            new BearerTokenAccessDeniedHandler();

    public SecurityProblemHandlers(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void commence(
            HttpServletRequest request,
            HttpServletResponse response,
            AuthenticationException failure)
            throws IOException {
        if (failure instanceof AuthenticationServiceException) {
            log.warn(
                    "Cannot verify a token on {} {}: {}",
                    request.getMethod(),
                    request.getRequestURI(),
                    failure.getMessage());
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            problems.write(
                    request, response, HttpStatus.SERVICE_UNAVAILABLE, "issuer-unavailable", null);
            return;
        }
        boolean refusedToken = failure instanceof OAuth2AuthenticationException;
        boolean revoked = refusedToken && revoked(failure);
        if (refusedToken) {
            log.info(
                    "Refused a token on {} {}: {}",
                    request.getMethod(),
                    request.getRequestURI(),
                    failure.getMessage());
            response.setHeader(
                    HttpHeaders.WWW_AUTHENTICATE,
                    revoked ? REVOKED_TOKEN_CHALLENGE : INVALID_TOKEN_CHALLENGE);
        } else {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        problems.write(
                request,
                response,
                HttpStatus.UNAUTHORIZED,
                revoked ? "token-revoked" : refusedToken ? "invalid-token" : "unauthenticated",
                null);
    }

    private static boolean revoked(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure;
                t != null && depth < 10;
                t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (t instanceof RevokedTokenException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void handle(
            HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        insufficient.handle(request, response, denied);
        problems.write(request, response, HttpStatus.FORBIDDEN, "forbidden", null);
    }
}
