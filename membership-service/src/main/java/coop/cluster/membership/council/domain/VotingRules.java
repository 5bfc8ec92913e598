package coop.cluster.membership.council.domain;

import java.util.Objects;

/**
 * The rules a proposal is decided by, fixed when it is tabled so that a later change of the
 * council's settings does not change a vote in progress.
 *
 * @param quorumPercent the share of the electorate, in percent, that must cast a ballot (abstaining
 *     counts) for the vote to be valid
 * @param majority how many of the ballots must be for
 */
public record VotingRules(int quorumPercent, MajorityRule majority) {

    public VotingRules {
        if (quorumPercent < 0 || quorumPercent > 100) {
            throw new IllegalArgumentException(
                    "quorum must be a percentage, 0 to 100: " + quorumPercent);
        }
        Objects.requireNonNull(majority, "majority");
    }

    boolean quorumMet(Tally tally) {
        return tally.ballots() > 0
                && 100L * tally.ballots() >= (long) quorumPercent * tally.electorate();
    }
}
