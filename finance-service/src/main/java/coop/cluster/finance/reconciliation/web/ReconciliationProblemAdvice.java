package coop.cluster.finance.reconciliation.web;

import coop.cluster.finance.reconciliation.ReconciliationBusyException;
import coop.cluster.finance.reconciliation.StatementConflictException;
import coop.cluster.finance.reconciliation.domain.StatementProblem;
import coop.cluster.plumbing.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/**
 * A statement file that cannot be imported as problem+json: 400 when it cannot be read as its
 * format, 422 when a value is wrong; the type ends in the problem's code, the detail says where
 * ({0}, in the caller's language) and what ({1}, the offending text), and {@code where} gives the
 * same place as fields ({@code line}, {@code column}, {@code element}), and what else the problem
 * carries (for a missing CSV column: the required columns, the missing ones and the names accepted
 * for them). 409 {@code statement-conflict}; 503 {@code reconciliation-busy} with Retry-After. Each
 * with its {@code code}; the other problems of these endpoints get theirs from {@link
 * ProblemCodeFilter}.
 */
@RestControllerAdvice(assignableTypes = ReconciliationController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ReconciliationProblemAdvice {

    static final String RETRY_AFTER_SECONDS = "1";
    private static final Logger log = LoggerFactory.getLogger(ReconciliationProblemAdvice.class);

    private final ProblemWriter problems;
    private final MessageSource messages;

    /**
     * @param messages the platform's problem messages, which include this service's {@code
     *     messages} bundle
     */
    ReconciliationProblemAdvice(
            ProblemWriter problems, @Qualifier("problemMessages") MessageSource messages) {
        this.problems = problems;
        this.messages = messages;
    }

    static HttpStatus status(StatementProblem problem) {
        return problem.kind() == StatementProblem.Kind.MALFORMED
                ? HttpStatus.BAD_REQUEST
                : HttpStatus.UNPROCESSABLE_CONTENT;
    }

    @ExceptionHandler(StatementProblem.class)
    ResponseEntity<ProblemDetail> refused(StatementProblem refused, HttpServletRequest request) {
        Locale locale = LocaleContextHolder.getLocale();
        log.info("Statement refused on {}: {}", request.getRequestURI(), refused.getMessage());
        Object expected = refused.properties().get("expected");
        ProblemDetail problem =
                problems.problem(
                        status(refused),
                        refused.code(),
                        new Object[] {
                            where(refused.where(), locale),
                            refused.value(),
                            expected == null ? "" : expected
                        },
                        locale);
        problem.setProperty("code", refused.code());
        Map<String, Object> where = new LinkedHashMap<>();
        if (refused.where().line() != null) {
            where.put("line", refused.where().line());
        }
        if (refused.where().column() != null) {
            where.put(
                    refused.where().line() == null ? "parameter" : "column",
                    refused.where().column());
        }
        if (refused.where().element() != null) {
            where.put("element", refused.where().element());
        }
        problem.setProperty("where", where);
        problem.setProperty("value", refused.value());
        refused.properties().forEach(problem::setProperty);
        return respond(problem, request, new HttpHeaders());
    }

    @ExceptionHandler(StatementConflictException.class)
    ResponseEntity<ProblemDetail> conflict(
            StatementConflictException conflict, HttpServletRequest request) {
        ProblemDetail problem =
                problems.problem(
                        HttpStatus.CONFLICT,
                        "statement-conflict",
                        new Object[] {conflict.statementId()},
                        LocaleContextHolder.getLocale());
        problem.setProperty("code", "statement-conflict");
        problem.setProperty("statementId", conflict.statementId());
        return respond(problem, request, new HttpHeaders());
    }

    /** A form without its part {@code file}: no statement in the request. */
    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<ProblemDetail> noFile(
            MissingServletRequestPartException missing, HttpServletRequest request) {
        ProblemDetail problem =
                problems.problem(
                        HttpStatus.BAD_REQUEST,
                        "statement-empty",
                        null,
                        LocaleContextHolder.getLocale());
        problem.setProperty("code", "statement-empty");
        return respond(problem, request, new HttpHeaders());
    }

    @ExceptionHandler(ReconciliationBusyException.class)
    ResponseEntity<ProblemDetail> busy(
            ReconciliationBusyException busy, HttpServletRequest request) {
        log.warn("Reconciliation busy on {}: {}", request.getRequestURI(), busy.getMessage());
        ProblemDetail problem =
                problems.problem(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "reconciliation-busy",
                        new Object[] {RETRY_AFTER_SECONDS},
                        LocaleContextHolder.getLocale());
        problem.setProperty("code", "reconciliation-busy");
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        return respond(problem, request, headers);
    }

    /**
     * "line 4, column amount", "element Stmt/Ntry[2]/Amt", "parameter closingBalance", in the
     * caller's language.
     */
    String where(StatementProblem.Where where, Locale locale) {
        if (where.line() == null && where.element() == null) {
            return messages.getMessage(
                    "reconciliation.where.parameter", new Object[] {where.column()}, locale);
        }
        StringBuilder text = new StringBuilder();
        if (where.element() != null) {
            text.append(
                    messages.getMessage(
                            "reconciliation.where.element",
                            new Object[] {where.element()},
                            locale));
        }
        if (where.line() != null) {
            if (!text.isEmpty()) {
                text.append(", ");
            }
            text.append(
                    messages.getMessage(
                            "reconciliation.where.line",
                            new Object[] {where.line().toString()},
                            locale));
        }
        if (where.column() != null) {
            text.append(", ")
                    .append(
                            messages.getMessage(
                                    "reconciliation.where.column",
                                    new Object[] {where.column()},
                                    locale));
        }
        return text.toString();
    }

    private static ResponseEntity<ProblemDetail> respond(
            ProblemDetail problem, HttpServletRequest request, HttpHeaders headers) {
        problem.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(problem.getStatus()).headers(headers).body(problem);
    }
}
