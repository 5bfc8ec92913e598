package coop.cluster.activity.meeting.web;

import coop.cluster.activity.meeting.domain.B2bBoard;
import coop.cluster.activity.meeting.domain.BoardParticipant;
import coop.cluster.activity.meeting.domain.BoardRequest;
import coop.cluster.activity.meeting.domain.BoardSchedule;
import coop.cluster.activity.meeting.domain.MeetingSuggestions;
import coop.cluster.activity.meeting.web.B2bRequests.Window;
import java.time.Instant;
import java.util.List;

/** What the B2B API answers. */
final class B2bViews {

    private B2bViews() {}

    /**
     * A board: its session, its slots, how many participants and requests, and its last run.
     *
     * @param scheduleRun 0 before the first run
     */
    record BoardView(
            String eventId,
            Instant startsAt,
            Instant endsAt,
            long slotMinutes,
            List<Window> breaks,
            int tables,
            List<SlotView> slots,
            int participants,
            int requests,
            long accepted,
            int scheduleRun,
            Instant scheduledAt,
            int scheduledMeetings) {

        static BoardView of(B2bBoard b) {
            var s = b.session();
            var slots = s.slots(B2bBoard.ZONE);
            return new BoardView(
                    b.eventId(),
                    s.window().start(),
                    s.window().end(),
                    s.slotLength().toMinutes(),
                    s.breaks().stream().map(Window::of).toList(),
                    s.tables(),
                    java.util.stream.IntStream.range(0, slots.size())
                            .mapToObj(
                                    i -> new SlotView(i, slots.get(i).start(), slots.get(i).end()))
                            .toList(),
                    b.participants().size(),
                    b.requests().size(),
                    b.requests().stream()
                            .filter(r -> r.state() == BoardRequest.State.ACCEPTED)
                            .count(),
                    b.schedule() == null ? 0 : b.schedule().run(),
                    b.schedule() == null ? null : b.schedule().ranAt(),
                    b.schedule() == null ? 0 : b.schedule().meetings().size());
        }
    }

    record SlotView(int index, Instant startsAt, Instant endsAt) {}

    record ParticipantView(
            String personId,
            String memberId,
            String offers,
            String seeks,
            List<Window> away,
            Instant joinedAt) {

        static ParticipantView of(BoardParticipant p) {
            return new ParticipantView(
                    p.personId(),
                    p.memberId(),
                    p.offers(),
                    p.seeks(),
                    p.away().stream().map(Window::of).toList(),
                    p.joinedAt());
        }
    }

    /**
     * @param state REQUESTED, ACCEPTED or DECLINED
     * @param mutual both asked
     */
    record RequestView(
            String requestId,
            String requesterId,
            String requestedId,
            String state,
            boolean mutual,
            Instant requestedAt,
            Instant answeredAt) {

        static RequestView of(BoardRequest r) {
            return new RequestView(
                    r.requestId(),
                    r.requesterId(),
                    r.requestedId(),
                    r.state().name(),
                    r.mutual(),
                    r.requestedAt(),
                    r.answeredAt());
        }
    }

    /** My requests: those I made and those made to me, in the order they were made. */
    record MyRequests(List<RequestView> made, List<RequestView> received) {}

    /** One meeting of a person's agenda: when, where, and whom they meet. */
    record AgendaEntry(
            int slot,
            Instant startsAt,
            Instant endsAt,
            int table,
            String requestId,
            String withPersonId,
            String withMemberId,
            String withOffers,
            boolean mutual) {}

    /**
     * A person's agenda from the last run (empty before the first).
     *
     * @param run 0 before the first run
     */
    record AgendaView(String eventId, String personId, int run, List<AgendaEntry> meetings) {

        static AgendaView of(B2bBoard b, String personId) {
            BoardSchedule s = b.schedule();
            if (s == null) {
                return new AgendaView(b.eventId(), personId, 0, List.of());
            }
            return new AgendaView(
                    b.eventId(),
                    personId,
                    s.run(),
                    s.agendaOf(personId).stream()
                            .map(
                                    m -> {
                                        String other = m.otherThan(personId);
                                        BoardParticipant p = b.participant(other).orElse(null);
                                        return new AgendaEntry(
                                                m.slot(),
                                                m.startsAt(),
                                                m.endsAt(),
                                                m.table(),
                                                m.requestId(),
                                                other,
                                                p == null ? null : p.memberId(),
                                                p == null ? null : p.offers(),
                                                m.mutual());
                                    })
                            .toList());
        }
    }

    record MeetingView(
            String requestId,
            String requesterId,
            String requestedId,
            int slot,
            Instant startsAt,
            Instant endsAt,
            int table,
            boolean mutual) {

        static MeetingView of(BoardSchedule.Booked m) {
            return new MeetingView(
                    m.requestId(),
                    m.requesterId(),
                    m.requestedId(),
                    m.slot(),
                    m.startsAt(),
                    m.endsAt(),
                    m.table(),
                    m.mutual());
        }
    }

    record LeftView(String requestId, String reason) {}

    /**
     * The whole schedule, for managers: one page of the meetings (slot, then table order), all the
     * accepted requests left out with their reason, and the run.
     */
    record ScheduleView(
            String eventId,
            int run,
            Instant ranAt,
            String ranBy,
            int totalMeetings,
            int page,
            int size,
            List<MeetingView> meetings,
            List<LeftView> unscheduled) {}

    /** The answer to a run: how many scheduled, left out, new or moved, and no longer held. */
    record RunView(
            String eventId,
            int run,
            int scheduled,
            int unscheduled,
            int newOrMoved,
            int removed,
            int participants) {}

    record SuggestionView(
            String personId,
            String memberId,
            String offers,
            String seeks,
            int score,
            List<String> because) {

        static SuggestionView of(MeetingSuggestions.Suggestion s) {
            return new SuggestionView(
                    s.participant().personId(),
                    s.participant().memberId(),
                    s.participant().offers(),
                    s.participant().seeks(),
                    s.score(),
                    s.because());
        }
    }
}
