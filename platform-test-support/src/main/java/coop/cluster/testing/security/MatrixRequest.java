package coop.cluster.testing.security;

import java.util.Map;

/**
 * A request of the matrix: method, path (with query) and an optional JSON body.
 *
 * @param headers extra headers, e.g. {@code Idempotency-Key}
 */
public record MatrixRequest(
        String method, String path, String jsonBody, Map<String, String> headers) {

    public static MatrixRequest get(String path) {
        return new MatrixRequest("GET", path, null, Map.of());
    }

    public static MatrixRequest delete(String path) {
        return new MatrixRequest("DELETE", path, null, Map.of());
    }

    public static MatrixRequest post(String path, String jsonBody) {
        return new MatrixRequest("POST", path, jsonBody, Map.of());
    }

    public static MatrixRequest put(String path, String jsonBody) {
        return new MatrixRequest("PUT", path, jsonBody, Map.of());
    }

    public static MatrixRequest patch(String path, String jsonBody) {
        return new MatrixRequest("PATCH", path, jsonBody, Map.of());
    }

    public MatrixRequest header(String name, String value) {
        var all = new java.util.LinkedHashMap<>(headers);
        all.put(name, value);
        return new MatrixRequest(method, path, jsonBody, Map.copyOf(all));
    }
}
