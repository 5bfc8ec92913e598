package coop.cluster.membership.member.web;

import coop.cluster.plumbing.web.ProblemException;
import org.springframework.http.HttpStatus;

/** A member's version as an entity tag: {@code "7"}. Weak tags ({@code W/"7"}) are accepted in If-Match too. */
final class Versions {

    private Versions() {
    }

    static String etag(Long version) {
        return "\"" + (version == null ? 0 : version) + "\"";
    }

    /** The version an If-Match header names; null when absent or {@code *}; 400 when it names none. */
    static Long parse(String ifMatch) {
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
