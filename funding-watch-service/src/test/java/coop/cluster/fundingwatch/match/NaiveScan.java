package coop.cluster.fundingwatch.match;

import coop.cluster.fundingwatch.call.domain.FundingCall;
import coop.cluster.fundingwatch.match.TextAnalysis.AnalysedTarget;
import coop.cluster.fundingwatch.match.TextAnalysis.CallText;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * What {@link TargetIndex#match} finds, found by looking for every label of every target of an
 * index in the call: the naive scan, the baseline the index is checked against (TargetIndexTest)
 * and measured against (MatchingBenchmark). Each kind keeps its best {@link MatchLimits#cap}, more
 * points first, then the earlier id.
 */
final class NaiveScan implements Closeable {

    /** Within one kind, the worst on top: fewer points, then the later id. */
    private static final Comparator<Scored> WORST_FIRST =
            Comparator.comparingInt(Scored::points)
                    .thenComparing(
                            (Scored s) -> s.target().target().id(), Comparator.reverseOrder());

    private final TargetIndex index;
    private final MatchLimits limits;
    private final TextAnalysis analysis = new TextAnalysis();

    NaiveScan(TargetIndex index) {
        this.index = index;
        this.limits = index.limits();
    }

    private record Scored(AnalysedTarget target, int points) {}

    List<Match> scan(String callId, FundingCall call) {
        CallText text = analysis.call(callId, call);
        Scorer.Found look = (i, phrase) -> Scorer.look(text, phrase);
        Map<TargetKind, PriorityQueue<Scored>> best = new EnumMap<>(TargetKind.class);
        for (AnalysedTarget target : index.analysedTargets()) {
            int points = Scorer.points(text, target, look);
            TargetKind kind = target.target().kind();
            int cap = limits.cap(kind);
            if (points == 0 || points < limits.minScore() || cap == 0) {
                continue;
            }
            PriorityQueue<Scored> kept =
                    best.computeIfAbsent(kind, k -> new PriorityQueue<>(WORST_FIRST));
            Scored scored = new Scored(target, points);
            if (kept.size() < cap) {
                kept.add(scored);
            } else if (WORST_FIRST.compare(scored, kept.peek()) > 0) {
                kept.poll();
                kept.add(scored);
            }
        }
        List<Match> matches = new ArrayList<>();
        best.forEach(
                (kind, kept) ->
                        kept.stream()
                                .map(s -> Scorer.explain(text, s.target(), look))
                                .sorted(TargetIndex.BEST_FIRST)
                                .forEach(matches::add));
        return matches;
    }

    @Override
    public void close() {
        analysis.close();
    }
}
