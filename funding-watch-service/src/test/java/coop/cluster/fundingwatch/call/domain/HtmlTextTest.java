package coop.cluster.fundingwatch.call.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HtmlTextTest {

    @Test
    void paragraphsBecomeLinesAndInlineTagsVanish() {
        assertThat(
                        HtmlText.toPlainText(
                                "<p><strong>559 </strong>proposals</p><p>Results"
                                        + " <em>soon</em>.</p>"))
                .isEqualTo("559 proposals\nResults soon.");
        assertThat(
                        HtmlText.toPlainText(
                                "<div>one<br>two<br/>three</div><ul><li>a</li><li>b</li></ul>"))
                .isEqualTo("one\ntwo\nthree\na\nb");
        assertThat(HtmlText.toPlainText("<table><tr><td>Submitted</td><td>336</td></tr></table>"))
                .isEqualTo("Submitted 336");
    }

    @Test
    void scriptsStylesAndCommentsGoWithTheirContent() {
        assertThat(
                        HtmlText.toPlainText(
                                "a<script>if (x < 1) { document.write('<p>b</p>') }</script>c"))
                .isEqualTo("ac");
        assertThat(HtmlText.toPlainText("a<SCRIPT type=\"text/javascript\">x()</ScRiPt >c"))
                .isEqualTo("ac");
        assertThat(HtmlText.toPlainText("a<style>p { color: red }</style>c<!-- <p>hidden</p> -->d"))
                .isEqualTo("acd");
        assertThat(HtmlText.toPlainText("a<script>never closed <p>b</p>")).isEqualTo("a");
        assertThat(HtmlText.toPlainText("a<scripts>b</scripts>")).isEqualTo("ab");
        assertThat(
                        HtmlText.toPlainText(
                                "<noscript>x</noscript><iframe"
                                        + " src=x>y</iframe><svg><text>z</text></svg>ok"))
                .isEqualTo("ok");
    }

    @Test
    void attributesWithAngleBracketsAndUnfinishedTagsLeaveNothingBehind() {
        assertThat(HtmlText.toPlainText("<a href=\"x>y\" title='>'>link</a>")).isEqualTo("link");
        assertThat(HtmlText.toPlainText("text <img src=x onerror=alert(1)")).isEqualTo("text");
        assertThat(HtmlText.toPlainText("<p>ok</p><!DOCTYPE html><?xml version=\"1.0\"?>"))
                .isEqualTo("ok");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            textBlock =
                    """
                    Tom &amp; Jerry                         | Tom & Jerry
                    `a&nbsp;&#xa0;&#160; b`                 | a b
                    &eacute;t&eacute; &Uuml;ber &szlig;     | été Über ß
                    &euro;10 &ndash; &ldquo;ok&rdquo;&hellip; | €10 – “ok”…
                    &#x1F600; &#128512;                     | 😀 😀
                    &#0; &#xD800; &#x110000;                | \uFFFD \uFFFD \uFFFD
                    &unknown; & alone &amp                  | &unknown; & alone &
                    """)
    void decodesCharacterReferences(String html, String text) {
        assertThat(HtmlText.toPlainText(html)).isEqualTo(text);
    }

    @Test
    void doubleEncodedMarkupIsCleanedToo() {
        assertThat(HtmlText.toPlainText("Hello &lt;script&gt;alert(1)&lt;/script&gt;world"))
                .isEqualTo("Hello world");
        // encoded twice: decoded once it is text about a tag, not a tag
        assertThat(HtmlText.toPlainText("&amp;lt;b&amp;gt;bold&amp;lt;/b&amp;gt;"))
                .isEqualTo("&lt;b&gt;bold&lt;/b&gt;");
        assertThat(HtmlText.toPlainText("<p>one &lt;br&gt; two</p><p>three</p>"))
                .isEqualTo("one\ntwo\nthree");
        assertThat(HtmlText.toPlainText("&lt;b&gt;".repeat(3) + "x"))
                .doesNotContain("<")
                .isEqualTo("x");
    }

    @Test
    void plainTextKeepsItsLinesAndALoneLessThan() {
        assertThat(HtmlText.toPlainText("First line\r\n\r\n  Second   line\t \nx < 3 and y > 2"))
                .isEqualTo("First line\nSecond line\nx < 3 and y > 2");
        assertThat(HtmlText.toPlainText("<p>x < 3</p>")).isEqualTo("x < 3");
        assertThat(HtmlText.toPlainText(null)).isNull();
        assertThat(HtmlText.toPlainText("<p> </p>")).isEmpty();
    }

    @Test
    void controlCharactersAreDropped() {
        assertThat(HtmlText.toPlainText("a\u0000b\u0007c\u00ADd\u200Be")).isEqualTo("abcde");
    }

    @Test
    void singleLineJoinsParagraphs() {
        assertThat(HtmlText.toSingleLine("<h1>Appel</h1><p>Santé &amp; numérique</p>"))
                .isEqualTo("Appel Santé & numérique");
    }

    @Test
    void truncationNeverSplitsACharacter() {
        assertThat(HtmlText.truncate("abcdef", 6)).isEqualTo("abcdef");
        assertThat(HtmlText.truncate("abcdef", 4)).isEqualTo("abc\u2026");
        assertThat(HtmlText.truncate("ab cdef", 4)).isEqualTo("ab\u2026");
        assertThat(HtmlText.truncate("ab\uD83D\uDE00cd", 4)).isEqualTo("ab\u2026");
        assertThat(HtmlText.truncate("abc", 1)).isEqualTo("\u2026");
    }
}
