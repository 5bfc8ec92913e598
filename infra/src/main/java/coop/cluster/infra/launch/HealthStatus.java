package coop.cluster.infra.launch;

import java.util.Optional;

/**
 * Reads the top-level {@code status} of a Spring Boot health document without a JSON library (the
 * launcher's classpath is the broker's). Nested component statuses are skipped: a {@code
 * "status":"UP"} inside {@code components} does not make the whole UP.
 */
public final class HealthStatus {

    private HealthStatus() {}

    public static Optional<String> topLevelStatus(String json) {
        if (json == null) {
            return Optional.empty();
        }
        int depth = 0;
        int i = 0;
        int n = json.length();
        while (i < n) {
            char c = json.charAt(i);
            if (c == '"') {
                int end = endOfString(json, i);
                if (end < 0) {
                    return Optional.empty();
                }
                if (depth == 1) {
                    int colon = skipWhitespace(json, end + 1);
                    if (colon < n
                            && json.charAt(colon) == ':'
                            && "status".equals(unescape(json, i + 1, end))) {
                        int value = skipWhitespace(json, colon + 1);
                        if (value < n && json.charAt(value) == '"') {
                            int valueEnd = endOfString(json, value);
                            return valueEnd < 0
                                    ? Optional.empty()
                                    : Optional.of(unescape(json, value + 1, valueEnd));
                        }
                        return Optional.empty();
                    }
                }
                i = end + 1;
                continue;
            }
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
            i++;
        }
        return Optional.empty();
    }

    /** Index of the closing quote of the string opening at {@code start}, or -1. */
    private static int endOfString(String s, int start) {
        for (int i = start + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    private static int skipWhitespace(String s, int from) {
        int i = from;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String unescape(String s, int from, int to) {
        StringBuilder sb = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < to) {
                char e = s.charAt(++i);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> {
                        if (i + 4 < to) {
                            sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                            i += 4;
                        }
                    }
                    default -> sb.append(e);
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
