package coop.cluster.web.api;

import java.util.Map;
import org.springframework.web.util.UriBuilder;

/**
 * A search page's filters on their way to the API: only those given, trimmed, as URI template
 * variables (so that what a person typed is encoded, never read as part of the URI).
 */
public final class QueryFilters {

    private QueryFilters() {}

    public static boolean has(String value) {
        return value != null && !value.isBlank();
    }

    /**
     * Adds {@code name={name}} to the URI and the trimmed value to {@code values}, when a value is
     * given.
     */
    public static void add(UriBuilder uri, Map<String, Object> values, String name, String value) {
        if (has(value)) {
            uri.queryParam(name, "{" + name + "}");
            values.put(name, value.strip());
        }
    }
}
