package coop.cluster.activity.meeting;

import coop.cluster.activity.event.ExchangeEvents;
import coop.cluster.activity.event.domain.EventKind;
import coop.cluster.activity.event.domain.EventState;
import coop.cluster.activity.event.domain.ExchangeEvent;
import coop.cluster.activity.event.domain.Registration;
import coop.cluster.activity.meeting.domain.B2bBoard;
import coop.cluster.activity.meeting.domain.BoardParticipant;
import coop.cluster.activity.meeting.domain.BoardRequest;
import coop.cluster.activity.meeting.domain.BoardSchedule;
import coop.cluster.activity.meeting.domain.BoardSession;
import coop.cluster.activity.meeting.domain.Interval;
import coop.cluster.activity.meeting.domain.MeetingRuleViolation;
import coop.cluster.activity.meeting.domain.MeetingScheduler;
import coop.cluster.activity.meeting.domain.MeetingSuggestions;
import coop.cluster.activity.meeting.events.MeetingAccepted;
import coop.cluster.activity.meeting.events.MeetingDeclined;
import coop.cluster.activity.meeting.events.MeetingRequested;
import coop.cluster.activity.meeting.events.MeetingScheduled;
import coop.cluster.activity.meeting.events.MeetingUnscheduled;
import coop.cluster.activity.meeting.persistence.BoardStore;
import coop.cluster.plumbing.domain.RuleViolation;
import coop.cluster.plumbing.events.EventFactory;
import coop.cluster.plumbing.web.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The B2B meetings of exchange events of kind {@code B2B_SESSION}: one {@link B2bBoard} per event
 * (its session, participants, requests and last schedule). Every command is ONE write of the
 * board's document, conditional on the version it was read with, carrying the events that announce
 * it; a write that lost a race runs the command again on a fresh read (like {@link
 * ExchangeEvents#apply}). Registrations are read through {@link ExchangeEvents}: who holds a place
 * when they join, and again when the schedule runs (a participant whose registration was cancelled
 * since is left out, with their meetings).
 */
@Service
public class B2bBoards {

    private static final Logger log = LoggerFactory.getLogger(B2bBoards.class);

    /** As {@code ExchangeEvents}: how often a command that lost a race is run again. */
    static final int ATTEMPTS = 200;

    private final BoardStore boards;
    private final ExchangeEvents events;
    private final EventFactory factory;
    private final Clock clock;
    private final MeterRegistry meters;
    private final MeetingScheduler scheduler = new MeetingScheduler();

    B2bBoards(
            BoardStore boards,
            ExchangeEvents events,
            EventFactory factory,
            Clock clock,
            MeterRegistry meters) {
        this.boards = boards;
        this.events = events;
        this.factory = factory;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * The manager sets the session of a B2B event: opens its board, or changes its session (the
     * stored schedule stays until the next run).
     *
     * @throws ProblemException 404 unknown event; 409 {@code not-a-b2b-session}, {@code
     *     event-not-open} (cancelled or held); 400 a session outside the event or not one day
     */
    public B2bBoard setSession(String eventId, BoardSession session) {
        ExchangeEvent event = b2bEvent(eventId);
        Interval held = new Interval(event.details().startsAt(), event.details().endsAt());
        if (!held.contains(session.window())) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST, "b2b-session-outside-event", eventId);
        }
        try {
            session.toSession(B2bBoard.ZONE);
        } catch (RuleViolation invalid) {
            throw problem(invalid);
        }
        if (boards.find(eventId).isEmpty()) {
            try {
                B2bBoard opened =
                        boards.add(B2bBoard.open(eventId, session, clock.instant()), List.of());
                count("opened");
                log.info("B2B board of event {} opened", eventId);
                return opened;
            } catch (DuplicateKeyException raced) {
                // opened meanwhile: set the session on it
            }
        }
        return apply(
                        eventId,
                        b ->
                                new Change<>(
                                        b.withSession(session, clock.instant()),
                                        List.of(),
                                        "session",
                                        null))
                .board();
    }

    /** The board of {@code eventId}; 404 until a manager set its session. */
    public B2bBoard get(String eventId) {
        return boards.find(eventId)
                .orElseThrow(() -> ProblemException.notFound("b2b-board", eventId));
    }

    /**
     * A confirmed registrant joins the board, or updates what they offer, seek and when they are
     * away.
     */
    public B2bBoard join(
            String eventId,
            Registration registration,
            String offers,
            String seeks,
            List<Interval> away) {
        BoardParticipant who;
        try {
            who =
                    new BoardParticipant(
                            registration.personId(),
                            registration.memberId(),
                            offers,
                            seeks,
                            away,
                            clock.instant());
        } catch (RuleViolation invalid) {
            throw problem(invalid);
        }
        return apply(
                        eventId,
                        b -> {
                            B2bBoard.Joined joined = b.join(who);
                            return new Change<>(
                                    joined.board(),
                                    List.of(),
                                    joined.isNew() ? "joined" : "profile",
                                    null);
                        })
                .board();
    }

    /** {@code requester} asks to meet {@code requested}; or makes their earlier request mutual. */
    public BoardRequest request(String eventId, String requester, String requested) {
        String requestId = UUID.randomUUID().toString();
        return apply(
                        eventId,
                        b -> {
                            Instant now = clock.instant();
                            B2bBoard.Requested made =
                                    b.request(requestId, requester, requested, now);
                            BoardRequest r = made.request();
                            Object announced =
                                    made.isNew()
                                            ? new MeetingRequested(
                                                    eventId,
                                                    r.requestId(),
                                                    r.requesterId(),
                                                    memberOf(b, r.requesterId()),
                                                    r.requestedId(),
                                                    memberOf(b, r.requestedId()),
                                                    now)
                                            : new MeetingAccepted(
                                                    eventId,
                                                    r.requestId(),
                                                    r.requesterId(),
                                                    r.requestedId(),
                                                    true,
                                                    now);
                            return new Change<>(
                                    made.board(),
                                    List.of(announced),
                                    made.isNew() ? "requested" : "mutual",
                                    r);
                        })
                .result();
    }

    /** {@code by}, the one asked, accepts or declines request {@code requestId}. */
    public BoardRequest answer(String eventId, String requestId, String by, boolean accept) {
        return apply(
                        eventId,
                        b -> {
                            Instant now = clock.instant();
                            B2bBoard.Answered answered = b.answer(requestId, by, accept, now);
                            BoardRequest r = answered.request();
                            Object announced =
                                    accept
                                            ? new MeetingAccepted(
                                                    eventId,
                                                    requestId,
                                                    r.requesterId(),
                                                    r.requestedId(),
                                                    false,
                                                    now)
                                            : new MeetingDeclined(
                                                    eventId,
                                                    requestId,
                                                    r.requesterId(),
                                                    r.requestedId(),
                                                    now);
                            return new Change<>(
                                    answered.board(),
                                    List.of(announced),
                                    accept ? "accepted" : "declined",
                                    r);
                        })
                .result();
    }

    /**
     * A manager, {@code by}, runs the schedule on the accepted requests between participants whose
     * registration still holds a place. The new schedule replaces the old; the meetings new or
     * moved are announced ({@code meeting.scheduled}), and those no longer scheduled ({@code
     * meeting.unscheduled}), in the same write. 409 {@code event-not-open} for a cancelled or held
     * event, {@code meeting-session-started} once the session started.
     */
    public B2bBoard.Scheduled schedule(String eventId, String by) {
        return apply(
                        eventId,
                        b -> {
                            Instant now = clock.instant();
                            Set<String> confirmed =
                                    b2bEvent(eventId).confirmed().stream()
                                            .map(Registration::personId)
                                            .collect(Collectors.toSet());
                            B2bBoard.Scheduled run = b.schedule(confirmed, scheduler, by, now);
                            int number = run.board().schedule().run();
                            List<Object> announced = new ArrayList<>();
                            for (B2bBoard.Change c : run.changed()) {
                                BoardSchedule.Booked m = c.meeting();
                                BoardSchedule.Booked before = c.previous();
                                announced.add(
                                        new MeetingScheduled(
                                                eventId,
                                                number,
                                                m.requestId(),
                                                m.requesterId(),
                                                m.requestedId(),
                                                m.startsAt(),
                                                m.endsAt(),
                                                m.table(),
                                                m.mutual(),
                                                before == null ? null : before.startsAt(),
                                                before == null ? null : before.table(),
                                                now));
                            }
                            for (B2bBoard.Removed removed : run.removed()) {
                                BoardSchedule.Booked m = removed.meeting();
                                announced.add(
                                        new MeetingUnscheduled(
                                                eventId,
                                                number,
                                                m.requestId(),
                                                m.requesterId(),
                                                m.requestedId(),
                                                m.startsAt(),
                                                m.table(),
                                                removed.reason(),
                                                now));
                            }
                            return new Change<>(run.board(), announced, "scheduled", run);
                        })
                .result();
    }

    /** Other participants to meet, for {@code personId}, best first. */
    public List<MeetingSuggestions.Suggestion> suggestions(
            B2bBoard board, String personId, int limit) {
        BoardParticipant me = board.participant(personId).orElseThrow();
        return MeetingSuggestions.rank(me, board.participants(), limit);
    }

    /** A command's decision: the board's next state, its events, a metrics name, the answer. */
    record Change<R>(B2bBoard next, List<Object> announced, String what, R result) {}

    /** The board as stored after a command, and the command's answer. */
    record Applied<R>(B2bBoard board, R result) {}

    private <R> Applied<R> apply(String eventId, Function<B2bBoard, Change<R>> command) {
        for (int attempt = 1; ; attempt++) {
            B2bBoard current = get(eventId);
            Change<R> change;
            try {
                change = command.apply(current);
            } catch (RuleViolation violation) {
                throw problem(violation);
            }
            try {
                B2bBoard stored =
                        boards.update(
                                change.next(),
                                change.announced().stream()
                                        .map(e -> factory.create("events", eventId, e))
                                        .toList());
                count(change.what());
                log.info("B2B board of event {}: {}", eventId, change.what());
                return new Applied<>(stored, change.result());
            } catch (OptimisticLockingFailureException raced) {
                meters.counter("cluster.activity.b2b.write.conflicts").increment();
                if (attempt == ATTEMPTS) {
                    throw new ProblemException(
                            HttpStatus.SERVICE_UNAVAILABLE, "event-busy", eventId);
                }
                LockSupport.parkNanos(
                        ThreadLocalRandom.current()
                                .nextLong(100_000L, 1_000_000L * Math.min(attempt, 20)));
            }
        }
    }

    private ExchangeEvent b2bEvent(String eventId) {
        ExchangeEvent event = events.get(eventId);
        if (event.details().kind() != EventKind.B2B_SESSION) {
            throw ProblemException.conflict("not-a-b2b-session", eventId, event.details().kind());
        }
        if (event.state() == EventState.CANCELLED || event.state() == EventState.HELD) {
            throw ProblemException.conflict("event-not-open", eventId, event.state());
        }
        return event;
    }

    private static String memberOf(B2bBoard board, String personId) {
        return board.participant(personId).orElseThrow().memberId();
    }

    /**
     * Bad input is 400; a request to act on someone else's request, 403; unknown, 404; else 409.
     */
    private static ProblemException problem(RuleViolation violation) {
        HttpStatus status =
                switch (violation.code()) {
                    case MeetingRuleViolation.INVALID_SESSION,
                            MeetingRuleViolation.WINDOW_EMPTY,
                            MeetingRuleViolation.TEXT_TOO_LONG,
                            MeetingRuleViolation.TOO_MANY_AWAY ->
                            HttpStatus.BAD_REQUEST;
                    case MeetingRuleViolation.NOT_ASKED -> HttpStatus.FORBIDDEN;
                    case MeetingRuleViolation.NO_SUCH_REQUEST -> HttpStatus.NOT_FOUND;
                    default -> HttpStatus.CONFLICT;
                };
        return new ProblemException(status, violation.code(), violation.args());
    }

    private void count(String change) {
        meters.counter("cluster.activity.b2b.changes", "change", change).increment();
    }
}
