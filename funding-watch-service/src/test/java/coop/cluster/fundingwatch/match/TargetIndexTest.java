package coop.cluster.fundingwatch.match;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.fundingwatch.call.domain.CallKind;
import coop.cluster.fundingwatch.call.domain.CallStatus;
import coop.cluster.fundingwatch.call.domain.FundingCall;
import coop.cluster.fundingwatch.profile.GroupProfile;
import coop.cluster.fundingwatch.profile.MemberProfile;
import coop.cluster.fundingwatch.profile.ProjectProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TargetIndexTest {

    private final TargetIndex index = new TargetIndex(MatchLimits.defaults());

    @AfterEach
    void close() {
        index.close();
    }

    static FundingCall call(
            String title, String description, List<String> keywords, List<String> eligible) {
        return new FundingCall(
                "test",
                "ref",
                null,
                null,
                null,
                title,
                "Horizon Europe",
                description,
                keywords,
                List.of(),
                CallKind.GRANT,
                CallStatus.OPEN,
                null,
                List.of(Instant.parse("2027-01-01T00:00:00Z")),
                null,
                eligible,
                null,
                null);
    }

    static Target member(
            String id, String country, List<String> competences, List<String> sectors) {
        return Targets.of(
                        new MemberProfile(
                                id,
                                "ACTIVE",
                                "Org " + id,
                                country,
                                null,
                                sectors,
                                competences,
                                "",
                                Instant.EPOCH))
                .orElseThrow();
    }

    @Test
    void aCompetenceInTheTitleOrKeywordsOutweighsOneInTheDescription() {
        TargetIndex lenient = withMinScore(0);
        lenient.apply(
                List.of(
                        member("a", "BE", List.of("hydrogen storage"), List.of()),
                        member("b", "BE", List.of("Hydrogen Storage systems"), List.of()),
                        member("c", "BE", List.of("wind farms"), List.of())));
        List<Match> matches =
                lenient.match(
                        "call-1",
                        call(
                                "Storage of hydrogen in ports",
                                "Wind turbine systems and hydrogen storage systems are in scope.",
                                List.of(),
                                List.of()));

        assertThat(matches)
                .extracting(m -> m.target().id() + "=" + m.score())
                .containsExactly("a=35", "b=20");
        assertThat(matches.get(0).reasons())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.code()).isEqualTo("competence");
                            assertThat(r.where()).isEqualTo("prominent");
                            assertThat(r.text())
                                    .isEqualTo(
                                            "Competence \"hydrogen storage\" is in the call's title"
                                                    + " or keywords");
                        });
        assertThat(matches.get(1).reasons())
                .singleElement()
                .extracting(Reason::where)
                .isEqualTo("description");
        lenient.close();
    }

    @Test
    void belowTheMinimumScoreIsNoMatch() {
        index.apply(List.of(member("b", "BE", List.of("hydrogen storage systems"), List.of())));
        assertThat(
                        index.match(
                                "c",
                                call("Ports", "hydrogen storage systems", List.of(), List.of())))
                .isEmpty();
    }

    /** What the naive scan finds among {@code index}'s targets. */
    private static List<Match> scan(TargetIndex index, String callId, FundingCall call) {
        try (NaiveScan scan = new NaiveScan(index)) {
            return scan.scan(callId, call);
        }
    }

    private static TargetIndex withMinScore(int minScore) {
        return new TargetIndex(new MatchLimits(minScore, MatchLimits.defaults().perKind()));
    }

    @Test
    void frenchLabelsMatchFrenchCallsThroughTheFrenchStems() {
        index.apply(
                List.of(
                        member(
                                "fr",
                                "FR",
                                List.of("Stockage d'énergie", "mécatronique"),
                                List.of())));
        List<Match> matches =
                index.match(
                        "c",
                        call(
                                "Le stockage des énergies renouvelables",
                                "Projets de mecatronique industrielle",
                                List.of(),
                                List.of()));
        assertThat(matches)
                .singleElement()
                .satisfies(
                        m -> {
                            assertThat(m.score()).isEqualTo(35 + 20);
                            assertThat(m.reasons())
                                    .extracting(Reason::value)
                                    .containsExactly("Stockage d'énergie", "mécatronique");
                        });
    }

    @Test
    void sectorsAreFoundByTheirTellingWords() {
        TargetIndex lenient = withMinScore(10);
        lenient.apply(List.of(member("s", "BE", List.of(), List.of("J62.01"))));
        List<Match> matches =
                lenient.match(
                        "c",
                        call(
                                "Computer programming for public services",
                                "",
                                List.of("communication"),
                                List.of()));
        lenient.close();
        assertThat(matches)
                .singleElement()
                .satisfies(
                        m -> {
                            assertThat(m.score())
                                    .as("communication, computer, programming")
                                    .isEqualTo(3 * 12);
                            assertThat(m.reasons())
                                    .extracting(Reason::text)
                                    .contains(
                                            "Sector \"Information and communication / Information"
                                                    + " et communication\": the call's title or"
                                                    + " keywords say communication");
                        });
    }

    @Test
    void aCallOpenToSomePlacesMatchesOnlyMembersThere() {
        index.apply(
                List.of(
                        member("be", "BE", List.of("robotics"), List.of()),
                        member("fr", "FR", List.of("robotics"), List.of()),
                        Targets.of(
                                        new MemberProfile(
                                                "brussels",
                                                "ACTIVE",
                                                "B",
                                                "BE",
                                                "BE100",
                                                List.of(),
                                                List.of("robotics"),
                                                null,
                                                Instant.EPOCH))
                                .orElseThrow()));

        assertThat(index.match("c", call("Robotics", "", List.of(), List.of("FR"))))
                .singleElement()
                .satisfies(
                        m -> {
                            assertThat(m.target().id()).isEqualTo("fr");
                            assertThat(m.score()).isEqualTo(40);
                            assertThat(m.reasons())
                                    .extracting(Reason::code)
                                    .containsExactly("competence", "eligible-place");
                        });
        assertThat(index.match("c", call("Robotics", "", List.of(), List.of("BE1"))))
                .extracting(m -> m.target().id())
                .containsExactly("brussels");
        assertThat(index.match("c", call("Robotics", "", List.of(), List.of())))
                .extracting(m -> m.target().id())
                .containsExactly("be", "brussels", "fr");
    }

    @Test
    void groupsProjectsAndWatchesAreMatchedEachByTheirOwnRules() {
        index.apply(
                List.of(
                        Targets.of(
                                        new GroupProfile(
                                                "g",
                                                "Batteries",
                                                "",
                                                List.of("battery recycling"),
                                                List.of("m1", "m2"),
                                                Instant.EPOCH))
                                .orElseThrow(),
                        Targets.of(
                                        new ProjectProfile(
                                                "p",
                                                "m1",
                                                "Second life",
                                                "",
                                                "batteries",
                                                List.of("recycling"),
                                                List.of(),
                                                null,
                                                "FORMING",
                                                List.of("m1", "m3"),
                                                Instant.EPOCH))
                                .orElseThrow(),
                        Targets.of(
                                        new ProjectProfile(
                                                "aiming",
                                                "m1",
                                                "Aims",
                                                "",
                                                "unrelated",
                                                List.of(),
                                                List.of(),
                                                "call-9",
                                                "DRAFT",
                                                List.of(),
                                                Instant.EPOCH))
                                .orElseThrow(),
                        new Target(
                                TargetKind.WATCH,
                                "w-kw",
                                "Batteries",
                                List.of("m4"),
                                List.of(new Target.Facet(FacetKind.KEYWORD, "battery")),
                                List.of(),
                                List.of(),
                                List.of(),
                                null),
                        new Target(
                                TargetKind.WATCH,
                                "w-life",
                                "LIFE only",
                                List.of("m4"),
                                List.of(),
                                List.of(),
                                List.of("life"),
                                List.of(),
                                null),
                        new Target(
                                TargetKind.WATCH,
                                "w-horizon",
                                "Horizon grants",
                                List.of("m5"),
                                List.of(),
                                List.of(),
                                List.of("horizon europe"),
                                List.of("GRANT"),
                                null)));

        List<Match> matches =
                index.match("call-9", call("Battery recycling at scale", "", List.of(), List.of()));

        assertThat(matches)
                .extracting(m -> m.target().key() + "=" + m.score())
                .containsExactly(
                        "group:g=35",
                        "project:aiming=60",
                        "project:p=55",
                        "watch:w-kw=80",
                        "watch:w-horizon=60");
        assertThat(matches.get(0).target().recipients()).containsExactly("m1", "m2");
        assertThat(matches.get(2).target().recipients()).containsExactly("m1", "m3");
        assertThat(matches.get(4).reasons())
                .extracting(Reason::code)
                .containsExactly("programme", "kind");
    }

    @Test
    void whatTakesNoPartInMatchingGivesNoTarget() {
        assertThat(
                        Targets.of(
                                new MemberProfile(
                                        "x",
                                        "SUSPENDED",
                                        "X",
                                        "BE",
                                        null,
                                        List.of(),
                                        List.of("a"),
                                        null,
                                        Instant.EPOCH)))
                .isEmpty();
        assertThat(
                        Targets.of(
                                new GroupProfile(
                                        "g", "G", "", List.of("a"), List.of(), Instant.EPOCH)))
                .isEmpty();
        assertThat(
                        Targets.of(
                                new ProjectProfile(
                                        "p",
                                        "m",
                                        "P",
                                        "",
                                        "a",
                                        List.of(),
                                        List.of(),
                                        null,
                                        "ACTIVE",
                                        List.of("m"),
                                        Instant.EPOCH)))
                .isEmpty();
        assertThat(Targets.places("be", "be100")).containsExactly("BE", "BE1", "BE10", "BE100");
    }

    @Test
    void aReplacedOrRemovedTargetNoLongerMatchesAsBefore() {
        index.apply(List.of(member("a", "BE", List.of("hydrogen"), List.of())));
        FundingCall call = call("Hydrogen valleys", "", List.of(), List.of());
        assertThat(index.match("c", call)).hasSize(1);
        index.apply(List.of(member("a", "BE", List.of("solar"), List.of())));
        assertThat(index.match("c", call)).isEmpty();
        index.remove(List.of("member:a"));
        assertThat(index.size()).isZero();
        assertThat(index.match("c", call("Solar", "", List.of(), List.of()))).isEmpty();
    }

    @Test
    void aWordReadBeforeAnyLabelHadItsTermsIsFoundOnceOneHas() {
        FundingCall call = call("Geothermal heat for towns", "", List.of(), List.of());
        assertThat(index.match("c", call)).isEmpty();
        index.apply(List.of(member("a", "BE", List.of("geothermal heat"), List.of())));
        assertThat(index.match("c", call)).extracting(m -> m.target().id()).containsExactly("a");
        assertThat(index.match("c", call)).isEqualTo(scan(index, "c", call));
    }

    @Test
    void eachKindIsCappedToItsBest() {
        TargetIndex capped = new TargetIndex(new MatchLimits(0, Map.of(TargetKind.MEMBER, 2)));
        capped.apply(
                List.of(
                        member("a", "BE", List.of("solar"), List.of()),
                        member("b", "BE", List.of("solar", "panel"), List.of()),
                        member("c", "BE", List.of("solar"), List.of())));
        assertThat(capped.match("c", call("Solar panel", "", List.of(), List.of())))
                .extracting(m -> m.target().id() + "=" + m.score())
                .containsExactly("b=70", "a=35");
        capped.close();
    }

    @Test
    void equalScoresAreKeptAndOrderedByIdWhateverTheIds() {
        List<String> ids =
                List.of(
                        "member-000010",
                        "member-000002",
                        "member-00001",
                        "m",
                        "ü-1",
                        "Ω-2",
                        "Ω-1",
                        "member-0000",
                        "zz");
        TargetIndex capped = new TargetIndex(new MatchLimits(0, Map.of(TargetKind.MEMBER, 4)));
        capped.apply(
                ids.stream().map(id -> member(id, "BE", List.of("solar"), List.of())).toList());
        FundingCall call = call("Solar", "", List.of(), List.of());
        List<String> expected = ids.stream().sorted().limit(4).toList();
        assertThat(capped.match("c", call))
                .extracting(m -> m.target().id())
                .containsExactlyElementsOf(expected);
        assertThat(capped.match("c", call)).isEqualTo(scan(capped, "c", call));
        capped.close();
    }

    @Test
    void theIndexFindsWhatLookingAtEveryTargetFinds() {
        MatchingData data = new MatchingData(7);
        List<Target> all = new ArrayList<>(data.members(2_000));
        all.addAll(data.groups(30));
        all.addAll(data.projects(200));
        all.addAll(data.watches(500));
        index.apply(all);
        assertThat(sameAsTheScan(data, 200)).as("the data makes matches").isGreaterThan(1_000);
    }

    @Test
    void theIndexStillFindsWhatTheScanFindsOnceTargetsAreReplacedAndRemoved() {
        MatchingData data = new MatchingData(11);
        index.apply(data.members(1_500));
        index.apply(data.watches(300));
        // the same keys with other labels: half of them replaced, in two writes, one of them naming
        // a key twice
        List<Target> replaced = new MatchingData(12).members(800);
        index.apply(replaced.subList(0, 400));
        List<Target> twice = new ArrayList<>(replaced.subList(400, 800));
        twice.add(new MatchingData(13).members(401).getLast());
        index.apply(twice);
        index.remove(
                List.of(
                        "member:m-1",
                        "member:m-500",
                        "member:m-1000",
                        "watch:w-3",
                        "member:unknown"));
        index.apply(data.projects(50));
        assertThat(index.sizes())
                .containsEntry(TargetKind.MEMBER, 1_497L)
                .containsEntry(TargetKind.WATCH, 299L);
        assertThat(sameAsTheScan(data, 100)).isGreaterThan(500);
    }

    /**
     * For {@code calls} calls, the index's matches are the scan's and as scoring each target alone
     * says.
     */
    private int sameAsTheScan(MatchingData data, int calls) {
        int matched = 0;
        for (int i = 0; i < calls; i++) {
            FundingCall call = data.call(i);
            List<Match> indexed = index.match("call-" + i, call);
            assertThat(indexed)
                    .as("call %d: the same matches", i)
                    .isEqualTo(scan(index, "call-" + i, call));
            Map<String, Match> byTarget = new java.util.HashMap<>();
            index.score("call-" + i, call, indexed.stream().map(Match::target).toList())
                    .forEach(m -> byTarget.put(m.target().key(), m));
            assertThat(indexed)
                    .as("call %d: each as scoring it alone says", i)
                    .allSatisfy(m -> assertThat(byTarget.get(m.target().key())).isEqualTo(m));
            matched += indexed.size();
        }
        return matched;
    }

    @Test
    void theGeneratedDataSpeaksAVocabularyOfThousandsOfCompetences() {
        TextAnalysis analysis = new TextAnalysis();
        java.util.Set<String> phrases = new java.util.HashSet<>();
        for (String competence : MatchingData.VOCABULARY) {
            Target target =
                    new Target(
                            TargetKind.MEMBER,
                            "m",
                            "M",
                            List.of(),
                            List.of(new Target.Facet(FacetKind.COMPETENCE, competence)),
                            List.of(),
                            List.of(),
                            List.of(),
                            null);
            phrases.add(analysis.target(target).facets().getFirst().phrase().key());
        }
        analysis.close();
        assertThat(phrases).as("distinct after stemming").hasSize(MatchingData.VOCABULARY.size());
        assertThat(MatchingData.VOCABULARY)
                .hasSize(MatchingData.SPECIFIC + MatchingData.SUBJECTS.length);
        java.util.Set<String> held = new java.util.HashSet<>();
        new MatchingData(42)
                .members(10_000)
                .forEach(
                        m ->
                                m.facets().stream()
                                        .filter(f -> f.kind() == FacetKind.COMPETENCE)
                                        .forEach(f -> held.add(f.label())));
        assertThat(held).as("competences the benchmark's members hold").hasSizeGreaterThan(2_000);
    }
}
