package coop.cluster.membership.council;

import coop.cluster.membership.council.domain.MajorityRule;
import coop.cluster.membership.council.domain.VotingRules;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The council's rules, {@code cluster.council.*}. A proposal takes the quorum and majority in force
 * when it is tabled and keeps them.
 *
 * @param quorumPercent share of the seats, in percent, that must vote (abstaining counts) for a
 *     vote to be valid
 * @param majority SIMPLE (more for than against), ABSOLUTE (for &gt; half the ballots) or
 *     TWO_THIRDS
 * @param votingPeriod how long a proposal stays open when its author sets no deadline
 * @param minVotingPeriod the shortest voting period an author may set
 * @param maxVotingPeriod the longest
 * @param sweepInterval how often proposals past their deadline are closed
 */
@ConfigurationProperties("cluster.council")
public record CouncilSettings(
        @DefaultValue("50") int quorumPercent,
        @DefaultValue("SIMPLE") MajorityRule majority,
        @DefaultValue("P7D") Duration votingPeriod,
        @DefaultValue("PT1M") Duration minVotingPeriod,
        @DefaultValue("P90D") Duration maxVotingPeriod,
        @DefaultValue("PT10S") Duration sweepInterval) {

    public CouncilSettings {
        new VotingRules(quorumPercent, majority);
        if (minVotingPeriod.isNegative()
                || maxVotingPeriod.compareTo(minVotingPeriod) < 0
                || votingPeriod.compareTo(minVotingPeriod) < 0
                || votingPeriod.compareTo(maxVotingPeriod) > 0) {
            throw new IllegalArgumentException(
                    "cluster.council: need 0 <= min-voting-period <= voting-period "
                            + "<= max-voting-period");
        }
    }

    VotingRules rules() {
        return new VotingRules(quorumPercent, majority);
    }
}
