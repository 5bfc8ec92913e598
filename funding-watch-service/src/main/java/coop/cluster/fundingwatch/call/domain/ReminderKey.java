package coop.cluster.fundingwatch.call.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Objects;

/**
 * One reminder of one call: a cut-off and an offset before it. Its text form, {@code
 * <deadline>|<offset>} such as {@code 2026-09-15T15:00:00Z|P7D}, is what the call's document
 * records once the reminder is sent or skipped.
 *
 * @param deadline the cut-off the reminder is for
 * @param offset how long before it the reminder is due; positive
 */
public record ReminderKey(Instant deadline, Duration offset) implements Comparable<ReminderKey> {

    /**
     * Earliest deadline first; for one deadline, the largest offset (the earliest reminder) first.
     */
    private static final Comparator<ReminderKey> ORDER =
            Comparator.comparing(ReminderKey::deadline)
                    .thenComparing(ReminderKey::offset, Comparator.reverseOrder());

    public ReminderKey {
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(offset, "offset");
        if (offset.isNegative() || offset.isZero()) {
            throw new IllegalArgumentException("a reminder offset is positive, was " + offset);
        }
    }

    /** When the reminder is due: {@code offset} before the deadline. */
    public Instant moment() {
        return deadline.minus(offset);
    }

    /** {@code <deadline>|<offset>}, the offset as {@link #iso(Duration)} writes it. */
    @Override
    public String toString() {
        return deadline + "|" + iso(offset);
    }

    /**
     * Reads {@link #toString()}'s form.
     *
     * @throws IllegalArgumentException when {@code text} is not of that form
     */
    public static ReminderKey parse(String text) {
        int bar = text == null ? -1 : text.indexOf('|');
        if (bar < 0) {
            throw new IllegalArgumentException("not a reminder key: " + text);
        }
        try {
            return new ReminderKey(
                    Instant.parse(text.substring(0, bar)), Duration.parse(text.substring(bar + 1)));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a reminder key: " + text, e);
        }
    }

    /**
     * An offset in ISO-8601 as people read it: whole days as {@code P7D} ({@link
     * Duration#toString()} would say {@code PT168H}), anything else as {@link Duration#toString()}
     * does ({@code PT36H}, {@code PT90M}).
     */
    public static String iso(Duration offset) {
        if (!offset.isNegative()
                && !offset.isZero()
                && offset.toSeconds() % 86_400 == 0
                && offset.getNano() == 0) {
            return "P" + offset.toDays() + "D";
        }
        return offset.toString();
    }

    @Override
    public int compareTo(ReminderKey other) {
        return ORDER.compare(this, other);
    }
}
