package coop.cluster.membership.council.web;

import coop.cluster.membership.council.Council;
import coop.cluster.membership.council.CouncilAccess;
import coop.cluster.membership.council.domain.Motion;
import coop.cluster.membership.council.domain.Proposal;
import coop.cluster.membership.council.domain.ProposalId;
import coop.cluster.membership.council.domain.ProposalStatus;
import coop.cluster.membership.council.domain.VoteChoice;
import coop.cluster.membership.council.web.ResolutionViews.ExemptionView;
import coop.cluster.membership.council.web.ResolutionViews.FeeScheduleView;
import coop.cluster.membership.member.CouncilRoll;
import coop.cluster.membership.member.domain.MemberId;
import coop.cluster.plumbing.domain.RuleViolation;
import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.web.ProblemException;
import coop.cluster.plumbing.web.RequestBodies;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The council of delegates: its seats, proposals and votes, and the fee schedules and exemptions it
 * adopted.
 */
@RestController
@Validated
@RequestMapping("/api/council")
class CouncilController {

    private static final String ID = "[0-9a-f-]{36}";

    private final Council council;
    private final CouncilAccess access;
    private final CouncilRoll roll;
    private final jakarta.validation.Validator validator;

    CouncilController(
            Council council,
            CouncilAccess access,
            CouncilRoll roll,
            jakarta.validation.Validator validator) {
        this.validator = validator;
        this.council = council;
        this.access = access;
        this.roll = roll;
    }

    @Operation(
            summary =
                    "The council's seats: each active member with a delegate (managers, delegates)")
    @GetMapping("/seats")
    List<SeatView> seats(Caller caller) {
        access.checkMayReadProposals(caller);
        return roll.seats().stream().map(SeatView::of).toList();
    }

    /**
     * One seat as the API shows it: the member by its plain id (never the domain's id object, which
     * Jackson would show as {@code {"value": ...}}), and the delegate holding it.
     */
    record SeatView(String member, String delegateSubject, String delegateName) {

        static SeatView of(CouncilRoll.Seat seat) {
            return new SeatView(seat.member().value(), seat.delegateSubject(), seat.delegateName());
        }
    }

    @Operation(
            summary = "Table a proposal (managers, seated delegates)",
            description =
                    "The motion's kind is FEE_SCHEDULE, FEE_EXEMPTION, GROUP_CREATION or"
                        + " OVERDUE_POLICY. The electorate is today's seats; the quorum and"
                        + " majority in force today decide it. Without a deadline the vote stays"
                        + " open for the configured voting period.")
    @PostMapping("/proposals")
    ResponseEntity<ProposalView> table(@RequestBody TableRequest request, Caller caller) {
        access.checkMayTable(caller);
        RequestBodies.valid(validator, request);
        Motion motion;
        try {
            motion = request.motion().toMotion();
        } catch (RuleViolation invalid) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, invalid.code(), invalid.args());
        }
        Proposal proposal =
                council.table(request.title(), motion, request.deadline(), caller.subject());
        return ResponseEntity.created(URI.create("/api/council/proposals/" + proposal.id()))
                .body(view(proposal, caller));
    }

    @Operation(summary = "List proposals, newest first (managers, delegates)")
    @GetMapping("/proposals")
    Page<ProposalView> list(
            @RequestParam(required = false) ProposalStatus status,
            @RequestParam(required = false) Motion.Kind kind,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
            Caller caller) {
        access.checkMayReadProposals(caller);
        return council.list(status, kind, PageRequest.of(page, size)).map(p -> view(p, caller));
    }

    @GetMapping("/proposals/{id}")
    ProposalView get(@PathVariable @Pattern(regexp = ID) String id, Caller caller) {
        access.checkMayReadProposals(caller);
        return view(council.get(new ProposalId(id)), caller);
    }

    @Operation(
            summary = "Vote on an open proposal (seated delegates)",
            description =
                    "One ballot per seat: a second one is refused with 409; change it with PUT"
                            + " votes/mine. The proposal closes at once when every seat has voted.")
    @PostMapping("/proposals/{id}/votes")
    ResponseEntity<ProposalView> vote(
            @PathVariable @Pattern(regexp = ID) String id,
            @RequestBody VoteRequest body,
            Caller caller) {
        var seat = access.seatOf(caller);
        RequestBodies.valid(validator, body);
        Proposal proposal = council.vote(new ProposalId(id), seat, body.choice());
        return ResponseEntity.created(URI.create("/api/council/proposals/" + id + "/votes/mine"))
                .body(view(proposal, caller));
    }

    @Operation(summary = "Change your seat's vote while the proposal is open (seated delegates)")
    @PutMapping("/proposals/{id}/votes/mine")
    ProposalView changeVote(
            @PathVariable @Pattern(regexp = ID) String id,
            @RequestBody VoteRequest body,
            Caller caller) {
        var seat = access.seatOf(caller);
        RequestBodies.valid(validator, body);
        return view(council.changeVote(new ProposalId(id), seat, body.choice()), caller);
    }

    @Operation(
            summary = "Fee schedules adopted, latest first",
            description =
                    "For one fee year or all; the first one listed for a year is the one in force.")
    @GetMapping("/fee-schedules")
    Page<FeeScheduleView> feeSchedules(
            @RequestParam(required = false) @Min(2000) @Max(2100) Integer year,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
            Caller caller) {
        access.checkMayReadFeeSchedules(caller);
        return council.feeSchedules(year, PageRequest.of(page, size)).map(FeeScheduleView::of);
    }

    @Operation(summary = "The fee schedule in force for a fee year")
    @GetMapping("/fee-schedules/{year}")
    FeeScheduleView feeSchedule(@PathVariable @Min(2000) @Max(2100) int year, Caller caller) {
        access.checkMayReadFeeSchedules(caller);
        return council.feeSchedules(year, PageRequest.of(0, 1)).stream()
                .findFirst()
                .map(FeeScheduleView::of)
                .orElseThrow(() -> ProblemException.notFound("fee-schedule", year));
    }

    @Operation(
            summary = "Fee exemptions granted, latest first",
            description =
                    "Managers, finance and delegates see all, or one member's with ?member=; a"
                            + " member user sees its own organisation's.")
    @GetMapping("/exemptions")
    Page<ExemptionView> exemptions(
            @RequestParam(required = false) @Pattern(regexp = ID) String member,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
            Caller caller) {
        MemberId filter = member == null ? null : new MemberId(member);
        if (!access.seesAllExemptions(caller)) {
            MemberId own =
                    caller.memberId().map(MemberId::new).orElseThrow(ProblemException::forbidden);
            if (filter != null && !filter.equals(own)) {
                throw ProblemException.notFound("member", filter);
            }
            filter = own;
        }
        return council.exemptions(filter, PageRequest.of(page, size)).map(ExemptionView::of);
    }

    /**
     * @param deadline when the vote closes, e.g. {@code 2026-12-01T17:00:00Z}; optional
     */
    record TableRequest(
            @NotBlank @Size(max = 200) String title,
            Instant deadline,
            @NotNull @Valid MotionRequest motion) {}

    record VoteRequest(@NotNull VoteChoice choice) {}

    private ProposalView view(Proposal proposal, Caller caller) {
        MemberId seat = caller.memberId().map(MemberId::new).orElse(null);
        return ProposalView.of(
                proposal,
                access.seesBallots(caller),
                seat,
                council.createdGroup(proposal).orElse(null));
    }
}
