package coop.cluster.membership.council.events;

import coop.cluster.membership.council.domain.Tally;

/**
 * A vote's count as events carry it: ballots for, against, abstaining, and the seats that could
 * vote.
 */
public record TallyView(int forVotes, int against, int abstain, int electorate) {

    public static TallyView of(Tally tally) {
        return new TallyView(
                tally.forVotes(), tally.against(), tally.abstain(), tally.electorate());
    }
}
