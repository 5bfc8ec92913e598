package coop.cluster.finance.expense;

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
 * The ledger's refusals met by expenses, receipts and project budgets, as problem+json with the ledger's own codes
 * and messages: a {@link LedgerViolation} is 422 ({@code idempotency-conflict}: 409) with {@code code}; a
 * {@link LedgerContentionException} is 503 {@code ledger-busy} with Retry-After (the same request may be retried:
 * every step is idempotent).
 */
@RestControllerAdvice(basePackages = {"coop.cluster.finance.expense", "coop.cluster.finance.receipt",
        "coop.cluster.finance.budget"})
@Order(Ordered.HIGHEST_PRECEDENCE)
class MoneyProblemAdvice {

    static final String RETRY_AFTER_SECONDS = "1";
    private static final Logger log = LoggerFactory.getLogger(MoneyProblemAdvice.class);

    private final ProblemWriter problems;

    MoneyProblemAdvice(ProblemWriter problems) {
        this.problems = problems;
    }

    @ExceptionHandler(LedgerViolation.class)
    ResponseEntity<ProblemDetail> refused(LedgerViolation violation, HttpServletRequest request) {
        HttpStatus status = violation.reason() == LedgerViolation.Reason.IDEMPOTENCY_CONFLICT ? HttpStatus.CONFLICT
                : HttpStatus.UNPROCESSABLE_CONTENT;
        ProblemDetail problem = problems.problem(status, violation.code(), new Object[] {violation.getMessage()},
                LocaleContextHolder.getLocale());
        problem.setProperty("code", violation.code());
        return respond(problem, request, new HttpHeaders());
    }

    @ExceptionHandler(LedgerContentionException.class)
    ResponseEntity<ProblemDetail> busy(LedgerContentionException busy, HttpServletRequest request) {
        log.warn("Ledger busy on {} {}: {}", request.getMethod(), request.getRequestURI(), busy.getMessage());
        ProblemDetail problem = problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "ledger-busy",
                new Object[] {RETRY_AFTER_SECONDS}, LocaleContextHolder.getLocale());
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        return respond(problem, request, headers);
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem, HttpServletRequest request,
                                                         HttpHeaders headers) {
        problem.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(problem.getStatus()).headers(headers).body(problem);
    }
}
