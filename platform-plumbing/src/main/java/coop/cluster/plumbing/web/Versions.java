package coop.cluster.plumbing.web;

import org.springframework.http.HttpStatus;

/**
 * An aggregate's optimistic-concurrency version as an HTTP entity tag: {@code "7"}. Weak tags
 * ({@code W/"7"}) are accepted in If-Match too.
 */
public final class Versions {

    private Versions() {}

    public static String etag(Long version) {
        return "\"" + (version == null ? 0 : version) + "\"";
    }

    /**
     * The version an If-Match header names; null when absent or {@code *}; 400 when it names none.
     */
    public static Long parse(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "bad-if-match", ifMatch);
        }
    }
}
