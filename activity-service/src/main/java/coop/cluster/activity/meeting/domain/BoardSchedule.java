package coop.cluster.activity.meeting.domain;

import java.time.Instant;
import java.util.List;

/**
 * The schedule a board keeps from its last run: the run's number (1 for the first), when and by
 * whom it ran, the meetings in slot then table order, and the accepted requests left out, with
 * their reason ({@link UnscheduledMeeting.Reason}).
 */
public record BoardSchedule(
        int run, Instant ranAt, String ranBy, List<Booked> meetings, List<Left> unscheduled) {

    public BoardSchedule {
        meetings = List.copyOf(meetings);
        unscheduled = List.copyOf(unscheduled);
    }

    /**
     * A scheduled meeting: the request it comes from, its two people, its slot (index and time) and
     * table (from 1).
     */
    public record Booked(
            String requestId,
            String requesterId,
            String requestedId,
            int slot,
            Instant startsAt,
            Instant endsAt,
            int table,
            boolean mutual) {

        public boolean involves(String personId) {
            return requesterId.equals(personId) || requestedId.equals(personId);
        }

        /** The other side of the meeting, for {@code personId}. */
        public String otherThan(String personId) {
            return requesterId.equals(personId) ? requestedId : requesterId;
        }

        /** Whether it is held at the same time and table as {@code other}. */
        public boolean samePlaceAs(Booked other) {
            return slot == other.slot && table == other.table && startsAt.equals(other.startsAt);
        }
    }

    /** An accepted request the run left out, and why. */
    public record Left(String requestId, String reason) {}

    /** {@code personId}'s meetings in time order. */
    public List<Booked> agendaOf(String personId) {
        return meetings.stream().filter(m -> m.involves(personId)).toList();
    }
}
