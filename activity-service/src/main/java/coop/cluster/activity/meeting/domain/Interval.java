package coop.cluster.activity.meeting.domain;

import java.time.Instant;
import java.util.Objects;

/** A stretch of time, {@code [start, end)}: a session, a break, a time a participant is away. */
public record Interval(Instant start, Instant end) {

    public Interval {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new MeetingRuleViolation(
                    MeetingRuleViolation.WINDOW_EMPTY, start.toString(), end.toString());
        }
    }

    public boolean overlaps(Interval other) {
        return other.start.isBefore(end) && start.isBefore(other.end);
    }

    public boolean contains(Interval other) {
        return !other.start.isBefore(start) && !other.end.isAfter(end);
    }
}
