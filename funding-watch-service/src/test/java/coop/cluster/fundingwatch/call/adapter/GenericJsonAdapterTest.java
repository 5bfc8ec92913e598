package coop.cluster.fundingwatch.call.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import coop.cluster.fundingwatch.call.domain.CallKind;
import coop.cluster.fundingwatch.call.domain.CallStatus;
import coop.cluster.fundingwatch.call.domain.FundingCall;
import coop.cluster.fundingwatch.call.domain.Money;
import coop.cluster.fundingwatch.call.domain.Normalised;
import coop.cluster.fundingwatch.call.domain.Rejection;
import coop.cluster.fundingwatch.call.domain.Rejection.Reason;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class GenericJsonAdapterTest {

    private static final String SOURCE = "region-sud";
    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");

    private final GenericJsonAdapter adapter =
            new GenericJsonAdapter(Clock.fixed(NOW, ZoneOffset.UTC));

    private static final String GOOD =
            """
            {"reference": "AAP-2026-INNOV", "identifier": "AAP-INNOV", "callIdentifier": "AAP-2026",
             "callTitle": "Appels à projets 2026", "title": "Appel à projets Innovation &amp; territoires",
             "programme": "FEDER Sud 2021-2027",
             "description": "<p>Soutien aux projets <b>collaboratifs</b>.</p><p>Deux relèves.</p>",
             "keywords": ["innovation", "PME", "innovation"], "tags": ["feder"],
             "kind": "grant", "status": "open", "openingDate": "2026-05-01",
             "deadlines": ["2026-11-30T12:00:00+01:00", "2026-09-15"],
             "budget": {"amount": "1500000.00", "currency": "eur"},
             "eligibleCountries": ["fr", "FRL"], "partnershipRequirement": "Au moins deux entreprises",
             "url": "https://www.example.org/aap/innov", "someFieldWeIgnore": {"x": 1}}\
            """;

    @Test
    void readsAGoodRecord() {
        Normalised normalised =
                adapter.normalise(SOURCE, FeedFiles.json("{\"calls\": [" + GOOD + "]}"));

        assertThat(normalised.rejections()).isEmpty();
        assertThat(normalised.calls())
                .containsExactly(
                        new FundingCall(
                                SOURCE,
                                "AAP-2026-INNOV",
                                "AAP-INNOV",
                                "AAP-2026",
                                "Appels à projets 2026",
                                "Appel à projets Innovation & territoires",
                                "FEDER Sud 2021-2027",
                                "Soutien aux projets collaboratifs.\nDeux relèves.",
                                List.of("innovation", "PME"),
                                List.of("feder"),
                                CallKind.GRANT,
                                CallStatus.OPEN,
                                Instant.parse("2026-04-30T22:00:00Z"),
                                List.of(
                                        Instant.parse("2026-09-14T22:00:00Z"),
                                        Instant.parse("2026-11-30T11:00:00Z")),
                                Money.of("1500000", "EUR"),
                                List.of("FR", "FRL"),
                                "Au moins deux entreprises",
                                "https://www.example.org/aap/innov"));
    }

    @Test
    void aBareArrayAndASingleCallAreAcceptedToo() {
        assertThat(adapter.accepts(FeedFiles.json("[]"))).isTrue();
        assertThat(adapter.accepts(FeedFiles.json("{\"calls\": []}"))).isTrue();
        assertThat(adapter.accepts(FeedFiles.json(GOOD))).isTrue();
        assertThat(adapter.accepts(FeedFiles.json("{\"results\": []}"))).isFalse();
        assertThat(adapter.accepts(FeedFiles.json("{\"calls\": {}}"))).isFalse();

        assertThat(adapter.normalise(SOURCE, FeedFiles.json("[" + GOOD + "]")).calls())
                .extracting(FundingCall::reference)
                .containsExactly("AAP-2026-INNOV");
        assertThat(adapter.normalise(SOURCE, FeedFiles.json(GOOD)).calls())
                .extracting(FundingCall::reference)
                .containsExactly("AAP-2026-INNOV");
    }

    @Test
    void rejectsEachBadRecordWithItsReasonWhileTheGoodOnesPass() {
        Normalised normalised =
                adapter.normalise(
                        SOURCE,
                        FeedFiles.json(
                                """
                                {"calls": [
                                  %s,
                                  {"reference": 12345, "title": "Reference as a number"},
                                  {"title": "No reference"},
                                  {"reference": "  ", "title": "Blank reference"},
                                  {"reference": "NO-TITLE"},
                                  {"reference": "SCRIPT-TITLE", "title": "<script>alert('x')</script>"},
                                  {"reference": "KEYWORDS-NUMBER", "title": "t", "keywords": 7},
                                  {"reference": "DEADLINES-OBJECT", "title": "t", "deadlines": [{"date": "2026-09-15"}]},
                                  {"reference": "BAD-DATE", "title": "t", "deadlines": ["2026-09-15", "15/09/2026"]},
                                  {"reference": "BAD-OPENING", "title": "t", "openingDate": 1.5E12},
                                  {"reference": "BUDGET-GROUPED", "title": "t", "budget": {"amount": "1.500.000", "currency": "EUR"}},
                                  {"reference": "BUDGET-CURRENCY", "title": "t", "budget": {"amount": "100", "currency": "XYZ"}},
                                  {"reference": "BUDGET-NEGATIVE", "title": "t", "budget": {"amount": -1, "currency": "EUR"}},
                                  {"reference": "BUDGET-NO-CURRENCY", "title": "t", "budget": {"amount": "100"}},
                                  {"reference": "BUDGET-TEXT", "title": "t", "budget": "1000 EUR"},
                                  {"reference": "BAD-STATUS", "title": "t", "status": "ACTIVE"},
                                  {"reference": "BAD-KIND", "title": "t", "kind": "LOAN"},
                                  {"reference": "BAD-URL", "title": "t", "url": "javascript:alert(1)"},
                                  42,
                                  {"reference": "AAP-2026-INNOV", "title": "The same reference again"},
                                  {"reference": "%s", "title": "Too long a reference"},
                                  {"reference": "MINIMAL", "title": "Only what is required"}
                                ]}\
                                """
                                        .formatted(GOOD, "R".repeat(501))));

        assertThat(normalised.calls())
                .extracting(FundingCall::reference)
                .containsExactly("AAP-2026-INNOV", "MINIMAL");
        assertThat(normalised.rejections())
                .extracting(Rejection::index, Rejection::reference, Rejection::reason)
                .containsExactly(
                        tuple(1, "12345", Reason.WRONG_TYPE),
                        tuple(2, null, Reason.MISSING_REFERENCE),
                        tuple(3, null, Reason.MISSING_REFERENCE),
                        tuple(4, "NO-TITLE", Reason.MISSING_TITLE),
                        tuple(5, "SCRIPT-TITLE", Reason.MISSING_TITLE),
                        tuple(6, "KEYWORDS-NUMBER", Reason.WRONG_TYPE),
                        tuple(7, "DEADLINES-OBJECT", Reason.WRONG_TYPE),
                        tuple(8, "BAD-DATE", Reason.INVALID_DATE),
                        tuple(9, "BAD-OPENING", Reason.INVALID_DATE),
                        tuple(10, "BUDGET-GROUPED", Reason.INVALID_BUDGET),
                        tuple(11, "BUDGET-CURRENCY", Reason.INVALID_BUDGET),
                        tuple(12, "BUDGET-NEGATIVE", Reason.INVALID_BUDGET),
                        tuple(13, "BUDGET-NO-CURRENCY", Reason.INVALID_BUDGET),
                        tuple(14, "BUDGET-TEXT", Reason.WRONG_TYPE),
                        tuple(15, "BAD-STATUS", Reason.INVALID_STATUS),
                        tuple(16, "BAD-KIND", Reason.INVALID_KIND),
                        tuple(17, "BAD-URL", Reason.INVALID_URL),
                        tuple(18, null, Reason.WRONG_TYPE),
                        tuple(19, "AAP-2026-INNOV", Reason.DUPLICATE_REFERENCE),
                        tuple(20, "R".repeat(499) + "\u2026", Reason.INVALID_REFERENCE));
        assertThat(normalised.rejections())
                .extracting(Rejection::message)
                .contains(
                        "reference: expected a string, got a number",
                        "keywords: expected an array of strings, got a number",
                        "deadlines[0]: expected a date (string or epoch milliseconds), got an"
                                + " object",
                        "deadlines[1]: '15/09/2026' is not a date (ISO-8601 date-time with offset,"
                                + " date, or epoch milliseconds)",
                        "budget: not an ISO 4217 currency code: XYZ",
                        "budget: an amount without a currency",
                        "budget: expected an object {amount, currency}, got a string",
                        "call: expected an object, got a number");
        assertThat(normalised.calls().get(1))
                .satisfies(
                        minimal -> {
                            assertThat(minimal.kind()).isEqualTo(CallKind.GRANT);
                            assertThat(minimal.status()).isEqualTo(CallStatus.OPEN);
                            assertThat(minimal.description()).isEmpty();
                            assertThat(minimal.deadlines()).isEmpty();
                            assertThat(minimal.budget()).isNull();
                        });
    }

    @Test
    void htmlAndScriptsInEveryTextFieldComeOutAsPlainText() {
        FundingCall call =
                adapter.normalise(
                                SOURCE,
                                FeedFiles.json(
                                        """
                                        [{"reference": "HTML-1",
                                          "title": "<h1>Appel <b>Santé</b> &amp; <i>numérique</i></h1><script>steal()</script>",
                                          "callTitle": "<em>Vague</em>&nbsp;1",
                                          "programme": "<span onclick=\\"x()\\">FEDER</span>",
                                          "description": "<p>Premier paragraphe<script type=\\"text/javascript\\">document.write('<p>injected</p>')</script></p><style>p { color: red }</style><!-- hidden --><p>Second &lt;script&gt;alert(1)&lt;/script&gt;paragraphe</p><iframe src=\\"https://evil.example\\">frame text</iframe>",
                                          "keywords": ["<b>santé</b>", "<script>x()</script>"],
                                          "partnershipRequirement": "<ul><li>Deux PME</li><li>Un laboratoire</li></ul>"}]\
                                        """))
                        .calls()
                        .getFirst();

        assertThat(call.title()).isEqualTo("Appel Santé & numérique");
        assertThat(call.callTitle()).isEqualTo("Vague 1");
        assertThat(call.programme()).isEqualTo("FEDER");
        assertThat(call.description()).isEqualTo("Premier paragraphe\nSecond paragraphe");
        assertThat(call.keywords()).containsExactly("santé");
        assertThat(call.partnershipRequirement()).isEqualTo("Deux PME\nUn laboratoire");
        assertThat(
                        List.of(
                                call.title(),
                                call.callTitle(),
                                call.programme(),
                                call.description(),
                                call.partnershipRequirement()))
                .allSatisfy(
                        text ->
                                assertThat(text)
                                        .doesNotContain(
                                                "<",
                                                ">",
                                                "script",
                                                "injected",
                                                "steal",
                                                "color",
                                                "hidden",
                                                "evil",
                                                "frame text"));
    }

    @Test
    void acceptsTheOddDateFormatsAndRejectsTheOthers() {
        Normalised normalised =
                adapter.normalise(
                        SOURCE,
                        FeedFiles.json(
                                """
                                [{"reference": "DATES", "title": "t", "openingDate": 1777593600000,
                                  "deadlines": ["2026-09-15T17:00:00.000+0200", "2026-09-15T15:00:00Z", "2026-10-01",
                                                "1792170000000", 1794848400000, "2026-12-01T12:00:00", null, ""],
                                  "deadline": "2027-01-15T12:00+01"},
                                 {"reference": "DAY-FIRST", "title": "t", "openingDate": "01.05.2026"},
                                 {"reference": "SECONDS", "title": "t", "deadlines": [1789491600]},
                                 {"reference": "NO-ZONE-NAME", "title": "t", "deadlines": ["2026-09-15T17:00:00 CEST"]},
                                 {"reference": "BOOLEAN", "title": "t", "openingDate": true}]\
                                """));

        assertThat(normalised.calls())
                .singleElement()
                .satisfies(
                        call -> {
                            assertThat(call.openingDate())
                                    .isEqualTo(Instant.parse("2026-05-01T00:00:00Z"));
                            assertThat(call.deadlines())
                                    .containsExactly(
                                            Instant.parse("2026-09-15T15:00:00Z"),
                                            Instant.parse("2026-09-30T22:00:00Z"),
                                            Instant.parse("2026-10-16T17:00:00Z"),
                                            Instant.parse("2026-11-16T17:00:00Z"),
                                            Instant.parse("2026-12-01T11:00:00Z"),
                                            Instant.parse("2027-01-15T11:00:00Z"));
                        });
        assertThat(normalised.rejections())
                .extracting(Rejection::reference, Rejection::reason, Rejection::message)
                .containsExactly(
                        tuple(
                                "DAY-FIRST",
                                Reason.INVALID_DATE,
                                "openingDate: '01.05.2026' is not a date (ISO-8601 date-time with"
                                        + " offset, date, or epoch milliseconds)"),
                        tuple(
                                "SECONDS",
                                Reason.INVALID_DATE,
                                "deadlines[0]: '1789491600' is out of range (1990 to 2199)"),
                        tuple(
                                "NO-ZONE-NAME",
                                Reason.INVALID_DATE,
                                "deadlines[0]: '2026-09-15T17:00:00 CEST' is not a date (ISO-8601"
                                        + " date-time with offset, date, or epoch milliseconds)"),
                        tuple(
                                "BOOLEAN",
                                Reason.WRONG_TYPE,
                                "openingDate: expected a date (string or epoch milliseconds), got a"
                                        + " boolean"));
    }

    @Test
    void aMissingStatusIsWorkedOutFromTheDates() {
        Normalised normalised =
                adapter.normalise(
                        SOURCE,
                        FeedFiles.json(
                                """
                                [{"reference": "LATER", "title": "t", "openingDate": "2026-07-01", "deadlines": ["2026-10-01"]},
                                 {"reference": "RUNNING", "title": "t", "openingDate": "2026-05-01", "deadlines": ["2026-05-15", "2026-10-01"]},
                                 {"reference": "OVER", "title": "t", "openingDate": "2026-01-01", "deadlines": ["2026-05-15"]},
                                 {"reference": "SAID", "title": "t", "status": "Forthcoming", "deadlines": ["2026-05-15"]}]\
                                """));

        assertThat(normalised.calls())
                .extracting(FundingCall::reference, FundingCall::status)
                .containsExactly(
                        tuple("LATER", CallStatus.FORTHCOMING), tuple("RUNNING", CallStatus.OPEN),
                        tuple("OVER", CallStatus.CLOSED), tuple("SAID", CallStatus.FORTHCOMING));
    }

    @Test
    void amountsAreExactWhetherStringOrNumber() {
        Normalised normalised =
                adapter.normalise(
                        SOURCE,
                        FeedFiles.json(
                                """
                                [{"reference": "S", "title": "t", "budget": {"amount": "1234567.891", "currency": "EUR"}},
                                 {"reference": "N", "title": "t", "budget": {"amount": 1234567.891, "currency": "PLN"}},
                                 {"reference": "I", "title": "t", "budget": {"amount": 2000000, "currency": "SEK"}}]\
                                """));

        assertThat(normalised.calls())
                .extracting(FundingCall::budget)
                .containsExactly(
                        Money.of("1234567.891", "EUR"),
                        Money.of("1234567.891", "PLN"),
                        Money.of("2000000", "SEK"));
        assertThat(normalised.calls().get(2).budget().amount().toPlainString())
                .isEqualTo("2000000");
    }
}
