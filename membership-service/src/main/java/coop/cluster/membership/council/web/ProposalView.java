package coop.cluster.membership.council.web;

import coop.cluster.membership.council.domain.Ballot;
import coop.cluster.membership.council.domain.Proposal;
import coop.cluster.membership.council.domain.Tally;
import coop.cluster.membership.council.events.MotionTerms;
import coop.cluster.membership.member.domain.MemberId;
import java.time.Instant;
import java.util.List;

/**
 * A proposal as the API shows it: its terms, the rules it is decided by, the count so far and, once
 * closed, how it was decided. The individual ballots are shown to the council (delegates and
 * managers) only.
 *
 * @param myVote the ballot of the caller's seat, if it holds one and has voted
 * @param createdGroupId for an adopted {@code GROUP_CREATION}: the id of the thematic group it
 *     created ({@code GET /api/groups/{id}}); null otherwise, and while the group is not made yet
 */
record ProposalView(
        String id,
        String title,
        String kind,
        Object terms,
        String tabledBy,
        Instant tabledAt,
        Instant deadline,
        String status,
        Rules rules,
        Count tally,
        Outcome outcome,
        List<BallotView> ballots,
        String myVote,
        String createdGroupId) {

    record Rules(int quorumPercent, String majority) {}

    record Count(int forVotes, int against, int abstain, int ballots, int electorate) {
        static Count of(Tally t) {
            return new Count(t.forVotes(), t.against(), t.abstain(), t.ballots(), t.electorate());
        }
    }

    record Outcome(String reason, boolean early, Instant closedAt) {}

    record BallotView(
            String memberId, String delegate, String choice, Instant castAt, int changes) {
        static BallotView of(Ballot b) {
            return new BallotView(
                    b.seat().value(),
                    b.delegateSubject(),
                    b.choice().name(),
                    b.castAt(),
                    b.changes());
        }
    }

    static ProposalView of(Proposal p, boolean withBallots, MemberId seat, String createdGroupId) {
        var outcome = p.outcome();
        Ballot mine = seat == null ? null : p.ballots().get(seat);
        return new ProposalView(
                p.id().value(),
                p.title(),
                p.motion().kind().name(),
                MotionTerms.of(p.motion()),
                p.tabledBy(),
                p.tabledAt(),
                p.deadline(),
                p.status().name(),
                new Rules(p.rules().quorumPercent(), p.rules().majority().name()),
                Count.of(p.tally()),
                outcome == null
                        ? null
                        : new Outcome(outcome.reason(), outcome.early(), outcome.closedAt()),
                withBallots ? p.ballots().values().stream().map(BallotView::of).toList() : null,
                mine == null ? null : mine.choice().name(),
                createdGroupId);
    }
}
