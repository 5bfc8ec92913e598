package coop.cluster.infra.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MailLinksTest {

    @Test
    void theTextBodyComesFirstThenTheHtmlHrefsEntitiesDecoded() {
        String text =
                "Bonjour,\n"
                        + "acceptez l'invitation :"
                        + " http://localhost:9000/invitations/accept?token=abc&lang=fr.\n"
                        + "Aide : <https://cluster.example/aide>";
        String html =
                "<p><a"
                    + " href=\"https://localhost:9000/invitations/accept?token=abc&amp;lang=fr&#x26;x=1\">accepter</a>"
                    + " <a href='mailto:help@cluster.example'>aide</a> <a"
                    + " href=\"/relative\">x</a></p>";

        assertThat(MailLinks.of(text, html))
                .containsExactly(
                        "http://localhost:9000/invitations/accept?token=abc&lang=fr",
                        "https://cluster.example/aide",
                        "https://localhost:9000/invitations/accept?token=abc&lang=fr&x=1");
    }

    @Test
    void anHtmlOnlyMessageGivesItsHrefsThenTheLinksWrittenInItsText() {
        assertThat(
                        MailLinks.of(
                                null,
                                "<a href=\"HTTPS://a.example/x\">a</a> or copy"
                                        + " https://b.example/y&amp;z=1"))
                .containsExactly("HTTPS://a.example/x", "https://b.example/y&z=1");
        assertThat(MailLinks.of(null, null)).isEmpty();
        assertThat(MailLinks.of("no link here, only www.example.org", "<p>none</p>")).isEmpty();
    }

    @Test
    void sentencePunctuationIsNotPartOfALinkButABracketItOpenedIs() {
        assertThat(
                        MailLinks.inText(
                                "See https://a.example/x, https://b.example/y!"
                                        + " (https://c.example/z)"
                                        + " https://en.wikipedia.org/wiki/Cluster_(business);"
                                        + " \"https://d.example/q\"."))
                .containsExactly(
                        "https://a.example/x",
                        "https://b.example/y",
                        "https://c.example/z",
                        "https://en.wikipedia.org/wiki/Cluster_(business)",
                        "https://d.example/q");
    }

    @Test
    void htmlEntitiesThatAreNoCharacterStayAsWritten() {
        assertThat(MailLinks.unescapeHtml("a&amp;b &#233; &#x1F600; &#99999999999; &lt;"))
                .isEqualTo("a&b é 😀 &#99999999999; <");
    }
}
