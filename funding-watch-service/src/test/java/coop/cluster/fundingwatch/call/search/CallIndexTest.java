package coop.cluster.fundingwatch.call.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cluster.fundingwatch.call.domain.CallKind;
import coop.cluster.fundingwatch.call.domain.CallStatus;
import coop.cluster.fundingwatch.call.domain.CloseReason;
import coop.cluster.fundingwatch.call.domain.FundingCall;
import coop.cluster.fundingwatch.call.domain.TrackedCall;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The call index on its own: stemming in English and French, filters, deadline ranges, ordering,
 * pages.
 */
class CallIndexTest {

    private static final Instant NOW = Instant.parse("2026-05-01T08:00:00Z");
    private static final Instant JUNE = Instant.parse("2026-06-30T15:00:00Z");
    private static final Instant SEPTEMBER = Instant.parse("2026-09-15T15:00:00Z");
    private static final Instant NOVEMBER = Instant.parse("2026-11-30T12:00:00Z");
    private static final Instant MARCH = Instant.parse("2026-03-24T00:00:00Z");

    private final CallIndex index = new CallIndex(Clock.fixed(NOW, ZoneOffset.UTC));

    /** Robots, English, Horizon, two cut-offs (June, November). */
    private final TrackedCall robots =
            tracked(
                    call(
                            "ROBOTS",
                            "Collaborative robots for manufacturing",
                            "Horizon Europe (HORIZON)",
                            "Industrial robots working with people.",
                            List.of("robotics"),
                            CallKind.GRANT,
                            List.of(JUNE, NOVEMBER)),
                    CallStatus.OPEN,
                    3L);

    /** Innovation, French, FEDER, September. */
    private final TrackedCall numerique =
            tracked(
                    call(
                            "AAP-NUM",
                            "Appel à projets innovation numérique",
                            "FEDER Sud 2021-2027",
                            "Soutien aux transitions numériques des PME.",
                            List.of("numérique"),
                            CallKind.GRANT,
                            List.of(SEPTEMBER)),
                    CallStatus.OPEN,
                    0L);

    /** A tender, forthcoming, Horizon, September. */
    private final TrackedCall tender =
            tracked(
                    call(
                            "TENDER-1",
                            "Evaluation of innovations in health",
                            "Horizon Europe (HORIZON)",
                            "Services to evaluate innovations.",
                            List.of(),
                            CallKind.TENDER,
                            List.of(SEPTEMBER.plusSeconds(3600))),
                    CallStatus.FORTHCOMING,
                    1L);

    /** Closed (its only cut-off passed in March), Erasmus. */
    private final TrackedCall closed =
            new TrackedCall(
                    call(
                            "ERASMUS",
                            "Erasmus Charter for Higher Education",
                            "Erasmus+ (ERASMUS+)",
                            "Accreditation of universities.",
                            List.of("Accreditation"),
                            CallKind.GRANT,
                            List.of(MARCH)),
                    CallStatus.CLOSED,
                    NOW,
                    NOW,
                    MARCH,
                    CloseReason.DEADLINE_PASSED,
                    2L);

    /** No deadline at all, cascade. */
    private final TrackedCall endless =
            tracked(
                    call(
                            "ENDLESS",
                            "Open call for digital innovation hubs",
                            "Digital Europe",
                            "Cascade funding for SMEs.",
                            List.of(),
                            CallKind.CASCADE,
                            List.of()),
                    CallStatus.OPEN,
                    0L);

    @AfterEach
    void close() throws Exception {
        index.close();
    }

    @Test
    void englishWordsAreFoundByTheirStem() {
        index.apply(List.of(robots, numerique, tender, closed, endless));

        assertThat(ids(search(CallQuery.all().withText("robot")))).containsExactly(robots.id());
        assertThat(ids(search(CallQuery.all().withText("ROBOTS")))).containsExactly(robots.id());
        assertThat(ids(search(CallQuery.all().withText("manufacture"))))
                .containsExactly(robots.id());
        // "innovations" finds "innovation" (and the other way round), whatever the language of the
        // call
        assertThat(ids(search(CallQuery.all().withText("innovations"))))
                .containsExactlyInAnyOrder(numerique.id(), tender.id(), endless.id());
        assertThat(ids(search(CallQuery.all().withText("innovation"))))
                .containsExactlyInAnyOrder(numerique.id(), tender.id(), endless.id());
        assertThat(search(CallQuery.all().withText("submarine")).total()).isZero();
    }

    @Test
    void frenchWordsAreFoundByTheirStemWithOrWithoutAccents() {
        index.apply(List.of(robots, numerique, tender, closed, endless));

        assertThat(ids(search(CallQuery.all().withText("numériques"))))
                .containsExactly(numerique.id());
        assertThat(ids(search(CallQuery.all().withText("numerique"))))
                .containsExactly(numerique.id());
        assertThat(ids(search(CallQuery.all().withText("transition"))))
                .containsExactly(numerique.id());
        assertThat(ids(search(CallQuery.all().withText("l'appel"))))
                .containsExactly(numerique.id());
    }

    @Test
    void allWordsMustMatchButAnyKeywordIsEnough() {
        index.apply(List.of(robots, numerique, tender, closed, endless));

        assertThat(ids(search(CallQuery.all().withText("robots health")))).isEmpty();
        CallQuery any =
                CallQuery.all()
                        .withKeywords(List.of("robots", "health", "artificial intelligence"));
        assertThat(ids(search(any))).containsExactlyInAnyOrder(robots.id(), tender.id());
        // stop words alone find nothing rather than everything
        assertThat(search(CallQuery.all().withText("the of")).total()).isZero();
    }

    @Test
    void identifiersProgrammeKeywordsAndTagsAreSearched() {
        index.apply(List.of(robots, numerique, tender, closed, endless));

        assertThat(ids(search(CallQuery.all().withText("ID-ERASMUS"))))
                .first()
                .isEqualTo(closed.id());
        assertThat(ids(search(CallQuery.all().withText("CALL-ERASMUS"))))
                .first()
                .isEqualTo(closed.id());
        assertThat(ids(search(CallQuery.all().withText("accreditations"))))
                .containsExactly(closed.id());
        assertThat(ids(search(CallQuery.all().withText("feder")))).containsExactly(numerique.id());
        assertThat(ids(search(CallQuery.all().withText("tagged-robots"))))
                .containsExactly(robots.id());
    }

    @Test
    void filtersOnStatusProgrammeAndKindCombine() {
        index.apply(List.of(robots, numerique, tender, closed, endless));

        assertThat(ids(search(CallQuery.all().withStatuses(Set.of(CallStatus.CLOSED)))))
                .containsExactly(closed.id());
        assertThat(
                        ids(
                                search(
                                        CallQuery.all()
                                                .withStatuses(
                                                        Set.of(
                                                                CallStatus.OPEN,
                                                                CallStatus.FORTHCOMING)))))
                .containsExactlyInAnyOrder(robots.id(), numerique.id(), tender.id(), endless.id());
        assertThat(ids(search(CallQuery.all().withProgrammes(List.of("Horizon Europe (HORIZON)")))))
                .containsExactly(robots.id(), tender.id());
        assertThat(search(CallQuery.all().withProgrammes(List.of("Horizon Europe"))).total())
                .as("programme is exact")
                .isZero();
        assertThat(
                        ids(
                                search(
                                        CallQuery.all()
                                                .withKinds(
                                                        Set.of(
                                                                CallKind.TENDER,
                                                                CallKind.CASCADE)))))
                .containsExactly(tender.id(), endless.id());
        assertThat(
                        ids(
                                search(
                                        CallQuery.all()
                                                .withText("innovation")
                                                .withProgrammes(List.of("Horizon Europe (HORIZON)"))
                                                .withKinds(Set.of(CallKind.TENDER)))))
                .containsExactly(tender.id());
    }

    @Test
    void aDeadlineRangeMatchesACallWhenAnyOfItsCutOffsIsInIt() {
        index.apply(List.of(robots, numerique, tender, closed, endless));

        // only robots' first cut-off is in June
        assertThat(
                        ids(
                                search(
                                        CallQuery.all()
                                                .withDeadlines(
                                                        Instant.parse("2026-06-01T00:00:00Z"),
                                                        Instant.parse("2026-06-30T23:59:59Z")))))
                .containsExactly(robots.id());
        // only its second one is in November
        assertThat(
                        ids(
                                search(
                                        CallQuery.all()
                                                .withDeadlines(
                                                        Instant.parse("2026-11-01T00:00:00Z"),
                                                        null))))
                .containsExactly(robots.id());
        // between its cut-offs: not robots, which has none in the range
        assertThat(
                        ids(
                                search(
                                        CallQuery.all()
                                                .withDeadlines(
                                                        Instant.parse("2026-07-01T00:00:00Z"),
                                                        Instant.parse("2026-10-31T00:00:00Z")))))
                .containsExactly(numerique.id(), tender.id());
        // the bounds are inclusive
        assertThat(ids(search(CallQuery.all().withDeadlines(SEPTEMBER, SEPTEMBER))))
                .containsExactly(numerique.id());
        assertThat(ids(search(CallQuery.all().withDeadlines(null, MARCH))))
                .containsExactly(closed.id());
        assertThatThrownBy(() -> CallQuery.all().withDeadlines(NOVEMBER, JUNE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutTextCallsComeByNextDeadlineThenIdAndThoseWithNoneLeftLast() {
        index.apply(List.of(endless, closed, tender, numerique, robots));

        CallIndex.Result all = search(CallQuery.all());
        assertThat(all.total()).isEqualTo(5);
        assertThat(ids(all))
                .containsExactly(
                        robots.id(),
                        numerique.id(),
                        tender.id(),
                        closed.id().compareTo(endless.id()) < 0 ? closed.id() : endless.id(),
                        closed.id().compareTo(endless.id()) < 0 ? endless.id() : closed.id());
        assertThat(all.hits().getFirst().nextDeadline()).isEqualTo(JUNE);
        assertThat(all.hits().getFirst().score()).isNull();
        assertThat(all.hits())
                .filteredOn(hit -> hit.call().id().equals(closed.id()))
                .singleElement()
                .extracting(CallIndex.Hit::nextDeadline)
                .isNull();
    }

    /**
     * Acceptance testing: a call CLOSED by its source still showed a future {@code nextDeadline}. A
     * closed call has none, whatever cut-offs its source still lists, and comes with the calls that
     * have none left.
     */
    @Test
    void aClosedCallHasNoNextDeadlineEvenWithACutOffStillAhead() {
        TrackedCall withdrawn =
                new TrackedCall(
                        call(
                                "WITHDRAWN",
                                "Hydrogen valleys pilot",
                                "Horizon Europe (HORIZON)",
                                "Withdrawn by its source.",
                                List.of(),
                                CallKind.GRANT,
                                List.of(MARCH, SEPTEMBER)),
                        CallStatus.CLOSED,
                        NOW,
                        NOW,
                        NOW,
                        CloseReason.SOURCE_CLOSED,
                        1L);
        index.apply(List.of(withdrawn, robots, numerique));

        CallIndex.Result all = search(CallQuery.all());
        assertThat(ids(all)).containsExactly(robots.id(), numerique.id(), withdrawn.id());
        assertThat(all.hits().getLast().nextDeadline()).isNull();
        assertThat(search(CallQuery.all().withText("hydrogen")).hits())
                .singleElement()
                .extracting(CallIndex.Hit::nextDeadline)
                .isNull();
    }

    /**
     * Acceptance testing: the two cascade calls that share {@code
     * DIGITAL-2023-SKILLS-05-SPECIALEDU} looked the same in search hits (same title, same URL), and
     * their project's name and acronym were dropped, so {@code q=microelectronics} found nothing.
     * Records in the portal's shape, through the Search API adapter.
     */
    @Test
    void cascadeCallsAreFoundByTheirProjectAndShownByTheirOwnTitleAndPage() throws Exception {
        var normalised =
                new coop.cluster.fundingwatch.call.adapter.SearchApiAdapter()
                        .normalise(
                                "eu-ft-portal",
                                tools.jackson.databind.json.JsonMapper.builder()
                                        .build()
                                        .readTree(
                                                java.nio.file.Files.readString(
                                                        java.nio.file.Path.of(
                                                                "src/test/resources/feeds/search-api-cascade-calls.json"))));
        index.apply(
                normalised.calls().stream()
                        .map(call -> TrackedCall.first(call, NOW).after())
                        .toList());

        for (String q : List.of("microelectronics", "microelectronic", "EMCHIP", "chip design")) {
            CallIndex.Result found = search(CallQuery.all().withText(q));
            assertThat(found.hits())
                    .as(q)
                    .extracting(hit -> hit.call().call().title())
                    .containsExactlyInAnyOrder(
                            "METU Internships Offer", "Gnomon Internships Offer");
            assertThat(found.hits())
                    .as(q)
                    .extracting(hit -> hit.call().call().url())
                    .doesNotHaveDuplicates();
        }
        assertThat(search(CallQuery.all().withText("Gnomon")).hits())
                .singleElement()
                .satisfies(hit -> assertThat(hit.call().call().budget()).hasToString("9600.5 EUR"));
    }

    @Test
    void withTextTheMostRelevantComeFirstThenByNextDeadline() {
        TrackedCall inTitle =
                tracked(
                        call(
                                "T1",
                                "Innovation",
                                "P",
                                "",
                                List.of(),
                                CallKind.GRANT,
                                List.of(NOVEMBER)),
                        CallStatus.OPEN,
                        0L);
        TrackedCall inDescription =
                tracked(
                        call(
                                "T2",
                                "Support",
                                "P",
                                "A long description where innovation is one word among many others"
                                        + " about support.",
                                List.of(),
                                CallKind.GRANT,
                                List.of(JUNE)),
                        CallStatus.OPEN,
                        0L);
        TrackedCall sameAsTitleEarlier =
                tracked(
                        call(
                                "T3",
                                "Innovation",
                                "P",
                                "",
                                List.of(),
                                CallKind.GRANT,
                                List.of(SEPTEMBER)),
                        CallStatus.OPEN,
                        0L);
        index.apply(List.of(inTitle, inDescription, sameAsTitleEarlier));

        CallIndex.Result found = search(CallQuery.all().withText("innovation"));

        assertThat(ids(found))
                .containsExactly(sameAsTitleEarlier.id(), inTitle.id(), inDescription.id());
        assertThat(found.hits()).allSatisfy(hit -> assertThat(hit.score()).isPositive());
        assertThat(found.hits().get(0).score()).isEqualTo(found.hits().get(1).score());
        assertThat(found.hits().get(1).score()).isGreaterThan(found.hits().get(2).score());
    }

    @Test
    void pagesCutTheOrderedHits() {
        index.apply(List.of(robots, numerique, tender, closed, endless));
        List<String> all = ids(search(CallQuery.all()));

        CallIndex.Result first = index.search(CallQuery.all(), 0, 2);
        CallIndex.Result second = index.search(CallQuery.all(), 1, 2);
        CallIndex.Result third = index.search(CallQuery.all(), 2, 2);
        CallIndex.Result beyond = index.search(CallQuery.all(), 3, 2);

        assertThat(ids(first)).containsExactlyElementsOf(all.subList(0, 2));
        assertThat(ids(second)).containsExactlyElementsOf(all.subList(2, 4));
        assertThat(ids(third)).containsExactlyElementsOf(all.subList(4, 5));
        assertThat(beyond.hits()).isEmpty();
        assertThat(List.of(first.total(), second.total(), third.total(), beyond.total()))
                .containsOnly(5L);
        assertThatThrownBy(() -> index.search(CallQuery.all(), -1, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.search(CallQuery.all(), 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void applyingIsIdempotentReplacesAChangedCallAndNeverGoesBackToAnOlderVersion() {
        assertThat(index.apply(List.of(robots, numerique))).isEqualTo(2);
        assertThat(index.apply(List.of(robots, numerique))).isZero();
        assertThat(index.size()).isEqualTo(2);

        TrackedCall renamed =
                tracked(
                        call(
                                "ROBOTS",
                                "Cobots for agriculture",
                                "Horizon Europe (HORIZON)",
                                "Machines in the fields.",
                                List.of(),
                                CallKind.GRANT,
                                List.of(JUNE)),
                        CallStatus.OPEN,
                        4L);
        assertThat(index.apply(List.of(renamed))).isEqualTo(1);
        assertThat(ids(search(CallQuery.all().withText("agriculture"))))
                .containsExactly(robots.id());
        assertThat(search(CallQuery.all().withText("manufacturing")).total()).isZero();

        // the older version read late (a poll's overlap) changes nothing
        assertThat(index.apply(List.of(robots))).isZero();
        assertThat(ids(search(CallQuery.all().withText("agriculture"))))
                .containsExactly(robots.id());
        assertThat(index.size()).isEqualTo(2);

        TrackedCall closing =
                new TrackedCall(
                        renamed.call(),
                        CallStatus.CLOSED,
                        NOW,
                        NOW,
                        JUNE,
                        CloseReason.DEADLINE_PASSED,
                        5L);
        index.apply(List.of(closing));
        assertThat(ids(search(CallQuery.all().withStatuses(Set.of(CallStatus.CLOSED)))))
                .containsExactly(robots.id());
        assertThat(search(CallQuery.all().withStatuses(Set.of(CallStatus.OPEN))).hits())
                .extracting(hit -> hit.call().id())
                .containsExactly(numerique.id());
    }

    private CallIndex.Result search(CallQuery query) {
        return index.search(query, 0, 100);
    }

    private static List<String> ids(CallIndex.Result result) {
        return result.hits().stream().map(hit -> hit.call().id()).toList();
    }

    private static TrackedCall tracked(FundingCall call, CallStatus status, Long version) {
        return new TrackedCall(call, status, NOW, NOW, null, null, version);
    }

    private static FundingCall call(
            String reference,
            String title,
            String programme,
            String description,
            List<String> keywords,
            CallKind kind,
            List<Instant> deadlines) {
        return new FundingCall(
                "test-feed",
                reference,
                "ID-" + reference,
                "CALL-" + reference,
                null,
                title,
                programme,
                description,
                keywords,
                List.of("tagged-" + reference.toLowerCase()),
                kind,
                CallStatus.OPEN,
                null,
                deadlines,
                null,
                List.of(),
                null,
                "https://example.org/" + reference);
    }
}
