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
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SearchApiAdapterTest {

    private static final String SOURCE = "eu-ft-portal";
    private static final String TOPIC =
            "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/"
                    + "opportunities/topic-details/";
    private static final String HORIZON = "Horizon Europe (HORIZON)";

    private final SearchApiAdapter adapter = new SearchApiAdapter();

    @Test
    void readsEveryRealSearchApiRecordExactly() {
        JsonNode root = FeedFiles.read("eu-ft-search-api.json");
        assertThat(adapter.accepts(root)).isTrue();

        Normalised normalised = adapter.normalise(SOURCE, root);

        assertThat(normalised.rejections()).isEmpty();
        String built4People =
                "Advanced data platforms to integrate whole life carbon in building information"
                        + " tools, assessments, and certification (Built4People Partnership)";
        String heat = "Full-scale demonstration of heat upgrade solutions in industrial processes";
        String ssbd = "SSbD bio-based alternatives for fertilising and/or crop protection products";
        String films = "Films and coatings for circular packaging";
        assertThat(normalised.calls())
                .containsExactly(
                        topic(
                                "50130830TOPICSen",
                                "HORIZON-CL5-2026-09-D4-03",
                                "HORIZON-CL5-2026-09",
                                "BATTERIES and ENERGY",
                                built4People,
                                "2026-05-05T00:00:00Z",
                                "2026-09-15T00:00:00Z"),
                        topic(
                                "50130252TOPICSen",
                                "HORIZON-CL5-2026-09-D4-08",
                                "HORIZON-CL5-2026-09",
                                "BATTERIES and ENERGY",
                                heat,
                                "2026-05-05T00:00:00Z",
                                "2026-09-15T00:00:00Z"),
                        topic(
                                "51176725TOPICSen",
                                "HORIZON-JU-CBE-2026-IAFlag-02",
                                "HORIZON-JU-CBE-2026",
                                "HORIZON-JU-CBE-2026",
                                ssbd,
                                "2026-04-23T00:00:00Z",
                                "2026-09-22T00:00:00Z"),
                        topic(
                                "51176647TOPICSen",
                                "HORIZON-JU-CBE-2026-IA-05",
                                "HORIZON-JU-CBE-2026",
                                "HORIZON-JU-CBE-2026",
                                films,
                                "2026-04-23T00:00:00Z",
                                "2026-09-22T00:00:00Z"));
        assertThat(normalised.calls())
                .allSatisfy(
                        call -> {
                            assertThat(call.description())
                                    .isEqualTo(call.title())
                                    .doesNotContain("<");
                            assertThat(call.budget()).isNull();
                            assertThat(call.keywords()).isEmpty();
                            assertThat(call.tags()).isEmpty();
                        });
    }

    /**
     * A Horizon topic of the real sample: the summary is its only text, so it is the description
     * too.
     */
    private static FundingCall topic(
            String reference,
            String identifier,
            String callIdentifier,
            String callTitle,
            String title,
            String opening,
            String deadline) {
        return new FundingCall(
                SOURCE,
                reference,
                identifier,
                callIdentifier,
                callTitle,
                title,
                HORIZON,
                title,
                List.of(),
                List.of(),
                CallKind.GRANT,
                CallStatus.OPEN,
                Instant.parse(opening),
                List.of(Instant.parse(deadline)),
                null,
                List.of(),
                null,
                TOPIC + identifier);
    }

    @Test
    void twoCascadeCallsSharingAnIdentifierAreTwoCalls() {
        Normalised normalised =
                adapter.normalise(SOURCE, FeedFiles.read("search-api-constructed.json"));

        FundingCall first = call(normalised, "TEST-CASCADE-0001");
        FundingCall second = call(normalised, "TEST-CASCADE-0002");
        assertThat(first.identifier())
                .isEqualTo("GREENROBOTS-OC-2026")
                .isEqualTo(second.identifier());
        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(first)
                .isEqualTo(
                        new FundingCall(
                                SOURCE,
                                "TEST-CASCADE-0001",
                                "GREENROBOTS-OC-2026",
                                null,
                                null,
                                "GreenRobots open call 1: robotics pilots for SMEs",
                                null,
                                "Up to 60 000 EUR per SME.\nApply & win.",
                                List.of("robotics", "SME"),
                                List.of("cascade"),
                                CallKind.CASCADE,
                                CallStatus.OPEN,
                                Instant.parse("2026-03-01T00:00:00Z"),
                                List.of(
                                        Instant.parse("2026-06-30T15:00:00Z"),
                                        Instant.parse("2026-10-30T15:00:00Z")),
                                Money.of("60000", "EUR"),
                                List.of(),
                                null,
                                "https://example.org/open-calls/greenrobots-oc1"));
        assertThat(second)
                .isEqualTo(
                        new FundingCall(
                                SOURCE,
                                "TEST-CASCADE-0002",
                                "GREENROBOTS-OC-2026",
                                null,
                                null,
                                "GreenRobots open call 2: training",
                                null,
                                "GreenRobots open call 2: training",
                                List.of(),
                                List.of(),
                                CallKind.CASCADE,
                                CallStatus.FORTHCOMING,
                                Instant.parse("2026-12-01T08:00:00Z"),
                                List.of(
                                        Instant.parse("2027-02-15T16:00:00Z"),
                                        Instant.parse("2027-05-15T15:00:00Z")),
                                Money.of("150000.5", "EUR"),
                                List.of(),
                                null,
                                "https://example.org/open-calls/greenrobots-oc2"));
    }

    /**
     * Acceptance testing: two cascade calls of {@code DIGITAL-2023-SKILLS-05-SPECIALEDU} ("METU
     * Internships Offer", "Gnomon Internships Offer") came out with the same title and URL, the EU
     * topic's, and without their project. Records built in the portal's shape (the exact ones are
     * not among the real samples).
     */
    @Test
    void cascadeCallsOfOneTopicAreEachShownByTheirOwnCallTitlePageBudgetAndProject() {
        Normalised normalised =
                adapter.normalise(SOURCE, FeedFiles.read("search-api-cascade-calls.json"));

        assertThat(normalised.rejections()).isEmpty();
        FundingCall metu = call(normalised, "TEST-COMPETITIVE-CALL-7301");
        FundingCall gnomon = call(normalised, "TEST-COMPETITIVE-CALL-7302");
        String topicTitle = "Specialised education programmes in key capacity areas";
        assertThat(metu)
                .isEqualTo(
                        new FundingCall(
                                        SOURCE,
                                        "TEST-COMPETITIVE-CALL-7301",
                                        "DIGITAL-2023-SKILLS-05-SPECIALEDU",
                                        null,
                                        topicTitle,
                                        "METU Internships Offer",
                                        "Digital Europe Programme (DIGITAL)",
                                        "Paid internships of three to six months in the METU"
                                            + " clean-room and design laboratories for students of"
                                            + " the programme.",
                                        List.of(),
                                        List.of(),
                                        CallKind.CASCADE,
                                        CallStatus.OPEN,
                                        Instant.parse("2026-11-02T00:00:00Z"),
                                        List.of(Instant.parse("2027-03-31T15:00:00Z")),
                                        Money.of("24000", "EUR"),
                                        List.of(),
                                        null,
                                        SearchApiAdapter.COMPETITIVE_CALL_PAGE + "7301")
                                .withProject(
                                        "European Master programme in Microelectronics and Chip"
                                                + " Design",
                                        "EMCHIP"));
        assertThat(gnomon.title()).isEqualTo("Gnomon Internships Offer");
        assertThat(gnomon.url()).isEqualTo(SearchApiAdapter.COMPETITIVE_CALL_PAGE + "7302");
        assertThat(gnomon.budget()).isEqualTo(Money.of("9600.50", "EUR"));
        assertThat(gnomon.callTitle()).isEqualTo(topicTitle);
        assertThat(gnomon.identifier()).isEqualTo(metu.identifier());
        assertThat(gnomon.projectAcronym()).isEqualTo("EMCHIP");

        FundingCall withdrawn = call(normalised, "TEST-CLOSED-EARLY-0001");
        assertThat(withdrawn.title())
                .as("a topic keeps its own title")
                .isEqualTo("Hydrogen valleys pilot, withdrawn");
        assertThat(withdrawn.url()).isEqualTo("https://example.org/calls/closed-early");
        assertThat(withdrawn.projectName()).isNull();
    }

    @Test
    void aCallForProposalsIsAGrantAndAnUnknownProgrammeCodeIsKept() {
        Normalised normalised =
                adapter.normalise(SOURCE, FeedFiles.read("search-api-constructed.json"));

        assertThat(call(normalised, "TEST-CFP-0001"))
                .isEqualTo(
                        new FundingCall(
                                SOURCE,
                                "TEST-CFP-0001",
                                "TEST-CFP-2025",
                                "TEST-CFP-2025",
                                "Pilot call",
                                "Pilot call for proposals & networks",
                                "99999999",
                                "Pilot call for proposals & networks",
                                List.of(),
                                List.of(),
                                CallKind.GRANT,
                                CallStatus.CLOSED,
                                Instant.parse("2025-01-10T00:00:00Z"),
                                List.of(Instant.parse("2025-04-10T17:00:00Z")),
                                null,
                                List.of(),
                                null,
                                "https://example.org/calls/test-cfp-2025"));
    }

    @Test
    void eachBrokenRecordIsRejectedWithItsReasonAndTheOthersGoThrough() {
        Normalised normalised =
                adapter.normalise(SOURCE, FeedFiles.read("search-api-constructed.json"));

        assertThat(normalised.calls())
                .extracting(FundingCall::reference)
                .containsExactly("TEST-CASCADE-0001", "TEST-CASCADE-0002", "TEST-CFP-0001");
        assertThat(normalised.rejections())
                .extracting(Rejection::index, Rejection::reference, Rejection::reason)
                .containsExactly(
                        tuple(3, "TEST-BAD-DATE", Reason.INVALID_DATE),
                        tuple(4, null, Reason.MISSING_REFERENCE),
                        tuple(5, "TEST-WRONG-TYPE", Reason.WRONG_TYPE),
                        tuple(6, "TEST-BAD-STATUS", Reason.INVALID_STATUS),
                        tuple(7, "TEST-BAD-BUDGET", Reason.INVALID_BUDGET),
                        tuple(8, "TEST-CASCADE-0001", Reason.DUPLICATE_REFERENCE));
        assertThat(normalised.rejections().get(0).message())
                .isEqualTo(
                        "metadata.deadlineDate[0]: '15/09/2026' is not a date "
                                + "(ISO-8601 date-time with offset, date, or epoch milliseconds)");
        assertThat(normalised.rejections().get(2).message())
                .isEqualTo("metadata.title: expected an array of strings, got a number");
        assertThat(normalised.records()).isEqualTo(9);
    }

    @Test
    void toleratesMissingMetadataAndEmptyArraysButNotAMissingType() {
        Normalised normalised =
                adapter.normalise(
                        SOURCE,
                        FeedFiles.json(
                                """
                                {"results": [
                                  {"reference": "R1", "summary": "Only a summary",
                                   "metadata": {"type": ["1"], "status": ["31094502"], "title": [], "deadlineDate": [],
                                                "keywords": [], "identifier": [""]}},
                                  {"reference": "R2", "summary": "No metadata at all"}
                                ]}\
                                """));

        assertThat(normalised.calls())
                .singleElement()
                .satisfies(
                        call -> {
                            assertThat(call.title()).isEqualTo("Only a summary");
                            assertThat(call.identifier()).isNull();
                            assertThat(call.deadlines()).isEmpty();
                            assertThat(call.openingDate()).isNull();
                            assertThat(call.url()).isNull();
                        });
        assertThat(normalised.rejections())
                .singleElement()
                .extracting(Rejection::reference, Rejection::reason, Rejection::message)
                .containsExactly("R2", Reason.INVALID_KIND, "metadata.type is missing");
    }

    private static FundingCall call(Normalised normalised, String reference) {
        return normalised.calls().stream()
                .filter(c -> c.reference().equals(reference))
                .findFirst()
                .orElseThrow();
    }
}
