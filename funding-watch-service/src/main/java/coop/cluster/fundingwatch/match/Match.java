package coop.cluster.fundingwatch.match;

import java.util.List;

/**
 * A call fits a target.
 *
 * @param score 0 to 100: the points of its reasons, capped
 * @param points the points of its reasons, uncapped: what targets are ranked by
 * @param reasons why, the weightiest first
 */
public record Match(Target target, int score, int points, List<Reason> reasons) {

    public Match {
        reasons = List.copyOf(reasons);
    }
}
