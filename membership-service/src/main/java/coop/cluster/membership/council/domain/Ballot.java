package coop.cluster.membership.council.domain;

import coop.cluster.membership.member.domain.MemberId;
import java.time.Instant;
import java.util.Objects;

/**
 * One seat's vote: the seat is the member, the ballot is cast by whoever is its delegate when
 * voting.
 *
 * @param changes how many times the seat changed its vote since first casting it
 */
public record Ballot(
        MemberId seat, String delegateSubject, VoteChoice choice, Instant castAt, int changes) {

    public Ballot {
        Objects.requireNonNull(seat, "seat");
        Objects.requireNonNull(delegateSubject, "delegateSubject");
        Objects.requireNonNull(choice, "choice");
        Objects.requireNonNull(castAt, "castAt");
    }
}
