package coop.cluster.activity.meeting.domain;

import java.util.Comparator;
import java.util.List;

/**
 * A B2B session's schedule: every distinct request either {@link #scheduled()} (a slot and a table)
 * or {@link #unscheduled()} (with its reason); each request of the input is in exactly one of the
 * two lists. Scheduled meetings are in slot, then table order; unscheduled ones in input order.
 */
public record MeetingSchedule(
        B2bSession session,
        List<Slot> slots,
        List<ScheduledMeeting> scheduled,
        List<UnscheduledMeeting> unscheduled) {

    public MeetingSchedule {
        slots = List.copyOf(slots);
        scheduled =
                scheduled.stream()
                        .sorted(
                                Comparator.comparingInt((ScheduledMeeting m) -> m.slot().index())
                                        .thenComparingInt(ScheduledMeeting::table))
                        .toList();
        unscheduled = List.copyOf(unscheduled);
    }

    /** A participant's meetings in time order: their personal agenda. */
    public List<ScheduledMeeting> meetingsOf(String participantId) {
        return scheduled.stream()
                .filter(m -> m.request().participants().contains(participantId))
                .toList();
    }

    /** The meetings held in a slot, by table. */
    public List<ScheduledMeeting> at(int slotIndex) {
        return scheduled.stream().filter(m -> m.slot().index() == slotIndex).toList();
    }

    /** The sum of the scheduled meetings' priority weights. */
    public int scheduledWeight() {
        return scheduled.stream().mapToInt(m -> m.request().priority().weight()).sum();
    }
}
