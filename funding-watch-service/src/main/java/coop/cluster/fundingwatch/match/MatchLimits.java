package coop.cluster.fundingwatch.match;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How many matches a call gets, and how good they must be.
 *
 * @param minScore a match scores at least this (0 to 100)
 * @param perKind at most this many matches of each kind per call, the best ones; a kind not given
 *     gets none
 */
public record MatchLimits(int minScore, Map<TargetKind, Integer> perKind) {

    public MatchLimits {
        if (minScore < 0 || minScore > Scorer.MAX) {
            throw new IllegalArgumentException("minScore must be between 0 and 100");
        }
        Objects.requireNonNull(perKind, "perKind");
        EnumMap<TargetKind, Integer> all = new EnumMap<>(TargetKind.class);
        for (TargetKind kind : TargetKind.values()) {
            int cap = perKind.getOrDefault(kind, 0);
            if (cap < 0) {
                throw new IllegalArgumentException("a cap must not be negative");
            }
            all.put(kind, cap);
        }
        perKind = Map.copyOf(all);
    }

    /** Score 35 or more; 25 members, 10 groups, 25 projects and 500 watches at most. */
    public static MatchLimits defaults() {
        return new MatchLimits(
                35,
                Map.of(
                        TargetKind.MEMBER,
                        25,
                        TargetKind.GROUP,
                        10,
                        TargetKind.PROJECT,
                        25,
                        TargetKind.WATCH,
                        500));
    }

    int cap(TargetKind kind) {
        return perKind.get(kind);
    }
}
