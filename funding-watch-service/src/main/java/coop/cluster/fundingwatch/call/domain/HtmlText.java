package coop.cluster.fundingwatch.call.domain;

import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Turns the HTML that feeds put in text fields into plain text, safely: the result never holds
 * markup. Parsing is jsoup's (the HTML5 parsing algorithm, as a browser reads the same bytes); this
 * class only decides what is text.
 *
 * <ul>
 *   <li>Tags are removed. {@code <script>}, {@code <style>} and other elements whose content is not
 *       text ({@code noscript}, {@code template}, {@code iframe}, {@code object}, {@code svg},
 *       {@code math}, {@code head}, {@code title}, {@code textarea}, {@code select}) go with their
 *       content; an unclosed one takes the rest of the input with it, as in a browser. Comments,
 *       doctypes and processing instructions are removed.
 *   <li>Character references are decoded as a browser does ({@code &amp} without its semicolon is
 *       {@code &}; a reference to no character is U+FFFD). Text that still looks like markup after
 *       decoding (double-encoded {@code &lt;script&gt;}) is cleaned again, a few times at most;
 *       deeper than that every {@code <} goes.
 *   <li>Block elements ({@code p}, {@code div}, {@code br}, {@code li}, {@code tr}, headings, ...)
 *       end a line; table cells are separated by a space. Within a line whitespace (no-break spaces
 *       included) collapses to one space; lines are trimmed and empty ones dropped, so paragraphs
 *       come out one per line, separated by {@code \n}.
 *   <li>Input without anything that looks like a tag is plain text: its own line breaks are kept.
 *   <li>Control and invisible formatting characters (soft hyphen, zero-width space) are removed.
 * </ul>
 */
public final class HtmlText {

    /** Something a browser would read as the start of a tag, a comment or a declaration. */
    private static final Pattern TAG_LIKE = Pattern.compile("<[a-zA-Z/!?]");

    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u2007\\u202F]+");

    /** A surrogate not in a pair (a numeric reference such as {@code &#xD800;} decodes to one). */
    private static final Pattern LONE_SURROGATE = Pattern.compile("[\\x{D800}-\\x{DFFF}]");

    private static final Pattern INVISIBLE =
            Pattern.compile("[\\p{Cc}\\u00AD\\u200B-\\u200D\\u2060\\uFEFF&&[^\\n]]");

    private static final String SKIPPED_WITH_CONTENT =
            "script, style, noscript, template, iframe, object, svg, "
                    + "math, head, title, textarea, select";

    private static final Set<String> BLOCKS =
            Set.of(
                    "address",
                    "article",
                    "aside",
                    "blockquote",
                    "br",
                    "caption",
                    "dd",
                    "details",
                    "dialog",
                    "div",
                    "dl",
                    "dt",
                    "fieldset",
                    "figcaption",
                    "figure",
                    "footer",
                    "form",
                    "h1",
                    "h2",
                    "h3",
                    "h4",
                    "h5",
                    "h6",
                    "header",
                    "hr",
                    "li",
                    "main",
                    "nav",
                    "ol",
                    "p",
                    "pre",
                    "section",
                    "summary",
                    "table",
                    "tbody",
                    "tfoot",
                    "thead",
                    "tr",
                    "ul",
                    "body",
                    "html");

    private static final Set<String> CELLS = Set.of("td", "th");

    private static final int MAX_PASSES = 4;

    private HtmlText() {}

    /** Plain text with paragraphs on their own lines; {@code null} stays {@code null}. */
    public static String toPlainText(String html) {
        if (html == null) {
            return null;
        }
        String text = html;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            String cleaned;
            if (!TAG_LIKE.matcher(text).find()) {
                cleaned = tidy(Parser.unescapeEntities(text, false));
            } else if (pass == 0) {
                cleaned = tidy(fromHtml(text));
            } else {
                // after the first pass, line breaks are the paragraphs found by it: they stay
                cleaned = tidy(String.join("\n", text.lines().map(HtmlText::fromHtml).toList()));
            }
            if (!TAG_LIKE.matcher(cleaned).find()) {
                return cleaned;
            }
            text = cleaned;
        }
        // Nested encodings deeper than any real feed sends: drop every '<' rather than return
        // markup.
        return tidy(text.replace('<', ' '));
    }

    /** Plain text on one line (for titles and names); {@code null} stays {@code null}. */
    public static String toSingleLine(String html) {
        String text = toPlainText(html);
        return text == null ? null : text.replace('\n', ' ');
    }

    /**
     * The text cut to at most {@code max} characters, ending with an ellipsis when cut; never
     * splits a surrogate pair. {@code null} stays {@code null}.
     */
    public static String truncate(String text, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1");
        }
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end).stripTrailing() + "\u2026";
    }

    /**
     * The text of an HTML fragment: blocks end lines, cells are spaced; markup's own line breaks
     * are spaces.
     */
    private static String fromHtml(String html) {
        Document document = Jsoup.parseBodyFragment(html);
        document.select(SKIPPED_WITH_CONTENT).remove();
        StringBuilder out = new StringBuilder(html.length());
        NodeTraversor.traverse(
                new NodeVisitor() {
                    @Override
                    public void head(Node node, int depth) {
                        if (node instanceof TextNode text) {
                            out.append(SPACES.matcher(text.getWholeText()).replaceAll(" "));
                        } else if (node instanceof Element element) {
                            separate(element, out);
                        }
                    }

                    @Override
                    public void tail(Node node, int depth) {
                        if (node instanceof Element element) {
                            separate(element, out);
                        }
                    }
                },
                document.body());
        return out.toString();
    }

    private static void separate(Element element, StringBuilder out) {
        String name = element.normalName();
        if (BLOCKS.contains(name)) {
            out.append('\n');
        } else if (CELLS.contains(name)) {
            out.append(' ');
        }
    }

    /**
     * One paragraph per line: invisible characters out, spaces collapsed, lines trimmed, empty
     * lines dropped.
     */
    private static String tidy(String text) {
        String visible =
                INVISIBLE.matcher(text.replace("\r\n", "\n").replace('\r', '\n')).replaceAll("");
        visible = LONE_SURROGATE.matcher(visible).replaceAll("\uFFFD");
        StringBuilder out = new StringBuilder(visible.length());
        for (String line : visible.split("\n")) {
            String collapsed = SPACES.matcher(line).replaceAll(" ").strip();
            if (!collapsed.isEmpty()) {
                out.append(out.isEmpty() ? "" : "\n").append(collapsed);
            }
        }
        return out.toString();
    }
}
