package coop.cluster.activity.meeting.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A board's session as a manager sets it, in instants: its time window ({@code within} the event's,
 * on one day of the cluster's time zone), the slot length (5 to 120 minutes), the breaks (at most
 * {@link #MAX_BREAKS}, within the window) and the tables (1 to {@link #MAX_TABLES}). {@link
 * #toSession} is the scheduler's {@link B2bSession} for it.
 */
public record BoardSession(
        Interval window, Duration slotLength, List<Interval> breaks, int tables) {

    public static final int MAX_BREAKS = 10;
    public static final int MAX_TABLES = 1000;

    public BoardSession {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(slotLength, "slotLength");
        breaks = List.copyOf(breaks);
        if (slotLength.compareTo(Duration.ofMinutes(5)) < 0
                || slotLength.compareTo(Duration.ofMinutes(120)) > 0) {
            throw new MeetingRuleViolation(
                    MeetingRuleViolation.INVALID_SESSION, "a slot lasts 5 to 120 minutes");
        }
        if (tables < 1 || tables > MAX_TABLES) {
            throw new MeetingRuleViolation(
                    MeetingRuleViolation.INVALID_SESSION, "a session has 1 to 1000 tables");
        }
        if (breaks.size() > MAX_BREAKS) {
            throw new MeetingRuleViolation(
                    MeetingRuleViolation.INVALID_SESSION, "a session has 10 breaks at most");
        }
        for (Interval pause : breaks) {
            if (!window.contains(pause)) {
                throw new MeetingRuleViolation(
                        MeetingRuleViolation.INVALID_SESSION, "a break is within the session");
            }
        }
    }

    /**
     * The scheduler's session, in {@code zone}.
     *
     * @throws MeetingRuleViolation when the window is not within one day of {@code zone}
     */
    public B2bSession toSession(ZoneId zone) {
        ZonedDateTime from = window.start().atZone(zone);
        ZonedDateTime to = window.end().atZone(zone);
        if (!from.toLocalDate().equals(to.toLocalDate())
                && !to.toLocalTime().equals(LocalTime.MIDNIGHT)) {
            throw new MeetingRuleViolation(
                    MeetingRuleViolation.INVALID_SESSION, "a session is held on one day");
        }
        LocalTime end =
                to.toLocalDate().equals(from.toLocalDate()) ? to.toLocalTime() : LocalTime.MAX;
        return new B2bSession(
                from.toLocalDate(),
                from.toLocalTime(),
                end,
                slotLength,
                breaks.stream().map(b -> local(b, zone)).toList(),
                tables);
    }

    /** The indexes of the slots of {@link #toSession} that overlap any of {@code away}. */
    public Set<Integer> slotsDuring(List<Interval> away, ZoneId zone) {
        B2bSession session = toSession(zone);
        Set<Integer> slots = new TreeSet<>();
        for (Interval interval : away) {
            if (!interval.overlaps(window)) {
                continue;
            }
            Instant from =
                    interval.start().isBefore(window.start()) ? window.start() : interval.start();
            Instant to = interval.end().isAfter(window.end()) ? window.end() : interval.end();
            slots.addAll(session.slotsDuring(local(new Interval(from, to), zone)));
        }
        return slots;
    }

    /** The session's slots in time order, as instants. */
    public List<Interval> slots(ZoneId zone) {
        B2bSession session = toSession(zone);
        return session.slots().stream()
                .map(
                        s ->
                                new Interval(
                                        at(session.day(), s.start(), zone),
                                        at(session.day(), s.end(), zone)))
                .toList();
    }

    /** A time of the session's day, as an instant. */
    public static Instant at(LocalDate day, LocalTime time, ZoneId zone) {
        return day.atTime(time).atZone(zone).toInstant();
    }

    private TimeWindow local(Interval interval, ZoneId zone) {
        LocalTime from = interval.start().atZone(zone).toLocalTime();
        ZonedDateTime to = interval.end().atZone(zone);
        LocalTime end =
                to.toLocalDate().equals(interval.start().atZone(zone).toLocalDate())
                        ? to.toLocalTime()
                        : LocalTime.MAX;
        return new TimeWindow(from, end);
    }
}
