package coop.cluster.fundingwatch.match;

import coop.cluster.fundingwatch.match.TextAnalysis.AnalysedFacet;
import coop.cluster.fundingwatch.match.TextAnalysis.AnalysedTarget;
import coop.cluster.fundingwatch.match.TextAnalysis.CallText;
import coop.cluster.fundingwatch.match.TextAnalysis.Phrase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Scores how well a call fits a target, with the reasons. Plain rules a member can check, every one
 * adding points:
 *
 * <ul>
 *   <li>each label found in the call: its kind's points ({@link FacetKind}), more when it is in the
 *       title, call title, keywords or tags than when it is only in the description;
 *   <li>a project that aims at the call: {@value #TARGET_CALL};
 *   <li>a watch with no keywords, whose programmes and kinds the call fits: {@value
 *       #WATCH_CONDITIONS};
 *   <li>a member in one of the call's eligible countries or regions, once something else was found:
 *       {@value #ELIGIBLE_PLACE}.
 * </ul>
 *
 * Targets are ranked by the sum; the score shown is the sum capped at {@value #MAX}. Conditions
 * exclude: a call that names eligible places matches no member elsewhere, and a watch's programmes
 * and kinds must fit. Since every rule adds, the index can rank by the same sum ({@link
 * TargetIndex}).
 */
final class Scorer {

    static final int TARGET_CALL = 60;
    static final int WATCH_CONDITIONS = 60;
    static final int ELIGIBLE_PLACE = 5;
    static final int MAX = 100;

    /**
     * Where a target's label was found: {@code TRUE} prominently, {@code FALSE} in the description
     * only, null not at all; given the label's place among the target's labels ({@code facet}) and
     * its phrase.
     */
    @FunctionalInterface
    interface Found {
        Boolean at(int facet, Phrase phrase);
    }

    /** Reasons, the weightiest first (a stable sort keeps the labels' order among equals). */
    private static final Comparator<Reason> WEIGHTIEST_FIRST =
            (a, b) -> Integer.compare(b.points(), a.points());

    private Scorer() {}

    /**
     * Whether, and where, {@code phrase} is in the call, by looking: what the naive scan does for
     * every label.
     */
    static Boolean look(CallText call, Phrase phrase) {
        if (all(phrase, call.prominentEn(), call.prominentFr())) {
            return Boolean.TRUE;
        }
        return all(phrase, call.anyEn(), call.anyFr()) ? Boolean.FALSE : null;
    }

    private static boolean all(Phrase phrase, Set<String> en, Set<String> fr) {
        return !phrase.en().isEmpty() && en.containsAll(phrase.en())
                || !phrase.fr().isEmpty() && fr.containsAll(phrase.fr());
    }

    /**
     * The points of {@code target} for {@code call}, uncapped, without reasons; 0 when nothing
     * fits.
     */
    static int points(CallText call, AnalysedTarget analysed, Found found) {
        Target target = analysed.target();
        if (!fitsConditions(call, target)) {
            return 0;
        }
        int total = 0;
        List<AnalysedFacet> facets = analysed.facets();
        for (int i = 0, n = facets.size(); i < n; i++) {
            AnalysedFacet facet = facets.get(i);
            Boolean where = found.at(i, facet.phrase());
            if (where != null) {
                total += facet.facet().kind().points(where);
            }
        }
        total += bonus(call, analysed);
        if (total > 0 && !call.eligiblePlaces().isEmpty() && !target.places().isEmpty()) {
            total += ELIGIBLE_PLACE;
        }
        return total;
    }

    private static int bonus(CallText call, AnalysedTarget analysed) {
        Target target = analysed.target();
        int bonus = 0;
        if (target.targetCallId() != null && target.targetCallId().equals(call.callId())) {
            bonus += TARGET_CALL;
        }
        if (watchesConditionsOnly(analysed)) {
            bonus += WATCH_CONDITIONS;
        }
        return bonus;
    }

    /** A watch without keywords: its programmes and kinds are all it asks. */
    static boolean watchesConditionsOnly(AnalysedTarget analysed) {
        Target target = analysed.target();
        return target.kind() == TargetKind.WATCH
                && analysed.facets().isEmpty()
                && !(target.programmes().isEmpty() && target.callKinds().isEmpty());
    }

    /**
     * The match with its reasons, weightiest first; for a target whose {@link #points} are above 0.
     */
    static Match explain(CallText call, AnalysedTarget analysed, Found found) {
        Target target = analysed.target();
        List<Reason> reasons = new ArrayList<>();
        List<AnalysedFacet> facets = analysed.facets();
        for (int i = 0, n = facets.size(); i < n; i++) {
            AnalysedFacet facet = facets.get(i);
            Boolean where = found.at(i, facet.phrase());
            if (where != null) {
                reasons.add(reason(facet, where));
            }
        }
        if (target.targetCallId() != null && target.targetCallId().equals(call.callId())) {
            reasons.add(
                    new Reason(
                            "target-call",
                            call.callId(),
                            null,
                            TARGET_CALL,
                            "The project aims at this call"));
        }
        if (watchesConditionsOnly(analysed)) {
            boolean both = !target.programmes().isEmpty() && !target.callKinds().isEmpty();
            if (!target.programmes().isEmpty()) {
                reasons.add(
                        new Reason(
                                "programme",
                                call.programme(),
                                null,
                                both ? WATCH_CONDITIONS / 2 : WATCH_CONDITIONS,
                                "The call is in the watched programme " + call.programme()));
            }
            if (!target.callKinds().isEmpty()) {
                reasons.add(
                        new Reason(
                                "kind",
                                call.kind(),
                                null,
                                both ? WATCH_CONDITIONS - WATCH_CONDITIONS / 2 : WATCH_CONDITIONS,
                                "The call is of the watched kind " + call.kind()));
            }
        }
        if (!reasons.isEmpty() && !call.eligiblePlaces().isEmpty() && !target.places().isEmpty()) {
            String place =
                    target.places().stream()
                            .filter(call.eligiblePlaces()::contains)
                            .findFirst()
                            .orElseThrow();
            reasons.add(
                    new Reason(
                            "eligible-place",
                            place,
                            null,
                            ELIGIBLE_PLACE,
                            "Based in " + place + ", where the call is open"));
        }
        int sum = 0;
        for (Reason reason : reasons) {
            sum += reason.points();
        }
        reasons.sort(WEIGHTIEST_FIRST);
        return new Match(target, Math.min(MAX, sum), sum, reasons);
    }

    private static Reason reason(AnalysedFacet facet, boolean prominent) {
        FacetKind kind = facet.facet().kind();
        String label = facet.facet().label();
        String where = prominent ? "the call's title or keywords" : "the call's description";
        String says = prominent ? " say " : " says ";
        String text =
                facet.phrase().word() != null
                        ? kind.label + " \"" + label + "\": " + where + says + facet.phrase().word()
                        : kind.label + " \"" + label + "\" is in " + where;
        return new Reason(
                kind.code(),
                facet.phrase().word() != null ? label + ": " + facet.phrase().word() : label,
                prominent ? "prominent" : "description",
                kind.points(prominent),
                text);
    }

    /** Eligible places (members) and a watch's programmes and kinds. */
    static boolean fitsConditions(CallText call, Target target) {
        Set<String> eligible = call.eligiblePlaces();
        if (!eligible.isEmpty()
                && !target.places().isEmpty()
                && !anyIn(target.places(), eligible)) {
            return false;
        }
        if (!target.programmes().isEmpty()
                && (call.programme() == null || !target.programmes().contains(call.programme()))) {
            return false;
        }
        return target.callKinds().isEmpty() || target.callKinds().contains(call.kind());
    }

    private static boolean anyIn(List<String> values, Set<String> set) {
        for (int i = 0, n = values.size(); i < n; i++) {
            if (set.contains(values.get(i))) {
                return true;
            }
        }
        return false;
    }
}
