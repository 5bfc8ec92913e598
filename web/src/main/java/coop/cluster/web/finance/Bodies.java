package coop.cluster.web.finance;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON bodies for the API from what a form typed: blank fields are left out rather than sent empty.
 */
final class Bodies {

    private Bodies() {}

    static Map<String, Object> of(Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            Object value = pairs[i + 1];
            if (value instanceof String text) {
                value = text.isBlank() ? null : text.strip();
            }
            if (value instanceof Map<?, ?> map && map.isEmpty()) {
                value = null;
            }
            if (value != null) {
                body.put((String) pairs[i], value);
            }
        }
        return body;
    }
}
