package coop.cluster.membership.council.domain;

import coop.cluster.membership.member.domain.MemberId;
import coop.cluster.plumbing.domain.RuleViolation;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A motion put to the council's vote. The electorate is the council's seats when it was tabled:
 * each seat (a member) votes once, through whoever is its delegate, and may change its vote while
 * the proposal is open. The proposal closes at its deadline, or as soon as every seat has voted,
 * and its outcome follows from the {@link VotingRules} fixed when it was tabled. Plain Java: each
 * change returns a new {@code Proposal} or throws {@link RuleViolation}.
 *
 * @param electorate the seats that may vote, in the order they were listed when tabled
 * @param ballots the ballots cast, by seat
 * @param version the store's optimistic-concurrency version, {@code null} before the first write
 */
public record Proposal(
        ProposalId id,
        String title,
        Motion motion,
        String tabledBy,
        Instant tabledAt,
        Instant deadline,
        List<MemberId> electorate,
        VotingRules rules,
        Map<MemberId, Ballot> ballots,
        ProposalStatus status,
        Outcome outcome,
        Long version) {

    /**
     * How a closed proposal was decided.
     *
     * @param reason {@code adopted}, {@code quorum-not-met} or {@code majority-not-reached}
     * @param early whether it closed before its deadline because every seat had voted
     */
    public record Outcome(Tally tally, String reason, boolean early, Instant closedAt) {}

    public Proposal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(motion, "motion");
        Objects.requireNonNull(tabledAt, "tabledAt");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(status, "status");
        if (title == null || title.isBlank()) {
            throw new RuleViolation("proposal-title-required");
        }
        title = title.strip();
        electorate = List.copyOf(electorate);
        ballots = Collections.unmodifiableMap(new LinkedHashMap<>(ballots));
        if (status.isClosed() != (outcome != null)) {
            throw new IllegalArgumentException(
                    "a closed proposal has an outcome, an open one has none");
        }
    }

    /** A new proposal, open for votes by {@code electorate} until {@code deadline}. */
    public static Proposal table(
            ProposalId id,
            String title,
            Motion motion,
            String tabledBy,
            Instant now,
            Instant deadline,
            List<MemberId> electorate,
            VotingRules rules) {
        if (electorate.isEmpty()) {
            throw new RuleViolation("council-empty");
        }
        if (!deadline.isAfter(now)) {
            throw new RuleViolation("deadline-in-past", deadline);
        }
        if (Set.copyOf(electorate).size() != electorate.size()) {
            throw new IllegalArgumentException("a seat is listed twice in the electorate");
        }
        return new Proposal(
                id,
                title,
                motion,
                tabledBy,
                now,
                deadline,
                electorate,
                rules,
                Map.of(),
                ProposalStatus.OPEN,
                null,
                null);
    }

    /**
     * {@code seat}'s first ballot. The proposal closes at once if that was the last seat to vote.
     *
     * @throws RuleViolation {@code proposal-closed} when closed or past its deadline (see {@link
     *     #isDue(Instant)}), {@code not-in-electorate} for a seat that was not on the council when
     *     the proposal was tabled, {@code already-voted} for a second ballot
     */
    public Proposal vote(MemberId seat, String delegateSubject, VoteChoice choice, Instant now) {
        requireOpen(now);
        requireElector(seat);
        if (ballots.containsKey(seat)) {
            throw new RuleViolation("already-voted", id, ballots.get(seat).choice());
        }
        return withBallot(new Ballot(seat, delegateSubject, choice, now, 0), now);
    }

    /** {@code seat} changes the ballot it cast; the proposal must still be open. */
    public Proposal changeVote(
            MemberId seat, String delegateSubject, VoteChoice choice, Instant now) {
        requireOpen(now);
        requireElector(seat);
        Ballot previous = ballots.get(seat);
        if (previous == null) {
            throw new RuleViolation("no-vote-to-change", id);
        }
        return withBallot(
                new Ballot(seat, delegateSubject, choice, now, previous.changes() + 1), now);
    }

    /**
     * Whether the deadline has passed while the proposal is still open: it must be closed before
     * anything else.
     */
    public boolean isDue(Instant now) {
        return status == ProposalStatus.OPEN && !now.isBefore(deadline);
    }

    /** Closes an open proposal whose deadline has passed and decides it on the ballots cast. */
    public Proposal closeAtDeadline(Instant now) {
        if (!isDue(now)) {
            throw new RuleViolation("proposal-not-due", id, deadline);
        }
        return decide(false, now);
    }

    public Tally tally() {
        return Tally.of(ballots.values(), electorate.size());
    }

    public boolean isAdopted() {
        return status == ProposalStatus.ADOPTED;
    }

    private Proposal withBallot(Ballot ballot, Instant now) {
        Map<MemberId, Ballot> next = new LinkedHashMap<>(ballots);
        next.put(ballot.seat(), ballot);
        Proposal voted =
                new Proposal(
                        id,
                        title,
                        motion,
                        tabledBy,
                        tabledAt,
                        deadline,
                        electorate,
                        rules,
                        next,
                        status,
                        null,
                        version);
        return next.size() == electorate.size() ? voted.decide(true, now) : voted;
    }

    private Proposal decide(boolean early, Instant now) {
        Tally tally = tally();
        String reason;
        if (!rules.quorumMet(tally)) {
            reason = "quorum-not-met";
        } else if (!rules.majority().isMet(tally)) {
            reason = "majority-not-reached";
        } else {
            reason = "adopted";
        }
        ProposalStatus decided =
                "adopted".equals(reason) ? ProposalStatus.ADOPTED : ProposalStatus.REJECTED;
        return new Proposal(
                id,
                title,
                motion,
                tabledBy,
                tabledAt,
                deadline,
                electorate,
                rules,
                ballots,
                decided,
                new Outcome(tally, reason, early, now),
                version);
    }

    private void requireOpen(Instant now) {
        if (status.isClosed() || isDue(now)) {
            throw new RuleViolation(
                    "proposal-closed", id, status.isClosed() ? status : "past its deadline");
        }
    }

    private void requireElector(MemberId seat) {
        if (!electorate.contains(seat)) {
            throw new RuleViolation("not-in-electorate", id);
        }
    }
}
