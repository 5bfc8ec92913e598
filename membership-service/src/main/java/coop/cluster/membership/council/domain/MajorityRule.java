package coop.cluster.membership.council.domain;

/** How many votes for a proposal needs among the ballots cast, once the quorum is met. */
public enum MajorityRule {
    /** More votes for than against; abstentions do not count. */
    SIMPLE,
    /** More votes for than half of all ballots cast; an abstention weighs as a vote against. */
    ABSOLUTE,
    /** At least two thirds of the votes for or against are for; abstentions do not count. */
    TWO_THIRDS;

    boolean isMet(Tally tally) {
        return switch (this) {
            case SIMPLE -> tally.forVotes() > tally.against();
            case ABSOLUTE -> 2L * tally.forVotes() > tally.ballots();
            case TWO_THIRDS ->
                    tally.forVotes() > 0
                            && 3L * tally.forVotes() >= 2L * (tally.forVotes() + tally.against());
        };
    }
}
