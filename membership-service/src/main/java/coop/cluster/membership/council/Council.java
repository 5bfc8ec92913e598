package coop.cluster.membership.council;

import coop.cluster.membership.council.domain.FeeExemption;
import coop.cluster.membership.council.domain.FeeSchedule;
import coop.cluster.membership.council.domain.GroupCreation;
import coop.cluster.membership.council.domain.Motion;
import coop.cluster.membership.council.domain.OverduePolicy;
import coop.cluster.membership.council.domain.Proposal;
import coop.cluster.membership.council.domain.ProposalId;
import coop.cluster.membership.council.domain.ProposalStatus;
import coop.cluster.membership.council.domain.VoteChoice;
import coop.cluster.membership.council.events.FeeExemptionGranted;
import coop.cluster.membership.council.events.FeeScheduleAdopted;
import coop.cluster.membership.council.events.MotionTerms;
import coop.cluster.membership.council.events.ProposalTabled;
import coop.cluster.membership.council.events.ResolutionAdopted;
import coop.cluster.membership.council.events.ResolutionRejected;
import coop.cluster.membership.council.events.TallyView;
import coop.cluster.membership.council.persistence.ProposalStore;
import coop.cluster.membership.group.Groups;
import coop.cluster.membership.member.CouncilRoll;
import coop.cluster.membership.member.CouncilRoll.Seat;
import coop.cluster.membership.member.Members;
import coop.cluster.membership.member.domain.MemberId;
import coop.cluster.plumbing.domain.RuleViolation;
import coop.cluster.plumbing.events.EventFactory;
import coop.cluster.plumbing.events.PendingEvent;
import coop.cluster.plumbing.web.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The council of delegates: proposals, votes, and the resolutions they become.
 *
 * <p>Every change to a proposal is one conditional write of its document, ballots included,
 * together with the events it causes. A vote that makes the proposal complete closes it in the same
 * write, so its outcome and, when adopted, its effect (fee schedule adopted, fee exemption granted)
 * are announced exactly once with it. A proposal past its deadline is closed by the sweeper, or by
 * the first vote that arrives late. The one effect that lives in another document, a thematic
 * group, is marked pending in the proposal and made idempotently until it is confirmed, so a crash
 * between the two writes delays the group but never loses or doubles it.
 */
@Service
public class Council {

    private static final Logger log = LoggerFactory.getLogger(Council.class);
    private static final int ATTEMPTS = 8;
    private static final int SWEEP_BATCH = 100;

    private final ProposalStore proposals;
    private final CouncilRoll roll;
    private final Members members;
    private final Groups groups;
    private final EventFactory events;
    private final CouncilSettings settings;
    private final Clock clock;
    private final MeterRegistry meters;

    Council(
            ProposalStore proposals,
            CouncilRoll roll,
            Members members,
            Groups groups,
            EventFactory events,
            CouncilSettings settings,
            Clock clock,
            MeterRegistry meters) {
        this.proposals = proposals;
        this.roll = roll;
        this.members = members;
        this.groups = groups;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Puts a motion to the vote of today's seats, under today's quorum and majority.
     *
     * @param deadline when the vote closes; the configured voting period from now when null
     */
    public Proposal table(String title, Motion motion, Instant deadline, String tabledBy) {
        Instant now = clock.instant();
        Instant closes = deadline == null ? now.plus(settings.votingPeriod()) : deadline;
        if (closes.isBefore(now.plus(settings.minVotingPeriod()))
                || closes.isAfter(now.plus(settings.maxVotingPeriod()))) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "invalid-deadline",
                    closes,
                    settings.minVotingPeriod(),
                    settings.maxVotingPeriod());
        }
        checkCanTake(motion);
        List<MemberId> electorate = roll.seats().stream().map(Seat::member).toList();
        Proposal proposal =
                ruled(
                        () ->
                                Proposal.table(
                                        ProposalId.newId(),
                                        title,
                                        motion,
                                        tabledBy,
                                        now,
                                        closes,
                                        electorate,
                                        settings.rules()));
        var tabled =
                new ProposalTabled(
                        proposal.id().value(),
                        motion.kind().name(),
                        proposal.title(),
                        MotionTerms.of(motion),
                        tabledBy,
                        now,
                        closes,
                        electorate.size(),
                        proposal.rules().quorumPercent(),
                        proposal.rules().majority().name());
        Proposal stored = proposals.add(proposal, List.of(event(proposal, tabled)));
        count("tabled", motion.kind());
        log.info(
                "Proposal {} '{}' ({}) tabled by {} for {} seats, closing {}",
                proposal.id(),
                proposal.title(),
                motion.kind(),
                tabledBy,
                electorate.size(),
                closes);
        return stored;
    }

    /** {@code seat} casts its one ballot; a second one is refused (change it instead). */
    public Proposal vote(ProposalId id, Seat seat, VoteChoice choice) {
        return cast(
                id,
                p -> p.vote(seat.member(), seat.delegateSubject(), choice, clock.instant()),
                "vote");
    }

    /** {@code seat} changes the ballot it cast, while the proposal is open. */
    public Proposal changeVote(ProposalId id, Seat seat, VoteChoice choice) {
        return cast(
                id,
                p -> p.changeVote(seat.member(), seat.delegateSubject(), choice, clock.instant()),
                "vote-changed");
    }

    public Proposal get(ProposalId id) {
        return proposals.find(id).orElseThrow(() -> ProblemException.notFound("proposal", id));
    }

    public Page<Proposal> list(ProposalStatus status, Motion.Kind kind, Pageable page) {
        return proposals.list(status, kind, page);
    }

    /**
     * Fee schedules adopted, for one year or all, the latest adopted first: the first of a year is
     * in force.
     */
    public Page<Proposal> feeSchedules(Integer year, Pageable page) {
        return proposals.adoptedFeeSchedules(year, page);
    }

    public Page<Proposal> exemptions(MemberId member, Pageable page) {
        return proposals.adoptedExemptions(member, page);
    }

    /**
     * The thematic group that {@code proposal} created: its id once the proposal is an adopted
     * group creation and the group exists (it is made right after the adopting write, or by the
     * sweeper after a crash); empty otherwise.
     */
    public Optional<String> createdGroup(Proposal proposal) {
        if (!proposal.isAdopted() || !(proposal.motion() instanceof GroupCreation)) {
            return Optional.empty();
        }
        String id = Groups.idFor(proposal.id().value());
        return groups.exists(id) ? Optional.of(id) : Optional.empty();
    }

    /** The overdue-fee policy adopted last, if the council adopted one. */
    public Optional<OverduePolicy> overduePolicy() {
        return proposals
                .latestAdopted(Motion.Kind.OVERDUE_POLICY)
                .map(p -> (OverduePolicy) p.motion());
    }

    /**
     * Closes the proposals whose deadline has passed. Safe to run anywhere at once: each close is
     * conditional.
     */
    @Scheduled(
            fixedDelayString = "${cluster.council.sweep-interval:PT10S}",
            initialDelayString = "PT5S")
    public void sweep() {
        Instant now = clock.instant();
        for (Proposal due : proposals.due(now, SWEEP_BATCH)) {
            try {
                write(due.closeAtDeadline(now), "closed");
            } catch (OptimisticLockingFailureException raced) {
                log.debug(
                        "Proposal {} changed while closing it; the next sweep looks again",
                        due.id());
            }
        }
        for (Proposal adopted : proposals.withEffectPending(SWEEP_BATCH)) {
            makeEffect(adopted);
        }
    }

    private void checkCanTake(Motion motion) {
        switch (motion) {
            case FeeExemption exemption -> {
                var member =
                        members.find(exemption.member())
                                .orElseThrow(
                                        () ->
                                                ProblemException.unprocessable(
                                                        "unknown-member", exemption.member()));
                if (member.status().isFinal()) {
                    throw new ProblemException(
                            HttpStatus.CONFLICT, "member-not-active", member.id(), member.status());
                }
            }
            case GroupCreation group -> {
                if (groups.nameTaken(group.name()) || proposals.groupNamePending(group.nameKey())) {
                    throw ProblemException.conflict("group-name-taken", group.name());
                }
            }
            case FeeSchedule schedule -> {}
            case OverduePolicy policy -> {}
        }
    }

    /**
     * Applies a ballot to the latest version of the proposal. Ballots of different seats commute,
     * so a write that lost a race is retried on a fresh read, the rules being checked again each
     * time. A proposal found past its deadline is closed first, and the ballot refused.
     */
    private Proposal cast(ProposalId id, Function<Proposal, Proposal> ballot, String what) {
        for (int attempt = 1; ; attempt++) {
            try {
                Proposal current = get(id);
                Instant now = clock.instant();
                if (current.isDue(now)) {
                    current = write(current.closeAtDeadline(now), "closed");
                }
                Proposal read = current;
                return write(ruled(() -> ballot.apply(read)), what);
            } catch (OptimisticLockingFailureException raced) {
                if (attempt == ATTEMPTS) {
                    throw raced;
                }
            }
        }
    }

    /** Writes a proposal's change, with its outcome's events when the change closed it. */
    private Proposal write(Proposal next, String what) {
        List<PendingEvent> announced = new ArrayList<>();
        boolean effectPending = false;
        if (next.status().isClosed()) {
            announced.addAll(outcomeEvents(next));
            effectPending = next.isAdopted() && next.motion() instanceof GroupCreation;
        }
        Proposal stored = proposals.update(next, effectPending, announced);
        meters.counter("cluster.membership.council.ballots", "change", what).increment();
        if (next.status().isClosed()) {
            count(next.status().name().toLowerCase(), next.motion().kind());
            log.info(
                    "Proposal {} '{}' closed: {} ({}), tally {}",
                    next.id(),
                    next.title(),
                    next.status(),
                    next.outcome().reason(),
                    next.outcome().tally());
            if (effectPending) {
                makeEffect(stored);
            }
        }
        return stored;
    }

    private List<PendingEvent> outcomeEvents(Proposal closed) {
        var outcome = closed.outcome();
        TallyView tally = TallyView.of(outcome.tally());
        String kind = closed.motion().kind().name();
        if (!closed.isAdopted()) {
            return List.of(
                    event(
                            closed,
                            new ResolutionRejected(
                                    closed.id().value(),
                                    kind,
                                    closed.title(),
                                    tally,
                                    outcome.reason(),
                                    outcome.early(),
                                    outcome.closedAt())));
        }
        List<PendingEvent> result = new ArrayList<>();
        String groupId =
                closed.motion() instanceof GroupCreation ? Groups.idFor(closed.id().value()) : null;
        result.add(
                event(
                        closed,
                        new ResolutionAdopted(
                                closed.id().value(),
                                kind,
                                closed.title(),
                                MotionTerms.of(closed.motion()),
                                tally,
                                outcome.early(),
                                outcome.closedAt(),
                                groupId)));
        switch (closed.motion()) {
            case FeeSchedule schedule -> {
                var terms = MotionTerms.feeSchedule(schedule);
                result.add(
                        event(
                                closed,
                                new FeeScheduleAdopted(
                                        closed.id().value(),
                                        terms.feeYear(),
                                        terms.currency(),
                                        terms.amounts(),
                                        terms.lateAdmission(),
                                        outcome.closedAt())));
            }
            case FeeExemption exemption -> {
                var terms = MotionTerms.feeExemption(exemption);
                result.add(
                        event(
                                closed,
                                new FeeExemptionGranted(
                                        closed.id().value(),
                                        terms.memberId(),
                                        terms.extent(),
                                        terms.percent(),
                                        terms.reason(),
                                        terms.validFrom(),
                                        terms.validUntil(),
                                        outcome.closedAt())));
            }
            case GroupCreation group -> {
                // made in the group's own document, announced from there (see makeEffect)
            }
            case OverduePolicy policy -> {
                // read from the resolution itself when finance reports an overdue fee
            }
        }
        return result;
    }

    /**
     * Creates the group an adopted resolution decided, then clears the pending mark. Idempotent.
     */
    private void makeEffect(Proposal adopted) {
        if (!(adopted.motion() instanceof GroupCreation group)) {
            proposals.effectDone(adopted.id());
            return;
        }
        try {
            groups.createByResolution(
                    adopted.id().value(), group.name(), group.description(), group.interests());
        } catch (RuleViolation clash) {
            log.error(
                    "Resolution {} creates group '{}', but another group took that name meanwhile;"
                            + " no group made",
                    adopted.id(),
                    group.name());
        } catch (RuntimeException e) {
            log.warn(
                    "Group of resolution {} not created yet, will retry: {}",
                    adopted.id(),
                    e.toString());
            return;
        }
        proposals.effectDone(adopted.id());
    }

    private PendingEvent event(Proposal proposal, Object payload) {
        return events.create("proposals", proposal.id().value(), payload);
    }

    private static <T> T ruled(Supplier<T> action) {
        try {
            return action.get();
        } catch (RuleViolation violation) {
            HttpStatus status =
                    switch (violation.code()) {
                        case "not-in-electorate" -> HttpStatus.FORBIDDEN;
                        case "deadline-in-past" -> HttpStatus.BAD_REQUEST;
                        default -> HttpStatus.CONFLICT;
                    };
            throw new ProblemException(status, violation.code(), violation.args());
        }
    }

    private void count(String what, Motion.Kind kind) {
        meters.counter("cluster.membership.council.proposals", "change", what, "kind", kind.name())
                .increment();
    }
}
