package coop.cluster.activity.meeting.persistence;

import coop.cluster.activity.meeting.domain.B2bBoard;
import coop.cluster.activity.meeting.domain.BoardParticipant;
import coop.cluster.activity.meeting.domain.BoardRequest;
import coop.cluster.activity.meeting.domain.BoardSchedule;
import coop.cluster.activity.meeting.domain.BoardSession;
import coop.cluster.activity.meeting.domain.Interval;
import coop.cluster.plumbing.events.PendingEvent;
import coop.cluster.plumbing.outbox.OutboxWriter;
import coop.cluster.plumbing.outbox.VersionedDocuments;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/**
 * B2B boards, one document per exchange event in {@code b2b_boards}; every change goes out with its
 * events in the same single-document write, conditional on the version it was read with ({@link
 * VersionedDocuments}): the store has no transactions, and the board needs none.
 */
@Repository
public class BoardStore {

    private final VersionedDocuments<B2bBoard, BoardDocument> boards;

    BoardStore(MongoTemplate mongo, OutboxWriter outbox) {
        this.boards =
                VersionedDocuments.of(
                        mongo,
                        outbox,
                        BoardDocument.class,
                        BoardStore::toDocument,
                        BoardStore::toDomain);
    }

    /**
     * @throws org.springframework.dao.DuplicateKeyException if the event has a board already
     */
    public B2bBoard add(B2bBoard board, List<PendingEvent> announced) {
        return boards.insert(board, announced);
    }

    /**
     * @throws org.springframework.dao.OptimisticLockingFailureException if someone changed it since
     *     it was read
     */
    public B2bBoard update(B2bBoard board, List<PendingEvent> announced) {
        return boards.update(board, announced);
    }

    /** Always the stored board: never a kept copy. */
    public Optional<B2bBoard> find(String eventId) {
        return boards.find(eventId);
    }

    private static BoardDocument toDocument(B2bBoard b) {
        BoardSession s = b.session();
        BoardSchedule schedule = b.schedule();
        return new BoardDocument(
                b.eventId(),
                s.window().start(),
                s.window().end(),
                s.slotLength().toMinutes(),
                s.breaks().stream().map(BoardStore::window).toList(),
                s.tables(),
                b.participants().stream()
                        .map(
                                p ->
                                        new BoardDocument.ParticipantDoc(
                                                p.personId(),
                                                p.memberId(),
                                                p.offers(),
                                                p.seeks(),
                                                p.away().stream().map(BoardStore::window).toList(),
                                                p.joinedAt()))
                        .toList(),
                b.requests().stream()
                        .map(
                                r ->
                                        new BoardDocument.RequestDoc(
                                                r.requestId(),
                                                r.requesterId(),
                                                r.requestedId(),
                                                r.state().name(),
                                                r.mutual(),
                                                r.requestedAt(),
                                                r.answeredAt()))
                        .toList(),
                schedule == null
                        ? null
                        : new BoardDocument.ScheduleDoc(
                                schedule.run(),
                                schedule.ranAt(),
                                schedule.ranBy(),
                                schedule.meetings().stream()
                                        .map(
                                                m ->
                                                        new BoardDocument.MeetingDoc(
                                                                m.requestId(),
                                                                m.requesterId(),
                                                                m.requestedId(),
                                                                m.slot(),
                                                                m.startsAt(),
                                                                m.endsAt(),
                                                                m.table(),
                                                                m.mutual()))
                                        .toList(),
                                schedule.unscheduled().stream()
                                        .map(
                                                l ->
                                                        new BoardDocument.LeftDoc(
                                                                l.requestId(), l.reason()))
                                        .toList()),
                b.changedAt(),
                b.version());
    }

    private static B2bBoard toDomain(BoardDocument d) {
        BoardDocument.ScheduleDoc s = d.schedule();
        return new B2bBoard(
                d.id(),
                new BoardSession(
                        new Interval(d.startsAt(), d.endsAt()),
                        Duration.ofMinutes(d.slotMinutes()),
                        intervals(d.breaks()),
                        d.tables()),
                list(d.participants()).stream()
                        .map(
                                p ->
                                        new BoardParticipant(
                                                p.personId(),
                                                p.memberId(),
                                                p.offers(),
                                                p.seeks(),
                                                intervals(p.away()),
                                                p.joinedAt()))
                        .toList(),
                list(d.requests()).stream()
                        .map(
                                r ->
                                        new BoardRequest(
                                                r.requestId(),
                                                r.requesterId(),
                                                r.requestedId(),
                                                BoardRequest.State.valueOf(r.state()),
                                                r.mutual(),
                                                r.requestedAt(),
                                                r.answeredAt()))
                        .toList(),
                s == null
                        ? null
                        : new BoardSchedule(
                                s.run(),
                                s.ranAt(),
                                s.ranBy(),
                                list(s.meetings()).stream()
                                        .map(
                                                m ->
                                                        new BoardSchedule.Booked(
                                                                m.requestId(),
                                                                m.requesterId(),
                                                                m.requestedId(),
                                                                m.slot(),
                                                                m.startsAt(),
                                                                m.endsAt(),
                                                                m.table(),
                                                                m.mutual()))
                                        .toList(),
                                list(s.left()).stream()
                                        .map(l -> new BoardSchedule.Left(l.requestId(), l.reason()))
                                        .toList()),
                d.changedAt(),
                d.version());
    }

    private static BoardDocument.Window window(Interval i) {
        return new BoardDocument.Window(i.start(), i.end());
    }

    private static List<Interval> intervals(List<BoardDocument.Window> windows) {
        return list(windows).stream().map(w -> new Interval(w.start(), w.end())).toList();
    }

    private static <T> List<T> list(List<T> maybe) {
        return maybe == null ? List.of() : maybe;
    }
}
