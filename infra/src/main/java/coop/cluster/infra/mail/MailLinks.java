package coop.cluster.infra.mail;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The http(s) links of a message, in the order a reader meets them: those of the plain-text body
 * first, then those of the HTML body (its {@code href}s, entities decoded). Demo scripts and tests
 * follow the first one (an invitation, a sign-up confirmation, a password reset), so the API,
 * {@code scripts/mail.sh} and {@code MailBox} all take it from here.
 */
public final class MailLinks {

    /**
     * A URL ends at a space, a quote, a backslash or an angle bracket; trailing sentence
     * punctuation is not part of it.
     */
    private static final Pattern URL =
            Pattern.compile("https?://[^\\s<>\"'`\\\\]+", Pattern.CASE_INSENSITIVE);

    private static final Pattern HREF =
            Pattern.compile("href\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')", Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMERIC_ENTITY = Pattern.compile("&#(x[0-9a-fA-F]+|[0-9]+);");
    private static final String TRAILING = ".,;:!?)]}";

    private MailLinks() {}

    /** Every distinct link, text body first. Either body may be null. */
    public static List<String> of(String text, String html) {
        Set<String> links = new LinkedHashSet<>();
        if (text != null) {
            links.addAll(inText(text));
        }
        if (html != null) {
            Matcher href = HREF.matcher(html);
            while (href.find()) {
                String value =
                        unescapeHtml(href.group(1) != null ? href.group(1) : href.group(2)).strip();
                if (URL.matcher(value).matches()) {
                    links.add(value);
                }
            }
            links.addAll(inText(unescapeHtml(html.replaceAll("<[^>]*>", " "))));
        }
        return List.copyOf(links);
    }

    static List<String> inText(String text) {
        List<String> links = new ArrayList<>();
        Matcher m = URL.matcher(text);
        while (m.find()) {
            String url = m.group();
            while (!url.isEmpty()
                    && TRAILING.indexOf(url.charAt(url.length() - 1)) >= 0
                    && !balanced(url)) {
                url = url.substring(0, url.length() - 1);
            }
            links.add(url);
        }
        return links;
    }

    /**
     * A closing bracket that closes one opened in the URL (as in Wikipedia links) belongs to it.
     */
    private static boolean balanced(String url) {
        char last = url.charAt(url.length() - 1);
        char open =
                switch (last) {
                    case ')' -> '(';
                    case ']' -> '[';
                    case '}' -> '{';
                    default -> 0;
                };
        return open != 0
                && url.chars().filter(c -> c == open).count()
                        >= url.chars().filter(c -> c == last).count();
    }

    static String unescapeHtml(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        Matcher m = NUMERIC_ENTITY.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String code = m.group(1);
            String character;
            try {
                int cp =
                        code.startsWith("x")
                                ? Integer.parseInt(code.substring(1), 16)
                                : Integer.parseInt(code);
                character = new String(Character.toChars(cp));
            } catch (IllegalArgumentException e) {
                character = m.group(); // not a code point: leave it as written
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(character));
        }
        m.appendTail(sb);
        return sb.toString()
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&nbsp;", " ")
                .replace("&amp;", "&");
    }
}
