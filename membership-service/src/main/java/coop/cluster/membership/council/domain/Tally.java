package coop.cluster.membership.council.domain;

import java.util.Collection;

/** The count of a proposal's ballots against the number of seats that may vote on it. */
public record Tally(int forVotes, int against, int abstain, int electorate) {

    public static Tally of(Collection<Ballot> ballots, int electorate) {
        int yes = 0;
        int no = 0;
        int abstain = 0;
        for (Ballot ballot : ballots) {
            switch (ballot.choice()) {
                case FOR -> yes++;
                case AGAINST -> no++;
                case ABSTAIN -> abstain++;
            }
        }
        return new Tally(yes, no, abstain, electorate);
    }

    public int ballots() {
        return forVotes + against + abstain;
    }
}
