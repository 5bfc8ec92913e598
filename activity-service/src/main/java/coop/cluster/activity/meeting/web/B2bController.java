package coop.cluster.activity.meeting.web;

import coop.cluster.activity.event.ExchangeEvents;
import coop.cluster.activity.event.domain.ExchangeEvent;
import coop.cluster.activity.event.domain.Registration;
import coop.cluster.activity.meeting.B2bBoards;
import coop.cluster.activity.meeting.MeetingAccess;
import coop.cluster.activity.meeting.domain.B2bBoard;
import coop.cluster.activity.meeting.domain.BoardParticipant;
import coop.cluster.activity.meeting.domain.BoardRequest;
import coop.cluster.activity.meeting.domain.BoardSchedule;
import coop.cluster.activity.meeting.domain.BoardSession;
import coop.cluster.activity.meeting.web.B2bViews.AgendaView;
import coop.cluster.activity.meeting.web.B2bViews.BoardView;
import coop.cluster.activity.meeting.web.B2bViews.LeftView;
import coop.cluster.activity.meeting.web.B2bViews.MeetingView;
import coop.cluster.activity.meeting.web.B2bViews.MyRequests;
import coop.cluster.activity.meeting.web.B2bViews.ParticipantView;
import coop.cluster.activity.meeting.web.B2bViews.RequestView;
import coop.cluster.activity.meeting.web.B2bViews.RunView;
import coop.cluster.activity.meeting.web.B2bViews.ScheduleView;
import coop.cluster.activity.meeting.web.B2bViews.SuggestionView;
import coop.cluster.plumbing.domain.RuleViolation;
import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.web.ProblemException;
import coop.cluster.plumbing.web.RequestBodies;
import coop.cluster.plumbing.web.Versions;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
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
 * The B2B meetings of an exchange event of kind B2B_SESSION: a manager sets the session; confirmed
 * registrants join, say what they offer and seek, request meetings with each other and answer; a
 * manager runs the schedule; each participant reads their agenda. Rights: {@link MeetingAccess}.
 */
@RestController
@Validated
@RequestMapping("/api/activity/events/{id}/b2b")
class B2bController {

    private static final String ID = "[0-9a-f-]{36}";

    private final ExchangeEvents events;
    private final B2bBoards boards;
    private final Validator validator;

    B2bController(ExchangeEvents events, B2bBoards boards, Validator validator) {
        this.events = events;
        this.boards = boards;
        this.validator = validator;
    }

    @Operation(
            summary = "Set the B2B session (managers): opens the board, or changes its session",
            description =
                    "Start and end within the event, on one day (Europe/Brussels), slot length 5"
                            + " to 120 minutes, breaks within the session, tables. 409"
                            + " not-a-b2b-session for another kind of event. A stored schedule"
                            + " stays until the next run.")
    @PutMapping
    ResponseEntity<BoardView> setSession(
            @PathVariable @Pattern(regexp = ID) String id,
            @RequestBody B2bRequests.Session body,
            Caller caller) {
        MeetingAccess.checkMayManage(caller);
        RequestBodies.valid(validator, body);
        BoardSession session;
        try {
            session = body.toSession();
        } catch (RuleViolation invalid) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, invalid.code(), invalid.args());
        }
        return ok(boards.setSession(id, session));
    }

    @Operation(summary = "The board: session, slots, counts and the last run")
    @GetMapping
    ResponseEntity<BoardView> board(@PathVariable @Pattern(regexp = ID) String id, Caller caller) {
        MeetingAccess.checkMayRead(caller, events.get(id));
        return ok(boards.get(id));
    }

    @Operation(
            summary = "Join the board, or update my profile (confirmed registrants)",
            description =
                    "What I offer and seek (free text, at most 1,000 characters each) and when I"
                            + " am away during the session (at most 10 stretches). 403 for a"
                            + " person without a confirmed registration.")
    @PutMapping("/participants/me")
    ResponseEntity<ParticipantView> join(
            @PathVariable @Pattern(regexp = ID) String id,
            @RequestBody B2bRequests.Profile body,
            Caller caller) {
        ExchangeEvent event = events.get(id);
        Registration registration = MeetingAccess.joining(caller, event);
        RequestBodies.valid(validator, body);
        B2bBoard board =
                boards.join(id, registration, body.offers(), body.seeks(), body.awayIntervals());
        return ResponseEntity.ok()
                .eTag(Versions.etag(board.version()))
                .body(ParticipantView.of(board.participant(caller.subject()).orElseThrow()));
    }

    @Operation(
            summary = "The participants, in the order they joined (participants and managers)",
            description = "q filters on the offers and seeks (a word or part of one).")
    @GetMapping("/participants")
    Page<ParticipantView> participants(
            @PathVariable @Pattern(regexp = ID) String id,
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size,
            Caller caller) {
        B2bBoard board = boards.get(id);
        MeetingAccess.checkMayListParticipants(caller, board);
        List<BoardParticipant> all = board.participants();
        if (q != null && !q.isBlank()) {
            String needle = q.strip().toLowerCase(java.util.Locale.ROOT);
            all =
                    all.stream()
                            .filter(
                                    p ->
                                            (p.offers() + " " + p.seeks())
                                                    .toLowerCase(java.util.Locale.ROOT)
                                                    .contains(needle))
                            .toList();
        }
        return page(all, page, size).map(ParticipantView::of);
    }

    @Operation(
            summary = "Ask to meet another participant (participants)",
            description =
                    "201 REQUESTED; or 200 ACCEPTED and mutual when they had asked me already. 409"
                            + " meeting-one-organisation for a colleague,"
                            + " meeting-already-requested, meeting-not-a-participant.")
    @PostMapping("/requests")
    ResponseEntity<RequestView> request(
            @PathVariable @Pattern(regexp = ID) String id,
            @RequestBody B2bRequests.Ask body,
            Caller caller) {
        String me = MeetingAccess.participant(caller, boards.get(id));
        RequestBodies.valid(validator, body);
        BoardRequest made = boards.request(id, me, body.with().strip());
        if (made.state() != BoardRequest.State.REQUESTED) {
            return ResponseEntity.ok(RequestView.of(made));
        }
        return ResponseEntity.created(
                        URI.create(
                                "/api/activity/events/" + id + "/b2b/requests/" + made.requestId()))
                .body(RequestView.of(made));
    }

    @Operation(summary = "My requests: made and received (participants)")
    @GetMapping("/requests/mine")
    MyRequests myRequests(@PathVariable @Pattern(regexp = ID) String id, Caller caller) {
        B2bBoard board = boards.get(id);
        String me = MeetingAccess.participant(caller, board);
        List<BoardRequest> mine = board.requestsOf(me);
        return new MyRequests(
                mine.stream().filter(r -> r.requesterId().equals(me)).map(RequestView::of).toList(),
                mine.stream()
                        .filter(r -> r.requestedId().equals(me))
                        .map(RequestView::of)
                        .toList());
    }

    @Operation(summary = "Accept a request made to me (the participant asked)")
    @PostMapping("/requests/{requestId}/accept")
    RequestView accept(
            @PathVariable @Pattern(regexp = ID) String id,
            @PathVariable @Pattern(regexp = ID) String requestId,
            Caller caller) {
        String me = MeetingAccess.participant(caller, boards.get(id));
        return RequestView.of(boards.answer(id, requestId, me, true));
    }

    @Operation(summary = "Decline a request made to me (the participant asked)")
    @PostMapping("/requests/{requestId}/decline")
    RequestView decline(
            @PathVariable @Pattern(regexp = ID) String id,
            @PathVariable @Pattern(regexp = ID) String requestId,
            Caller caller) {
        String me = MeetingAccess.participant(caller, boards.get(id));
        return RequestView.of(boards.answer(id, requestId, me, false));
    }

    @Operation(
            summary = "Run the schedule (managers), before the session starts",
            description =
                    "Schedules the accepted requests between participants whose registration"
                            + " still holds a place: no participant or table double-booked, none"
                            + " in a slot a participant is away. Replaces the previous schedule;"
                            + " the meetings new or moved, and those no longer held, are"
                            + " announced. 409 meeting-session-started.")
    @PostMapping("/schedule")
    RunView run(@PathVariable @Pattern(regexp = ID) String id, Caller caller) {
        MeetingAccess.checkMayManage(caller);
        B2bBoard.Scheduled run = boards.schedule(id, caller.subject());
        BoardSchedule s = run.board().schedule();
        return new RunView(
                id,
                s.run(),
                s.meetings().size(),
                s.unscheduled().size(),
                run.changed().size(),
                run.removed().size(),
                run.board().participants().size());
    }

    @Operation(summary = "The whole schedule (managers): a page of meetings and those left out")
    @GetMapping("/schedule")
    ScheduleView schedule(
            @PathVariable @Pattern(regexp = ID) String id,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size,
            Caller caller) {
        MeetingAccess.checkMayManage(caller);
        BoardSchedule s = boards.get(id).schedule();
        if (s == null) {
            throw ProblemException.notFound("b2b-schedule", id);
        }
        return new ScheduleView(
                id,
                s.run(),
                s.ranAt(),
                s.ranBy(),
                s.meetings().size(),
                page,
                size,
                page(s.meetings(), page, size).map(MeetingView::of).getContent(),
                s.unscheduled().stream()
                        .map(l -> new LeftView(l.requestId(), l.reason()))
                        .toList());
    }

    @Operation(summary = "My agenda (participants): slot, table and whom I meet, in time order")
    @GetMapping("/agenda/mine")
    AgendaView agenda(@PathVariable @Pattern(regexp = ID) String id, Caller caller) {
        B2bBoard board = boards.get(id);
        return AgendaView.of(board, MeetingAccess.participant(caller, board));
    }

    @Operation(
            summary = "Whom to meet (participants): others ranked by the words shared",
            description =
                    "My seeks against their offers, and my offers against their seeks; not my own"
                            + " organisation's people.")
    @GetMapping("/suggestions")
    List<SuggestionView> suggestions(
            @PathVariable @Pattern(regexp = ID) String id,
            @RequestParam(defaultValue = "10") @Min(1) @Max(50) int limit,
            Caller caller) {
        B2bBoard board = boards.get(id);
        String me = MeetingAccess.participant(caller, board);
        return boards.suggestions(board, me, limit).stream().map(SuggestionView::of).toList();
    }

    private static <T> Page<T> page(List<T> all, int page, int size) {
        int from = (int) Math.min((long) page * size, all.size());
        int to = Math.min(from + size, all.size());
        return new PageImpl<>(all.subList(from, to), PageRequest.of(page, size), all.size());
    }

    private static ResponseEntity<BoardView> ok(B2bBoard board) {
        return ResponseEntity.ok().eTag(Versions.etag(board.version())).body(BoardView.of(board));
    }
}
