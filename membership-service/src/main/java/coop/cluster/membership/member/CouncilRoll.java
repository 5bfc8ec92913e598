package coop.cluster.membership.member;

import coop.cluster.membership.member.domain.MemberId;
import java.util.List;
import java.util.Optional;

/**
 * What the council needs to know about the members: who sits on it and whether a member is active.
 * The council of delegates is the set of active members that have appointed a delegate; each such
 * member has one seat, held by its delegate.
 */
public interface CouncilRoll {

    /** One member's seat on the council, held by its appointed delegate (a user subject). */
    record Seat(MemberId member, String delegateSubject, String delegateName) {}

    /** Every seat today. */
    List<Seat> seats();

    /**
     * The seat of {@code member}, if it is active and has a delegate. A seat is found by its
     * member, never by the delegate's subject alone: the subject is only the name the identity
     * provider gives a user, and the same user could be named for two members.
     */
    Optional<Seat> seatOf(MemberId member);

    /** Whether {@code member} exists and is active. */
    boolean isActive(MemberId member);
}
