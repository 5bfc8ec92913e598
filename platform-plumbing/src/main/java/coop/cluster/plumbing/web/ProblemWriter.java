package coop.cluster.plumbing.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.support.RequestContextUtils;
import tools.jackson.databind.ObjectMapper;

/**
 * Builds problem details with titles and details in the request's language; also writes them from
 * filters.
 */
public class ProblemWriter {

    public static final String TYPE_BASE = "https://cluster.coop/problems/";

    private final MessageSource messages;
    private final ObjectMapper json;

    public ProblemWriter(MessageSource messages, ObjectMapper json) {
        this.messages = messages;
        this.json = json;
    }

    /**
     * @param code message code: {@code problem.<code>.title} and {@code problem.<code>.detail} are
     *     looked up in the request's locale; the type URI is {@link #TYPE_BASE} + code
     */
    public ProblemDetail problem(
            HttpStatus status, String code, Object[] args, java.util.Locale locale) {
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setType(URI.create(TYPE_BASE + code));
        problem.setTitle(
                messages.getMessage(
                        "problem." + code + ".title", null, status.getReasonPhrase(), locale));
        problem.setDetail(detail(code, args, locale));
        return problem;
    }

    /**
     * The detail message {@code problem.<code>.detail} alone, e.g. for one field in {@code errors}.
     */
    public String detail(String code, Object[] args, java.util.Locale locale) {
        return messages.getMessage("problem." + code + ".detail", args, null, locale);
    }

    /** Writes a problem from outside Spring MVC (filters, security handlers). */
    public void write(
            HttpServletRequest request,
            HttpServletResponse response,
            HttpStatus status,
            String code,
            Object[] args)
            throws IOException {
        ProblemDetail problem = problem(status, code, args, RequestContextUtils.getLocale(request));
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
