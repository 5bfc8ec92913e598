package coop.cluster.plumbing.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import tools.jackson.databind.ObjectMapper;

/**
 * Every answer a service gives is problem+json, also to requests that never reach a controller
 * (docs/identity.md, "Errors"):
 *
 * <ul>
 *   <li>Tomcat refuses a URI it cannot decode ({@code %ff}, the overlong {@code %C0%AE}, an encoded
 *       {@code /}) before any filter runs: {@link ProblemErrorReportValve} replaces its HTML error
 *       page
 *   <li>Spring Security's firewall refuses {@code ..;}, {@code //}, {@code %00}, {@code %2F}, a
 *       made-up method: {@code 400 rejected-request} (405 for the method)
 *   <li>whatever ends in the servlet container's error dispatch ({@code response.sendError} in a
 *       filter, an exception outside Spring MVC): the {@code /error} controller answers a problem
 *       instead of Spring Boot's JSON or HTML page
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class MalformedRequestProblems {

    private static final Logger log = LoggerFactory.getLogger(MalformedRequestProblems.class);
    private static final Set<String> METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    /**
     * Replaces the HTML error page Tomcat writes itself; after Spring Boot's customizer, which adds
     * its own.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReportValve(
            ProblemWriter problems, ObjectMapper json) {
        return new ValveCustomizer(problems, json);
    }

    @Bean
    RequestRejectedHandler problemRequestRejectedHandler(ProblemWriter problems) {
        return (request, response, rejected) -> {
            log.info(
                    "Rejected {} {}: {}",
                    request.getMethod(),
                    printable(request.getRequestURI()),
                    rejected.getMessage());
            if (!METHODS.contains(request.getMethod())) {
                response.setHeader(
                        HttpHeaders.ALLOW,
                        String.join(
                                ", ", "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
                problems.write(
                        request,
                        response,
                        HttpStatus.METHOD_NOT_ALLOWED,
                        "method-not-allowed",
                        new Object[] {
                            printable(request.getMethod()), printable(request.getRequestURI())
                        });
                return;
            }
            problems.write(request, response, HttpStatus.BAD_REQUEST, "rejected-request", null);
        };
    }

    /**
     * The servlet container's error dispatch ({@code /error}) as a problem. Registered as a member
     * class of this configuration; replaces Spring Boot's {@code BasicErrorController}.
     */
    @Controller
    public static class ProblemErrorController implements ErrorController {

        private final ProblemWriter problems;

        public ProblemErrorController(ProblemWriter problems) {
            this.problems = problems;
        }

        @RequestMapping("${server.error.path:${error.path:/error}}")
        ResponseEntity<ProblemDetail> error(HttpServletRequest request, Locale locale) {
            Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
            HttpStatus status =
                    code instanceof Integer value && HttpStatus.resolve(value) != null
                            ? HttpStatus.resolve(value)
                            : HttpStatus.INTERNAL_SERVER_ERROR;
            Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
            // the error dispatch is a GET whatever the request's method (Servlet 6.1): name the one
            // sent
            Object method = request.getAttribute(RequestDispatcher.ERROR_METHOD);
            ProblemDetail problem =
                    problems.problem(
                            status,
                            codeFor(status),
                            new Object[] {
                                printable(
                                        method instanceof String sent ? sent : request.getMethod()),
                                uri == null ? "" : printable(String.valueOf(uri))
                            },
                            locale);
            if (uri instanceof String path && isUri(path)) {
                problem.setInstance(URI.create(path));
            }
            return ResponseEntity.status(status)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
    }

    /** The problem code of an error with only a status. */
    static String codeFor(HttpStatus status) {
        return switch (status.value()) {
            case 400 -> "bad-request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "no-endpoint";
            case 405 -> "method-not-allowed";
            case 413 -> "request-too-large";
            case 414 -> "uri-too-long";
            default -> status.is4xxClientError() ? "bad-request" : "internal";
        };
    }

    private static boolean isUri(String path) {
        try {
            URI.create(path);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String printable(String raw) {
        String shown = raw == null ? "" : raw.length() > 200 ? raw.substring(0, 200) + "..." : raw;
        return shown.replaceAll("[^\\x20-\\x7E]", "?");
    }

    private static final class ValveCustomizer
            implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        private final ProblemWriter problems;
        private final ObjectMapper json;

        ValveCustomizer(ProblemWriter problems, ObjectMapper json) {
            this.problems = problems;
            this.json = json;
        }

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(
                    context -> {
                        Container host = context.getParent();
                        for (Valve valve : host.getPipeline().getValves()) {
                            if (valve instanceof ErrorReportValve
                                    && !(valve instanceof ProblemErrorReportValve)) {
                                host.getPipeline().removeValve(valve);
                            }
                        }
                        host.getPipeline().addValve(new ProblemErrorReportValve(problems, json));
                        if (host instanceof StandardHost standardHost) {
                            standardHost.setErrorReportValveClass(
                                    ProblemErrorReportValve.class.getName());
                        }
                    });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    /**
     * Tomcat's error report as problem+json: what Tomcat answers itself (a URI it cannot decode or
     * normalise, a request it refuses before the application) and any error nothing else wrote a
     * body for.
     */
    public static final class ProblemErrorReportValve extends ErrorReportValve {

        private final ProblemWriter problems;
        private final ObjectMapper json;

        ProblemErrorReportValve(ProblemWriter problems, ObjectMapper json) {
            this.problems = problems;
            this.json = json;
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int statusCode = response.getStatus();
            if (statusCode < 400
                    || response.getContentWritten() > 0
                    || !response.setErrorReported()) {
                return;
            }
            HttpStatus status =
                    HttpStatus.resolve(statusCode) != null
                            ? HttpStatus.resolve(statusCode)
                            : HttpStatus.BAD_REQUEST;
            String code = status == HttpStatus.BAD_REQUEST ? "rejected-request" : codeFor(status);
            Locale locale = request.getLocale();
            try {
                ProblemDetail problem =
                        problems.problem(
                                status,
                                code,
                                new Object[] {
                                    request.getMethod(), printable(request.getRequestURI())
                                },
                                locale == null ? Locale.ENGLISH : locale);
                byte[] body = json.writeValueAsBytes(problem);
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                response.setContentLength(body.length);
                response.getOutputStream().write(body);
                response.finishResponse();
            } catch (IOException | RuntimeException e) {
                log.debug("Could not write the problem for a {} answered by Tomcat", statusCode, e);
            }
        }
    }
}
