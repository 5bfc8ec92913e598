package coop.cluster.finance.period.web;

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
 * The ledger's refusals of a closing as problem+json: {@code period-already-closed} 409 (any other violation 422),
 * with the code in {@code code}; {@code ledger-busy} 503 with Retry-After.
 */
@RestControllerAdvice(assignableTypes = PeriodController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PeriodProblemAdvice {

    static final String RETRY_AFTER_SECONDS = "1";
    private static final Logger log = LoggerFactory.getLogger(PeriodProblemAdvice.class);

    private final ProblemWriter problems;

    PeriodProblemAdvice(ProblemWriter problems) {
        this.problems = problems;
    }

    @ExceptionHandler(LedgerViolation.class)
    ResponseEntity<ProblemDetail> refused(LedgerViolation violation, HttpServletRequest request) {
        HttpStatus status = violation.reason() == LedgerViolation.Reason.PERIOD_ALREADY_CLOSED ? HttpStatus.CONFLICT
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
