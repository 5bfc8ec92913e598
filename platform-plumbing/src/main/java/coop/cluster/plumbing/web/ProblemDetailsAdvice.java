package coop.cluster.plumbing.web;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import coop.cluster.plumbing.resilience.Outages;
import coop.cluster.plumbing.resilience.ThrottledLog;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;

/**
 * Every error as RFC 9457 {@code application/problem+json}: a type, a title and a detail in the
 * request's language (English or French, by {@code Accept-Language}), the instance path, and for
 * bad input the fields at fault in {@code errors}. Never a stack trace; an unexpected failure is
 * logged with its correlation id and answered with a generic 500. A store or broker that is
 * unreachable or does not answer in time ({@link Outages}) is no failure of the request: 503 {@code
 * unavailable} with {@code Retry-After}, logged once per 10 s at most.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    /** The default of {@code Retry-After} on a 503 for an outage. */
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

    private final ProblemWriter problems;
    private final org.springframework.context.MessageSource problemMessages;
    private final Duration retryAfter;
    private final ThrottledLog outageLog = new ThrottledLog(Duration.ofSeconds(10));

    public ProblemDetailsAdvice(
            ProblemWriter problems, org.springframework.context.MessageSource messages) {
        this(problems, messages, DEFAULT_RETRY_AFTER);
    }

    public ProblemDetailsAdvice(
            ProblemWriter problems,
            org.springframework.context.MessageSource messages,
            Duration retryAfter) {
        this.problems = problems;
        this.problemMessages = messages;
        this.retryAfter = retryAfter;
        setMessageSource(messages);
    }

    /**
     * Keeps the problem messages given at construction. The application context sets its own
     * message source on every {@code MessageSourceAware} bean after construction, and the service's
     * {@code messages} lack {@code problem-messages}' {@code problemDetail.*} keys: Spring MVC's
     * own errors then had no {@code type} and stayed English (acceptance testing: a path no
     * endpoint maps answered "No static resource api/...").
     */
    @Override
    public void setMessageSource(org.springframework.context.MessageSource messageSource) {
        super.setMessageSource(problemMessages != null ? problemMessages : messageSource);
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> refused(ProblemException e, WebRequest request) {
        return respond(problems.problem(e.status(), e.code(), e.args(), locale()), request);
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> concurrentUpdate(
            OptimisticLockingFailureException e, WebRequest request) {
        return respond(
                problems.problem(HttpStatus.CONFLICT, "concurrent-update", null, locale()),
                request);
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<ProblemDetail> duplicate(DuplicateKeyException e, WebRequest request) {
        return respond(problems.problem(HttpStatus.CONFLICT, "duplicate", null, locale()), request);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolation(
            ConstraintViolationException e, WebRequest request) {
        List<FieldProblem> errors =
                e.getConstraintViolations().stream()
                        .map(
                                v ->
                                        new FieldProblem(
                                                e instanceof RequestBodies.InvalidBody
                                                        ? v.getPropertyPath().toString()
                                                        : lastNode(v.getPropertyPath().toString()),
                                                v.getMessage()))
                        .sorted(Comparator.comparing(FieldProblem::field))
                        .toList();
        return respond(
                withErrors(
                        problems.problem(HttpStatus.BAD_REQUEST, "validation", null, locale()),
                        errors),
                request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(
            MethodArgumentTypeMismatchException e, WebRequest request) {
        ProblemDetail problem =
                problems.problem(HttpStatus.BAD_REQUEST, "validation", null, locale());
        return respond(
                withErrors(
                        problem,
                        List.of(
                                new FieldProblem(
                                        e.getName(),
                                        problems.detail(
                                                "wrong-type",
                                                new Object[] {e.getName()},
                                                locale())))),
                request);
    }

    /**
     * Method security ({@code @PreAuthorize}) refused the call: the caller is known but lacks the
     * right.
     */
    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException e, WebRequest request) {
        return respond(
                problems.problem(HttpStatus.FORBIDDEN, "forbidden", null, locale()), request);
    }

    /**
     * The store or the broker is down or does not answer in time; also found among the causes of
     * any failure.
     */
    @ExceptionHandler({
        DataAccessResourceFailureException.class,
        TransientDataAccessResourceException.class,
        QueryTimeoutException.class,
        MongoSocketException.class,
        MongoTimeoutException.class,
        org.apache.kafka.common.errors.RetriableException.class
    })
    ResponseEntity<ProblemDetail> unavailable(Exception e, WebRequest request) {
        long leftOut = outageLog.admit();
        if (leftOut >= 0) {
            log.warn(
                    "Store or broker unavailable on {}, answered 503{}: {}",
                    describe(request),
                    leftOut > 0
                            ? " (and " + leftOut + " more such requests since the last line)"
                            : "",
                    Outages.cause(e).toString());
        }
        ProblemDetail problem =
                instance(
                        problems.problem(
                                HttpStatus.SERVICE_UNAVAILABLE, "unavailable", null, locale()),
                        request);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())))
                .body(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, WebRequest request) {
        if (Outages.isOutage(e)) {
            return unavailable(e, request);
        }
        log.error("Unexpected failure on {}", describe(request), e);
        return respond(
                problems.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", null, locale()),
                request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            errors.add(new FieldProblem(error.getField(), error.getDefaultMessage()));
        }
        e.getBindingResult()
                .getGlobalErrors()
                .forEach(
                        error ->
                                errors.add(
                                        new FieldProblem(
                                                error.getObjectName(), error.getDefaultMessage())));
        errors.sort(Comparator.comparing(FieldProblem::field));
        ProblemDetail problem =
                withErrors(
                        problems.problem(HttpStatus.BAD_REQUEST, "validation", null, locale()),
                        errors);
        return new ResponseEntity<>(instance(problem, request), headers, HttpStatus.BAD_REQUEST);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        e.getParameterValidationResults()
                .forEach(
                        result ->
                                result.getResolvableErrors()
                                        .forEach(
                                                error ->
                                                        errors.add(
                                                                new FieldProblem(
                                                                        result.getMethodParameter()
                                                                                .getParameterName(),
                                                                        error
                                                                                .getDefaultMessage()))));
        ProblemDetail problem =
                withErrors(
                        problems.problem(HttpStatus.BAD_REQUEST, "validation", null, locale()),
                        errors);
        return new ResponseEntity<>(instance(problem, request), headers, HttpStatus.BAD_REQUEST);
    }

    /**
     * A body of a type the endpoint does not read: 415 {@code unsupported-media-type} naming the
     * type sent and those read, or {@code content-type-missing} when the request has no
     * Content-Type at all (Spring's own answer had no type and said "Content-Type 'null' is not
     * supported"). {@code supported} lists the types read; the {@code Accept} header Spring sets on
     * the answer says the same.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            HttpMediaTypeNotSupportedException e,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        List<String> supported =
                e.getSupportedMediaTypes().stream().map(MediaType::toString).toList();
        String accepted =
                supported.isEmpty()
                        ? MediaType.APPLICATION_JSON_VALUE
                        : String.join(", ", supported);
        String preferred =
                supported.isEmpty() || supported.contains(MediaType.APPLICATION_JSON_VALUE)
                        ? MediaType.APPLICATION_JSON_VALUE
                        : supported.getFirst();
        String sent = request.getHeader(HttpHeaders.CONTENT_TYPE);
        ProblemDetail problem =
                sent == null || sent.isBlank()
                        ? problems.problem(
                                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                                "content-type-missing",
                                new Object[] {preferred},
                                locale())
                        : problems.problem(
                                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                                "unsupported-media-type",
                                new Object[] {
                                    sent.length() > 100 ? sent.substring(0, 100) + "\u2026" : sent,
                                    accepted
                                },
                                locale());
        problem.setProperty("supported", supported);
        return new ResponseEntity<>(
                instance(problem, request), headers, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    }

    /**
     * A method the endpoint does not offer: 405 with the platform's type, in the caller's language,
     * and Allow.
     */
    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(
            HttpRequestMethodNotSupportedException e,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        ProblemDetail problem =
                problems.problem(
                        HttpStatus.METHOD_NOT_ALLOWED,
                        "method-not-allowed",
                        new Object[] {e.getMethod()},
                        locale());
        if (e.getSupportedHttpMethods() != null) {
            problem.setProperty(
                    "allowed", e.getSupportedHttpMethods().stream().map(HttpMethod::name).toList());
        }
        return new ResponseEntity<>(
                instance(problem, request), headers, HttpStatus.METHOD_NOT_ALLOWED);
    }

    /**
     * A path no endpoint maps (Spring MVC looks for a static resource last): 404 {@code
     * no-endpoint} in the caller's language, as the gateway and the {@code /error} controller
     * answer it, never Spring's "No static resource ...".
     */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException e,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        return noEndpoint(headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleNoHandlerFoundException(
            NoHandlerFoundException e,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        return noEndpoint(headers, request);
    }

    private ResponseEntity<Object> noEndpoint(HttpHeaders headers, WebRequest request) {
        String method = "";
        String path = "";
        if (request instanceof ServletWebRequest servlet) {
            method = servlet.getRequest().getMethod();
            path = servlet.getRequest().getRequestURI();
        }
        ProblemDetail problem =
                problems.problem(
                        HttpStatus.NOT_FOUND, "no-endpoint", new Object[] {method, path}, locale());
        return new ResponseEntity<>(instance(problem, request), headers, HttpStatus.NOT_FOUND);
    }

    /**
     * No representation the caller accepts (e.g. Accept: application/pdf where only JSON is
     * offered): 406.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(
            HttpMediaTypeNotAcceptableException e,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        List<String> offered =
                e.getSupportedMediaTypes().stream().map(MediaType::toString).toList();
        ProblemDetail problem =
                problems.problem(
                        HttpStatus.NOT_ACCEPTABLE,
                        "not-acceptable",
                        new Object[] {
                            offered.isEmpty()
                                    ? MediaType.APPLICATION_JSON_VALUE
                                    : String.join(", ", offered)
                        },
                        locale());
        problem.setProperty("offered", offered);
        // the problem itself is JSON whatever the caller accepts: an error must reach it
        HttpHeaders answer = new HttpHeaders();
        answer.addAll(headers);
        answer.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(instance(problem, request), answer, HttpStatus.NOT_ACCEPTABLE);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        String field = fieldOf(e);
        ProblemDetail problem;
        if (field == null) {
            problem = problems.problem(HttpStatus.BAD_REQUEST, "unreadable-body", null, locale());
        } else {
            problem =
                    withErrors(
                            problems.problem(
                                    HttpStatus.BAD_REQUEST,
                                    "unreadable-field",
                                    new Object[] {field},
                                    locale()),
                            List.of(
                                    new FieldProblem(
                                            field,
                                            problems.detail(
                                                    "wrong-type",
                                                    new Object[] {field},
                                                    locale()))));
        }
        return new ResponseEntity<>(instance(problem, request), headers, HttpStatus.BAD_REQUEST);
    }

    private static String fieldOf(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        while (cause != null && !(cause instanceof JacksonException)) {
            cause = cause.getCause();
        }
        if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JacksonException.Reference reference : jackson.getPath()) {
                if (reference.getPropertyName() != null) {
                    path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
                } else if (reference.getIndex() >= 0) {
                    path.append('[').append(reference.getIndex()).append(']');
                }
            }
            return path.isEmpty() ? null : path.toString();
        }
        return null;
    }

    private static String lastNode(String propertyPath) {
        int dot = propertyPath.indexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }

    private static ProblemDetail withErrors(ProblemDetail problem, List<FieldProblem> errors) {
        problem.setProperty(
                "errors",
                errors.stream()
                        .map(
                                error ->
                                        Map.of(
                                                "field",
                                                error.field(),
                                                "message",
                                                error.message() == null ? "" : error.message()))
                        .toList());
        return problem;
    }

    private ResponseEntity<ProblemDetail> respond(ProblemDetail problem, WebRequest request) {
        return ResponseEntity.status(problem.getStatus()).body(instance(problem, request));
    }

    private static ProblemDetail instance(ProblemDetail problem, WebRequest request) {
        if (request instanceof ServletWebRequest servlet) {
            problem.setInstance(URI.create(servlet.getRequest().getRequestURI()));
        }
        return problem;
    }

    private static String describe(WebRequest request) {
        return request instanceof ServletWebRequest servlet
                ? servlet.getRequest().getMethod() + " " + servlet.getRequest().getRequestURI()
                : request.getDescription(false);
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }

    private record FieldProblem(String field, String message) {}
}
