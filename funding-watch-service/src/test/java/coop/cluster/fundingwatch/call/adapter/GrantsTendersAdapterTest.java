package coop.cluster.fundingwatch.call.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import coop.cluster.fundingwatch.call.domain.CallKind;
import coop.cluster.fundingwatch.call.domain.CallStatus;
import coop.cluster.fundingwatch.call.domain.FundingCall;
import coop.cluster.fundingwatch.call.domain.Normalised;
import coop.cluster.fundingwatch.call.domain.Rejection;
import coop.cluster.fundingwatch.call.domain.Rejection.Reason;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class GrantsTendersAdapterTest {

    private static final String SOURCE = "eu-ft-portal";

    private final GrantsTendersAdapter adapter = new GrantsTendersAdapter();

    @Test
    void readsTheRealGrantWithItsFiveCutOffs() {
        JsonNode root = FeedFiles.read("eu-ft-grants-tenders.json");
        assertThat(adapter.accepts(root)).isTrue();

        Normalised normalised = adapter.normalise(SOURCE, root);

        assertThat(normalised.rejections()).isEmpty();
        FundingCall grant = normalised.calls().get(0);
        assertThat(grant)
                .usingRecursiveComparison()
                .ignoringFields("description")
                .isEqualTo(
                        new FundingCall(
                                SOURCE,
                                "ERASMUS-EDU-2022-ECHE-CERT-FP",
                                "ERASMUS-EDU-2022-ECHE-CERT-FP",
                                "ERASMUS-EDU-2022-ECHE-CERT",
                                "Erasmus Charter for Higher Education 2022",
                                "Erasmus Charter for Higher Education",
                                "Erasmus+ (ERASMUS+)",
                                "",
                                List.of(),
                                List.of(
                                        "Accreditation",
                                        "Carta Erasmus",
                                        "Certification",
                                        "Charte",
                                        "ECHE",
                                        "Erasmus Charter"),
                                CallKind.GRANT,
                                CallStatus.OPEN,
                                Instant.parse("2022-02-23T00:00:00Z"),
                                List.of(
                                        Instant.parse("2022-05-03T00:00:00Z"),
                                        Instant.parse("2023-01-26T00:00:00Z"),
                                        Instant.parse("2024-01-25T00:00:00Z"),
                                        Instant.parse("2025-01-28T00:00:00Z"),
                                        Instant.parse("2026-03-24T00:00:00Z")),
                                null,
                                List.of(),
                                null,
                                "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/topic-details/"
                                    + "ERASMUS-EDU-2022-ECHE-CERT-FP"));
        assertThat(grant.id()).isEqualTo(FundingCall.idOf(SOURCE, "ERASMUS-EDU-2022-ECHE-CERT-FP"));
    }

    @Test
    void theGrantsHtmlNewsBecomePlainTextParagraphs() {
        String description =
                adapter.normalise(SOURCE, FeedFiles.read("eu-ft-grants-tenders.json"))
                        .calls()
                        .get(0)
                        .description();

        assertThat(description)
                .startsWith(
                        """
                        Proposals Numbers
                        Call ERASMUS-EDU-2022-ECHE-CERT, the last cut off closed on the 24/03/2026 17:00.
                        559 proposals have been submitted.
                        Evaluation results are expected to be communicated at the end of September 2026.
                        Call Update – Erasmus Charter for Higher Education (ECHE)
                        The call text has been updated to reflect the following changes:
                        -Postponement of cut off deadline from 27/01/2026 to 24/03/2026.
                        """)
                .contains("\n· The final cut-off date of 26 January 2027 has been removed.\n")
                .contains("\nNumber of above-threshold proposals\n289\n")
                .contains("is available here\n")
                .endsWith(
                        "\n"
                                + "The submission session is now available for:"
                                + " ERASMUS-EDU-2022-ECHE-CERT-FP(ERASMUS-CERT)")
                .doesNotContain("<", ">", "&#", "&nbsp;", "\u00A0", "quill-better-table", "  ")
                .hasSizeLessThan(FundingCall.MAX_DESCRIPTION);
    }

    @Test
    void readsTheRealTenderWithItsEtenderingIdAsReference() {
        FundingCall tender =
                adapter.normalise(SOURCE, FeedFiles.read("eu-ft-grants-tenders.json"))
                        .calls()
                        .get(1);

        assertThat(tender)
                .isEqualTo(
                        new FundingCall(
                                        SOURCE,
                                        "15380",
                                        "NEAR/BEG/2023/EA-RP/0169",
                                        null,
                                        null,
                                        "Strengthening the capacities of the National institutions"
                                            + " in environmental sector for infrastructure projects"
                                            + " management",
                                        null,
                                        "Contract shall provide technical support to the IPA units"
                                            + " of the Ministry of Environmental Protection (MEP)"
                                            + " and Ministry of Agriculture, Forestry and Water"
                                            + " Management (MAFWM) as well as to end recipients of"
                                            + " the projects (e.g. Local Self-Government Units and"
                                            + " their Public Utility Companies, regional companies,"
                                            + " Public Water Management Companies) to successfully"
                                            + " perform their respective roles in indirect"
                                            + " management of EU funded projects, regarding to"
                                            + " preparation and implementation of investment"
                                            + " projects in the environmental protection sector.",
                                        List.of(),
                                        List.of(),
                                        CallKind.TENDER,
                                        CallStatus.OPEN,
                                        Instant.parse("2023-10-16T00:00:00Z"),
                                        List.of(),
                                        null,
                                        List.of(),
                                        null,
                                        "https://etendering.ted.europa.eu/cft/cft-display.html?cftId=15380")
                                // acceptance testing: the real tender's contracting authority and
                                // places of delivery were dropped
                                .withContracting("DGNEAR", List.of("RS")));
        assertThat(tender.eligibleCountries())
                .as("where the work is done is not who may bid")
                .isEmpty();
    }

    @Test
    void aTenderWithoutCftIdFallsBackToItsUuidAndStatusMayComeByName() {
        Normalised normalised =
                adapter.normalise(
                        SOURCE,
                        FeedFiles.json(
                                """
                                {"fundingData": {"GrantTenderObj": [
                                  {"type": 0, "cftId": 0, "uuid": "ce14c960-3e09-475c-b16d-99f43525fba3", "identifier": "X/1",
                                   "title": "A tender", "status": {"abbreviation": "Closed"}, "deadlineDatesLong": ["1774310400000"],
                                   "url": "https://etendering.ted.europa.eu/cft/cft-display.html?cftId=1"}
                                ]}}\
                                """));

        assertThat(normalised.calls())
                .singleElement()
                .satisfies(
                        call -> {
                            assertThat(call.reference())
                                    .isEqualTo("ce14c960-3e09-475c-b16d-99f43525fba3");
                            assertThat(call.status()).isEqualTo(CallStatus.CLOSED);
                            assertThat(call.deadlines())
                                    .containsExactly(Instant.parse("2026-03-24T00:00:00Z"));
                            assertThat(call.openingDate()).isNull();
                        });
    }

    @Test
    void rejectsBrokenRecordsOneByOne() {
        Normalised normalised =
                adapter.normalise(
                        SOURCE,
                        FeedFiles.json(
                                """
                                {"fundingData": {"GrantTenderObj": [
                                  {"type": 1, "identifier": "GOOD-1", "title": "Good", "status": {"id": 31094501}},
                                  {"type": 1, "identifier": "BAD-DATE", "title": "Bad", "status": {"id": 31094502},
                                   "deadlineDatesLong": [1.5]},
                                  {"type": 1, "identifier": "BAD-STATUS", "title": "Bad", "status": {"id": 42}},
                                  {"type": 5, "identifier": "BAD-TYPE", "title": "Bad", "status": {"id": 31094502}},
                                  {"type": 1, "title": "No identifier", "status": {"id": 31094502}},
                                  {"type": 1, "identifier": "NO-TITLE", "status": {"id": 31094502}},
                                  {"type": 1, "identifier": "WRONG-TAGS", "title": "Bad", "status": {"id": 31094502}, "tags": "x",
                                   "keywords": [{"k": 1}]},
                                  "not an object"
                                ]}}\
                                """));

        assertThat(normalised.calls())
                .extracting(FundingCall::reference, FundingCall::status)
                .containsExactly(tuple("GOOD-1", CallStatus.FORTHCOMING));
        assertThat(normalised.rejections())
                .extracting(Rejection::index, Rejection::reason)
                .containsExactly(
                        tuple(1, Reason.INVALID_DATE),
                        tuple(2, Reason.INVALID_STATUS),
                        tuple(3, Reason.INVALID_KIND),
                        tuple(4, Reason.MISSING_REFERENCE),
                        tuple(5, Reason.MISSING_TITLE),
                        tuple(6, Reason.WRONG_TYPE),
                        tuple(7, Reason.WRONG_TYPE));
        assertThat(normalised.rejections().get(0).reference()).isEqualTo("BAD-DATE");
        assertThat(normalised.rejections().get(5).message())
                .isEqualTo("keywords[0]: expected a string, got an object");
    }
}
