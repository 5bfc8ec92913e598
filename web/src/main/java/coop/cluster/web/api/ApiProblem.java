package coop.cluster.web.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the API said when it refused a request (RFC 9457 problem+json, docs/api-errors.md): its
 * status, its {@code type} (a stable URI whose last segment, the <em>code</em>, chooses the message
 * shown) and its field errors. Pages show a message from the bundles ({@code problem.<code>}, else
 * {@code problem.status.<status>}, else {@code problem.unknown}), next to the field it names, never
 * the API's English text alone.
 *
 * @param status the HTTP status; 503 when the API could not be reached at all
 * @param code the last segment of the problem's type ({@code stale-version}, {@code validation},
 *     ...), or ""
 * @param detail the API's own explanation (English, for logs and as a secondary line)
 * @param fields field name → the API's message for it, in the API's order
 */
public record ApiProblem(int status, String code, String detail, Map<String, String> fields) {

    private static final Logger log = LoggerFactory.getLogger(ApiProblem.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public ApiProblem {
        code = code == null ? "" : code;
        detail = detail == null ? "" : detail;
        fields = fields == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(fields));
    }

    /** The API could not be reached, or answered something that is not a problem. */
    public static ApiProblem unavailable() {
        return new ApiProblem(503, "unavailable", "", Map.of());
    }

    public static ApiProblem of(RestClientResponseException e) {
        int status = e.getStatusCode().value();
        try {
            Body body = JSON.readValue(e.getResponseBodyAsByteArray(), Body.class);
            Map<String, String> fields = new LinkedHashMap<>();
            if (body.errors() != null) {
                for (FieldError error : body.errors()) {
                    if (error.field() != null && !error.field().isBlank()) {
                        fields.putIfAbsent(
                                error.field(), error.message() == null ? "" : error.message());
                    }
                }
            }
            return new ApiProblem(status, codeOf(body.type()), body.detail(), fields);
        } catch (RuntimeException notAProblem) {
            log.debug("answer {} without a problem body", status);
            return new ApiProblem(status, "", "", Map.of());
        }
    }

    private static String codeOf(String type) {
        if (type == null || type.isBlank() || "about:blank".equals(type)) {
            return "";
        }
        String trimmed = type.endsWith("/") ? type.substring(0, type.length() - 1) : type;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    /**
     * The bundle keys to try, most specific first (a page passes them to {@code
     * #messages.msgOrNull}).
     */
    public List<String> messageKeys() {
        return code.isEmpty()
                ? List.of("problem.status." + status, "problem.unknown")
                : List.of("problem." + code, "problem.status." + status, "problem.unknown");
    }

    public boolean hasField(String field) {
        return fields.containsKey(field);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Body(String type, String title, String detail, List<FieldError> errors) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record FieldError(String field, String message) {}
}
