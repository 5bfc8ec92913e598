package coop.cluster.activity.meeting.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The B2B meetings of one exchange event: the session a manager set, the participants (confirmed
 * registrants who joined, with what they offer and seek), their meeting requests and answers, and
 * the schedule of the last run. One aggregate, bounded ({@link #MAX_PARTICIPANTS}, {@link
 * #MAX_REQUESTS}, {@link #MAX_REQUESTS_PER_PERSON}), so every command is one write of one document
 * with the events that announce it. Immutable: every change answers a new board.
 *
 * <p>Rules: a participant joins once (joining again updates their profile); a request is between
 * two participants of different organisations, once per pair while it stands (a declined one may be
 * made again); a request the other side already made, still open or accepted, is not a second
 * request but makes the first mutual (and accepted); only the requested one answers, once; the
 * schedule runs on the accepted requests between participants still confirmed, before the session
 * starts, and replaces the previous one.
 *
 * @param eventId the exchange event's id, the board's id too
 * @param version the stored version it was read with; null before the first write
 */
public record B2bBoard(
        String eventId,
        BoardSession session,
        List<BoardParticipant> participants,
        List<BoardRequest> requests,
        BoardSchedule schedule,
        Instant changedAt,
        Long version) {

    public static final int MAX_PARTICIPANTS = 2000;
    public static final int MAX_REQUESTS = 10_000;
    public static final int MAX_REQUESTS_PER_PERSON = 30;

    public B2bBoard {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(session, "session");
        participants = List.copyOf(participants);
        requests = List.copyOf(requests);
    }

    /** A new board for {@code eventId}, with its session. */
    public static B2bBoard open(String eventId, BoardSession session, Instant now) {
        return new B2bBoard(eventId, session, List.of(), List.of(), null, now, null);
    }

    /** The session set anew; the stored schedule stays until the next run. */
    public B2bBoard withSession(BoardSession next, Instant now) {
        next.toSession(B2bBoard.ZONE); // one day
        return new B2bBoard(eventId, next, participants, requests, schedule, now, version);
    }

    /** The cluster's time zone: the session's slots are laid on its clock. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Brussels");

    public Optional<BoardParticipant> participant(String personId) {
        return participants.stream().filter(p -> p.personId().equals(personId)).findFirst();
    }

    public Optional<BoardRequest> request(String requestId) {
        return requests.stream().filter(r -> r.requestId().equals(requestId)).findFirst();
    }

    /** The requests {@code personId} made or received, in the order they were made. */
    public List<BoardRequest> requestsOf(String personId) {
        return requests.stream().filter(r -> r.involves(personId)).toList();
    }

    /**
     * {@code who} joins the board, or updates their profile if they joined already.
     *
     * @return the board, and whether they joined just now
     */
    public Joined join(BoardParticipant who) {
        List<BoardParticipant> next = new ArrayList<>(participants);
        Optional<BoardParticipant> known = participant(who.personId());
        if (known.isPresent()) {
            BoardParticipant before = known.get();
            next.set(
                    next.indexOf(before),
                    new BoardParticipant(
                            who.personId(),
                            before.memberId(),
                            who.offers(),
                            who.seeks(),
                            who.away(),
                            before.joinedAt()));
        } else {
            if (participants.size() >= MAX_PARTICIPANTS) {
                throw new MeetingRuleViolation(
                        MeetingRuleViolation.BOARD_FULL, eventId, MAX_PARTICIPANTS);
            }
            next.add(who);
        }
        return new Joined(with(next, requests, schedule, who.joinedAt()), known.isEmpty());
    }

    public record Joined(B2bBoard board, boolean isNew) {}

    /**
     * {@code requester} asks to meet {@code requested}.
     *
     * @return the board and the request: a new one ({@code REQUESTED}), or the other side's earlier
     *     request, now accepted and mutual
     * @throws MeetingRuleViolation when either is no participant, they are one organisation, the
     *     request stands already, or a bound is reached
     */
    public Requested request(String requestId, String requester, String requested, Instant now) {
        BoardParticipant from = known(requester);
        BoardParticipant to = known(requested);
        if (requester.equals(requested)) {
            throw new MeetingRuleViolation(MeetingRuleViolation.SELF_MEETING, requestId, requester);
        }
        if (from.memberId().equals(to.memberId())) {
            throw new MeetingRuleViolation(
                    MeetingRuleViolation.ONE_ORGANISATION, requestId, from.memberId());
        }
        for (BoardRequest r : requests) {
            if (!r.between(requester, requested) || r.state() == BoardRequest.State.DECLINED) {
                continue;
            }
            if (r.requesterId().equals(requester) || r.mutual()) {
                throw new MeetingRuleViolation(
                        MeetingRuleViolation.ALREADY_REQUESTED, requester, requested);
            }
            // the other side asked first: both asked, a mutual meeting
            BoardRequest mutual = r.answered(BoardRequest.State.ACCEPTED, true, now);
            return new Requested(replaced(r, mutual, now), mutual, false);
        }
        if (requests.size() >= MAX_REQUESTS) {
            throw new MeetingRuleViolation(MeetingRuleViolation.BOARD_FULL, eventId, MAX_REQUESTS);
        }
        long made =
                requests.stream()
                        .filter(r -> r.requesterId().equals(requester))
                        .filter(r -> r.state() != BoardRequest.State.DECLINED)
                        .count();
        if (made >= MAX_REQUESTS_PER_PERSON) {
            throw new MeetingRuleViolation(
                    MeetingRuleViolation.TOO_MANY_REQUESTS, requester, MAX_REQUESTS_PER_PERSON);
        }
        BoardRequest made0 =
                new BoardRequest(
                        requestId,
                        requester,
                        requested,
                        BoardRequest.State.REQUESTED,
                        false,
                        now,
                        null);
        List<BoardRequest> next = new ArrayList<>(requests);
        next.add(made0);
        return new Requested(with(participants, next, schedule, now), made0, true);
    }

    /**
     * @param isNew false when the request was the other side's, made mutual
     */
    public record Requested(B2bBoard board, BoardRequest request, boolean isNew) {}

    /**
     * {@code by} accepts or declines request {@code requestId} made to them.
     *
     * @throws MeetingRuleViolation when there is no such request, {@code by} is not the one asked,
     *     or it is answered already
     */
    public Answered answer(String requestId, String by, boolean accept, Instant now) {
        BoardRequest r =
                request(requestId)
                        .orElseThrow(
                                () ->
                                        new MeetingRuleViolation(
                                                MeetingRuleViolation.NO_SUCH_REQUEST, requestId));
        if (!r.requestedId().equals(by)) {
            throw new MeetingRuleViolation(MeetingRuleViolation.NOT_ASKED, requestId);
        }
        if (r.state() != BoardRequest.State.REQUESTED) {
            throw new MeetingRuleViolation(
                    MeetingRuleViolation.ALREADY_ANSWERED, requestId, r.state());
        }
        BoardRequest next =
                r.answered(
                        accept ? BoardRequest.State.ACCEPTED : BoardRequest.State.DECLINED,
                        false,
                        now);
        return new Answered(replaced(r, next, now), next);
    }

    public record Answered(B2bBoard board, BoardRequest request) {}

    /**
     * Runs {@code scheduler} on the accepted requests between participants still in {@code
     * confirmed} (people whose registration holds a place), before the session starts; the new
     * schedule replaces the previous one.
     *
     * @return the board, and what changed for meetings already scheduled: new or moved meetings,
     *     and the previous schedule's meetings no longer in it
     * @throws MeetingRuleViolation when the session has started
     */
    public Scheduled schedule(
            Set<String> confirmed, MeetingScheduler scheduler, String by, Instant now) {
        if (!now.isBefore(session.window().start())) {
            throw new MeetingRuleViolation(MeetingRuleViolation.SESSION_STARTED, eventId);
        }
        B2bSession local = session.toSession(ZONE);
        List<Participant> people = new ArrayList<>();
        Set<String> present = new HashSet<>();
        for (BoardParticipant p : participants) {
            if (confirmed.contains(p.personId())) {
                people.add(
                        new Participant(
                                p.personId(), p.memberId(), session.slotsDuring(p.away(), ZONE)));
                present.add(p.personId());
            }
        }
        List<MeetingRequest> accepted = new ArrayList<>();
        Map<String, BoardRequest> byId = new HashMap<>();
        for (BoardRequest r : requests) {
            if (r.state() == BoardRequest.State.ACCEPTED
                    && present.contains(r.requesterId())
                    && present.contains(r.requestedId())) {
                accepted.add(
                        MeetingRequest.between(
                                r.requestId(), r.requesterId(), r.requestedId(), r.priority()));
                byId.put(r.requestId(), r);
            }
        }
        MeetingSchedule computed = scheduler.schedule(local, people, accepted);
        List<BoardSchedule.Booked> booked = new ArrayList<>();
        for (ScheduledMeeting m : computed.scheduled()) {
            BoardRequest r = byId.get(m.request().id());
            booked.add(
                    new BoardSchedule.Booked(
                            r.requestId(),
                            r.requesterId(),
                            r.requestedId(),
                            m.slot().index(),
                            BoardSession.at(local.day(), m.slot().start(), ZONE),
                            BoardSession.at(local.day(), m.slot().end(), ZONE),
                            m.table(),
                            r.mutual()));
        }
        List<BoardSchedule.Left> left =
                computed.unscheduled().stream()
                        .map(u -> new BoardSchedule.Left(u.request().id(), u.reason().name()))
                        .toList();
        BoardSchedule next =
                new BoardSchedule(schedule == null ? 1 : schedule.run() + 1, now, by, booked, left);

        // what changed for what was scheduled before
        Map<String, BoardSchedule.Booked> before = new HashMap<>();
        if (schedule != null) {
            schedule.meetings().forEach(m -> before.put(m.requestId(), m));
        }
        List<Change> changed = new ArrayList<>();
        Set<String> still = new HashSet<>();
        for (BoardSchedule.Booked m : booked) {
            still.add(m.requestId());
            BoardSchedule.Booked previous = before.get(m.requestId());
            if (previous == null || !previous.samePlaceAs(m)) {
                changed.add(new Change(m, previous));
            }
        }
        Map<String, String> reasons = new HashMap<>();
        left.forEach(l -> reasons.put(l.requestId(), l.reason()));
        List<Removed> removed = new ArrayList<>();
        if (schedule != null) {
            for (BoardSchedule.Booked m : schedule.meetings()) {
                if (!still.contains(m.requestId())) {
                    removed.add(
                            new Removed(
                                    m, reasons.getOrDefault(m.requestId(), "PARTICIPANT_LEFT")));
                }
            }
        }
        return new Scheduled(with(participants, requests, next, now), changed, removed);
    }

    /** A meeting newly scheduled ({@code previous} null) or moved from {@code previous}. */
    public record Change(BoardSchedule.Booked meeting, BoardSchedule.Booked previous) {}

    /** A meeting of the previous schedule that the new one does not hold, and why. */
    public record Removed(BoardSchedule.Booked meeting, String reason) {}

    public record Scheduled(B2bBoard board, List<Change> changed, List<Removed> removed) {}

    private BoardParticipant known(String personId) {
        return participant(personId)
                .orElseThrow(
                        () ->
                                new MeetingRuleViolation(
                                        MeetingRuleViolation.NOT_A_PARTICIPANT, personId, eventId));
    }

    private B2bBoard replaced(BoardRequest before, BoardRequest after, Instant now) {
        List<BoardRequest> next = new ArrayList<>(requests);
        next.set(next.indexOf(before), after);
        return with(participants, next, schedule, now);
    }

    private B2bBoard with(
            List<BoardParticipant> nextParticipants,
            List<BoardRequest> nextRequests,
            BoardSchedule nextSchedule,
            Instant now) {
        return new B2bBoard(
                eventId, session, nextParticipants, nextRequests, nextSchedule, now, version);
    }
}
