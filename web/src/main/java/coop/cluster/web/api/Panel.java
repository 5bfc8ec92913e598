package coop.cluster.web.api;

/**
 * What one panel of a page shows: its data, or that its service cannot answer now. Each panel is
 * loaded on its own, so that a service that is down greys out its panel while the rest of the page
 * works.
 *
 * @param data the data, null when unavailable
 * @param unavailable true when the API did not answer usefully (403, 404, 5xx, timeout, refused
 *     connection)
 */
public record Panel<T>(T data, boolean unavailable) {

    public static <T> Panel<T> of(T data) {
        return new Panel<>(data, false);
    }

    public static <T> Panel<T> failed() {
        return new Panel<>(null, true);
    }
}
