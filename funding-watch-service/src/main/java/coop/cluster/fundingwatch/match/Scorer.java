package coop.cluster.fundingwatch.match;

import coop.cluster.fundingwatch.match.TextAnalysis.AnalysedFacet;
import coop.cluster.fundingwatch.match.TextAnalysis.AnalysedTarget;
import coop.cluster.fundingwatch.match.TextAnalysis.CallText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Scores how well a call fits a target, with the reasons, from 0 to 100. Plain rules a member can check:
 * <ul>
 *   <li>each label found in the call adds its kind's points ({@link FacetKind}): more when it is in the title, call
 *       title, keywords or tags than when it is only in the description; each kind adds at most its cap;</li>
 *   <li>a project that aims at the call: {@value #TARGET_CALL} points;</li>
 *   <li>a watch with no keywords, whose programmes and kinds the call fits: {@value #WATCH_CONDITIONS} points;</li>
 *   <li>a member in one of the call's eligible countries or regions: {@value #ELIGIBLE_PLACE} points.</li>
 * </ul>
 * Conditions exclude: a call that names eligible places matches no member elsewhere, and a watch's programmes and
 * kinds must fit (the index applies both; {@link #score} checks them again, so the naive scan agrees).
 */
final class Scorer {

    static final int TARGET_CALL = 60;
    static final int WATCH_CONDITIONS = 60;
    static final int ELIGIBLE_PLACE = 5;
    static final int MAX = 100;

    private Scorer() {
    }

    /**
     * The score of {@code target} for {@code call}, without the reasons (nothing is allocated): 0 when it does not
     * fit the call's conditions or nothing is found. Equal to {@link #explain}'s score.
     */
    static int points(CallText call, AnalysedTarget analysed) {
        Target target = analysed.target();
        if (!fitsConditions(call, target)) {
            return 0;
        }
        int total = 0;
        int kinds = FacetKind.values().length;
        int[] perKind = analysed.facets().isEmpty() ? null : new int[kinds];
        for (AnalysedFacet facet : analysed.facets()) {
            FacetKind kind = facet.facet().kind();
            int found = foundPoints(call, facet);
            int points = Math.min(found, kind.cap - perKind[kind.ordinal()]);
            if (points > 0) {
                perKind[kind.ordinal()] += points;
                total += points;
            }
        }
        if (target.targetCallId() != null && target.targetCallId().equals(call.callId())) {
            total += TARGET_CALL;
        }
        if (target.kind() == TargetKind.WATCH && analysed.facets().isEmpty()
                && !(target.programmes().isEmpty() && target.callKinds().isEmpty())) {
            total += WATCH_CONDITIONS;
        }
        if (total > 0 && !call.eligiblePlaces().isEmpty() && !target.places().isEmpty()) {
            total += ELIGIBLE_PLACE;
        }
        return Math.min(MAX, total);
    }

    /** The match of {@code target} for {@code call} with its reasons, if it scores {@code minScore} or more. */
    static Optional<Match> score(CallText call, AnalysedTarget analysed, int minScore) {
        int points = points(call, analysed);
        return points == 0 || points < minScore ? Optional.empty() : Optional.of(explain(call, analysed));
    }

    /** The match with its reasons, weightiest first; call only for a target whose {@link #points} are above 0. */
    static Match explain(CallText call, AnalysedTarget analysed) {
        Target target = analysed.target();
        List<Reason> reasons = new ArrayList<>();
        Map<FacetKind, Integer> perKind = new EnumMap<>(FacetKind.class);
        for (AnalysedFacet facet : analysed.facets()) {
            Reason found = found(call, facet);
            if (found == null) {
                continue;
            }
            FacetKind kind = facet.facet().kind();
            int before = perKind.getOrDefault(kind, 0);
            int points = Math.min(found.points(), kind.cap - before);
            if (points <= 0) {
                continue;
            }
            perKind.put(kind, before + points);
            reasons.add(points == found.points() ? found
                    : new Reason(found.code(), found.value(), found.where(), points, found.text()));
        }
        if (target.targetCallId() != null && target.targetCallId().equals(call.callId())) {
            reasons.add(new Reason("target-call", call.callId(), null, TARGET_CALL,
                    "The project aims at this call"));
        }
        if (target.kind() == TargetKind.WATCH && analysed.facets().isEmpty()) {
            if (!target.programmes().isEmpty()) {
                int points = target.callKinds().isEmpty() ? WATCH_CONDITIONS : WATCH_CONDITIONS / 2;
                reasons.add(new Reason("programme", call.programme(), null, points,
                        "The call is in the watched programme " + call.programme()));
            }
            if (!target.callKinds().isEmpty()) {
                int points = target.programmes().isEmpty() ? WATCH_CONDITIONS : WATCH_CONDITIONS - WATCH_CONDITIONS / 2;
                reasons.add(new Reason("kind", call.kind(), null, points,
                        "The call is of the watched kind " + call.kind()));
            }
        }
        if (!reasons.isEmpty() && !call.eligiblePlaces().isEmpty() && !target.places().isEmpty()) {
            String place = target.places().stream().filter(call.eligiblePlaces()::contains).findFirst().orElseThrow();
            reasons.add(new Reason("eligible-place", place, null, ELIGIBLE_PLACE,
                    "Based in " + place + ", where the call is open"));
        }
        int score = Math.min(MAX, reasons.stream().mapToInt(Reason::points).sum());
        reasons.sort(Comparator.comparingInt(Reason::points).reversed());
        return new Match(target, score, reasons);
    }

    /** Eligible places (members) and a watch's programmes and kinds. */
    static boolean fitsConditions(CallText call, Target target) {
        if (!call.eligiblePlaces().isEmpty() && !target.places().isEmpty()
                && target.places().stream().noneMatch(call.eligiblePlaces()::contains)) {
            return false;
        }
        if (!target.programmes().isEmpty()
                && (call.programme() == null || !target.programmes().contains(call.programme()))) {
            return false;
        }
        return target.callKinds().isEmpty() || target.callKinds().contains(call.kind());
    }

    /** What finding {@code facet} in the call is worth: its kind's prominent or mentioned points, or 0. */
    private static int foundPoints(CallText call, AnalysedFacet facet) {
        FacetKind kind = facet.facet().kind();
        if (kind.anyWord) {
            return anyWordIn(facet, call.prominentEn(), call.prominentFr()) ? kind.prominent
                    : anyWordIn(facet, call.anyEn(), call.anyFr()) ? kind.mentioned : 0;
        }
        return all(facet, call.prominentEn(), call.prominentFr()) ? kind.prominent
                : all(facet, call.anyEn(), call.anyFr()) ? kind.mentioned : 0;
    }

    private static boolean anyWordIn(AnalysedFacet facet, Set<String> en, Set<String> fr) {
        for (TextAnalysis.Word word : facet.words()) {
            if (!word.en().isEmpty() && en.containsAll(word.en()) || !word.fr().isEmpty() && fr.containsAll(word.fr())) {
                return true;
            }
        }
        return false;
    }

    private static Reason found(CallText call, AnalysedFacet facet) {
        FacetKind kind = facet.facet().kind();
        String label = facet.facet().label();
        if (kind.anyWord) {
            List<String> prominent = wordsIn(facet, call.prominentEn(), call.prominentFr());
            if (!prominent.isEmpty()) {
                return new Reason(kind.code(), label, "prominent", kind.prominent,
                        "%s \"%s\": the call's title or keywords say %s".formatted(kind.label, label,
                                String.join(", ", prominent)));
            }
            List<String> mentioned = wordsIn(facet, call.anyEn(), call.anyFr());
            return mentioned.isEmpty() ? null : new Reason(kind.code(), label, "description", kind.mentioned,
                    "%s \"%s\": the call's description says %s".formatted(kind.label, label,
                            String.join(", ", mentioned)));
        }
        if (all(facet, call.prominentEn(), call.prominentFr())) {
            return new Reason(kind.code(), label, "prominent", kind.prominent,
                    "%s \"%s\" is in the call's title or keywords".formatted(kind.label, label));
        }
        if (all(facet, call.anyEn(), call.anyFr())) {
            return new Reason(kind.code(), label, "description", kind.mentioned,
                    "%s \"%s\" is in the call's description".formatted(kind.label, label));
        }
        return null;
    }

    private static boolean all(AnalysedFacet facet, Set<String> en, Set<String> fr) {
        return !facet.en().isEmpty() && en.containsAll(facet.en()) || !facet.fr().isEmpty() && fr.containsAll(facet.fr());
    }

    private static List<String> wordsIn(AnalysedFacet facet, Set<String> en, Set<String> fr) {
        List<String> found = new ArrayList<>(2);
        for (TextAnalysis.Word word : facet.words()) {
            if (!word.en().isEmpty() && en.containsAll(word.en()) || !word.fr().isEmpty() && fr.containsAll(word.fr())) {
                found.add(word.surface());
            }
        }
        return found;
    }
}
