package coop.cluster.finance.ledger.web;

import coop.cluster.finance.ledger.LedgerContentionException;
import coop.cluster.finance.ledger.domain.LedgerViolation;
import coop.cluster.plumbing.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The ledger's refusals as problem+json, wherever in finance-service they arise (the ledger's own
 * API, periods, expenses, receipts, project budgets...), before the platform's catch-all: a {@link
 * LedgerViolation} is 422 with its code as the problem type ({@code idempotency-conflict}, {@code
 * period-already-closed}: 409), its message as {@code {0}} of the detail and its code in {@code
 * code}; a {@link LedgerContentionException} is 503 {@code ledger-busy} with Retry-After (every
 * posting is idempotent: the same request may be retried).
 */
@RestControllerAdvice(basePackages = "coop.cluster.finance")
@Order(Ordered.HIGHEST_PRECEDENCE)
class LedgerProblemAdvice {

    static final String RETRY_AFTER_SECONDS = "1";
    private static final Logger log = LoggerFactory.getLogger(LedgerProblemAdvice.class);

    private final ProblemWriter problems;

    LedgerProblemAdvice(ProblemWriter problems) {
        this.problems = problems;
    }

    static HttpStatus status(LedgerViolation violation) {
        return switch (violation.reason()) {
            case IDEMPOTENCY_CONFLICT, PERIOD_ALREADY_CLOSED -> HttpStatus.CONFLICT;
            default -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
    }

    @ExceptionHandler(LedgerViolation.class)
    ResponseEntity<ProblemDetail> refused(LedgerViolation violation, HttpServletRequest request) {
        ProblemDetail problem =
                problems.problem(
                        status(violation),
                        violation.code(),
                        new Object[] {violation.getMessage()},
                        LocaleContextHolder.getLocale());
        problem.setProperty("code", violation.code());
        return respond(problem, request, new HttpHeaders());
    }

    @ExceptionHandler(LedgerContentionException.class)
    ResponseEntity<ProblemDetail> busy(LedgerContentionException busy, HttpServletRequest request) {
        log.warn(
                "Ledger busy on {} {}: {}",
                request.getMethod(),
                request.getRequestURI(),
                busy.getMessage());
        ProblemDetail problem =
                problems.problem(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "ledger-busy",
                        new Object[] {RETRY_AFTER_SECONDS},
                        LocaleContextHolder.getLocale());
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        return respond(problem, request, headers);
    }

    private static ResponseEntity<ProblemDetail> respond(
            ProblemDetail problem, HttpServletRequest request, HttpHeaders headers) {
        problem.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(problem.getStatus()).headers(headers).body(problem);
    }
}
