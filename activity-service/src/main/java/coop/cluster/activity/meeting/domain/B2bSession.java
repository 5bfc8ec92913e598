package coop.cluster.activity.meeting.domain;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A B2B meetings session at a cluster event: on {@code day}, from {@code start} to {@code end}, cut
 * into slots of {@code slotLength} (20 minutes is usual), none overlapping a break, with {@code
 * tables} meeting tables. Slots are laid from the start; a slot that would overlap a break is not
 * laid and the next one starts at the break's end. A slot that would run past the end is not laid.
 */
public record B2bSession(
        LocalDate day,
        LocalTime start,
        LocalTime end,
        Duration slotLength,
        List<TimeWindow> breaks,
        int tables) {

    public B2bSession {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(slotLength, "slotLength");
        breaks = List.copyOf(breaks);
        if (!end.isAfter(start)) {
            throw new MeetingRuleViolation(
                    MeetingRuleViolation.INVALID_SESSION, "the session ends before it starts");
        }
        if (slotLength.isNegative() || slotLength.isZero()) {
            throw new MeetingRuleViolation(
                    MeetingRuleViolation.INVALID_SESSION, "the slot length is not positive");
        }
        if (tables < 1) {
            throw new MeetingRuleViolation(
                    MeetingRuleViolation.INVALID_SESSION, "the session has no table");
        }
    }

    /** A session without breaks. */
    public static B2bSession of(
            LocalDate day, LocalTime start, LocalTime end, Duration slotLength, int tables) {
        return new B2bSession(day, start, end, slotLength, List.of(), tables);
    }

    /** The session's slots in time order; {@code slots().get(i).index() == i}. */
    public List<Slot> slots() {
        List<Slot> slots = new ArrayList<>();
        LocalTime from = start;
        while (fits(from)) {
            LocalTime to = from.plus(slotLength);
            TimeWindow pause = breakOver(from, to);
            if (pause == null) {
                slots.add(new Slot(slots.size(), from, to));
                from = to;
            } else {
                from = pause.end();
            }
        }
        return List.copyOf(slots);
    }

    /** The indexes of the slots that overlap {@code window}, e.g. a participant's time away. */
    public Set<Integer> slotsDuring(TimeWindow window) {
        Set<Integer> indexes = new TreeSet<>();
        for (Slot slot : slots()) {
            if (window.overlaps(slot.start(), slot.end())) {
                indexes.add(slot.index());
            }
        }
        return indexes;
    }

    /** Whether a slot starting at {@code from} ends within the session (and the day). */
    private boolean fits(LocalTime from) {
        if (from.isBefore(start)) {
            return false; // the slot length carried past midnight
        }
        LocalTime to = from.plus(slotLength);
        return !to.isBefore(from)
                && !to.isAfter(end)
                && Duration.between(from, to).equals(slotLength);
    }

    private TimeWindow breakOver(LocalTime from, LocalTime to) {
        TimeWindow first = null;
        for (TimeWindow pause : breaks) {
            if (pause.overlaps(from, to) && (first == null || pause.end().isAfter(first.end()))) {
                first = pause;
            }
        }
        return first;
    }
}
