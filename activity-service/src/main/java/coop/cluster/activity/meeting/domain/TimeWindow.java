package coop.cluster.activity.meeting.domain;

import java.time.LocalTime;
import java.util.Objects;

/** A stretch of the session's day, {@code [start, end)}: a break, or a time someone is away. */
public record TimeWindow(LocalTime start, LocalTime end) {

    public TimeWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new MeetingRuleViolation(
                    MeetingRuleViolation.WINDOW_EMPTY, start.toString(), end.toString());
        }
    }

    /** Whether the two half-open windows share at least an instant. */
    public boolean overlaps(LocalTime from, LocalTime to) {
        return from.isBefore(end) && start.isBefore(to);
    }
}
