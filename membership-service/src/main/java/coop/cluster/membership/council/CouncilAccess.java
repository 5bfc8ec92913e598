package coop.cluster.membership.council;

import static coop.cluster.plumbing.security.ClusterRole.DELEGATE;
import static coop.cluster.plumbing.security.ClusterRole.FINANCE;
import static coop.cluster.plumbing.security.ClusterRole.MANAGER;
import static coop.cluster.plumbing.security.ClusterRole.MEMBER;

import coop.cluster.membership.member.CouncilRoll;
import coop.cluster.membership.member.CouncilRoll.Seat;
import coop.cluster.membership.member.domain.MemberId;
import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.web.ProblemException;
import org.springframework.stereotype.Component;

/**
 * Who may do what in the council. A seat is held by the user appointed as an active member's
 * delegate, acting with the delegate role for that member. Managers run the agenda: they table
 * proposals but do not vote. Proposals and ballots are council business (delegates and managers);
 * fee schedules concern every member and finance; a member sees its own exemptions.
 */
@Component
public class CouncilAccess {

    private final CouncilRoll roll;

    CouncilAccess(CouncilRoll roll) {
        this.roll = roll;
    }

    /**
     * The seat the caller holds, or 403 if it holds none: the seat of the member its token names,
     * held by the caller (found by member id, so a user named delegate of another organisation too
     * still finds its own seat).
     */
    public Seat seatOf(Caller caller) {
        if (caller.has(DELEGATE) && caller.memberId().isPresent()) {
            var seat =
                    roll.seatOf(new MemberId(caller.memberId().get()))
                            .filter(s -> s.delegateSubject().equals(caller.subject()));
            if (seat.isPresent()) {
                return seat.get();
            }
        }
        throw ProblemException.forbidden("council-seat-required");
    }

    public void checkMayTable(Caller caller) {
        if (!caller.has(MANAGER)) {
            seatOf(caller);
        }
    }

    public void checkMayReadProposals(Caller caller) {
        if (!caller.hasAny(MANAGER, DELEGATE)) {
            throw ProblemException.forbidden();
        }
    }

    /**
     * Whether the caller sees who voted what, not only the count: seated delegates and managers.
     */
    public boolean seesBallots(Caller caller) {
        return caller.hasAny(MANAGER, DELEGATE);
    }

    public void checkMayReadFeeSchedules(Caller caller) {
        if (!caller.hasAny(MANAGER, FINANCE, DELEGATE, MEMBER)) {
            throw ProblemException.forbidden();
        }
    }

    /**
     * Every exemption: managers, finance, delegates. A member user: its own organisation's only.
     */
    public boolean seesAllExemptions(Caller caller) {
        if (caller.hasAny(MANAGER, FINANCE, DELEGATE)) {
            return true;
        }
        if (caller.has(MEMBER)) {
            return false;
        }
        throw ProblemException.forbidden();
    }
}
