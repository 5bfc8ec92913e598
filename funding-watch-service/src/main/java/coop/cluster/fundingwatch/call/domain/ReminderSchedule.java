package coop.cluster.fundingwatch.call.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When the reminders of a call are due, and which to send. A reminder is one cut-off and one offset
 * (e.g. 7 days) before it; every call that is not CLOSED has one for each of its cut-offs still in
 * the future and each offset. It is due once {@code now >= deadline - offset}.
 *
 * <p>The rule, per cut-off: of the reminders due and not yet dealt with, only the most imminent one
 * (the smallest offset) is sent; the others are skipped, never sent later. A reminder whose offset
 * is not smaller than one already sent for the same cut-off is skipped too. So a call first seen 2
 * days before its deadline gets the 7-day reminder only (the 30-day one is skipped) and the 1-day
 * one a day later; a sweep that did not run for a week sends one reminder per cut-off, not a
 * backlog. A cut-off that has passed has no reminders. A moved cut-off is a new cut-off: its
 * reminders follow the same rule, and those of the cut-off it replaced are forgotten.
 */
public final class ReminderSchedule {

    private final List<Duration> offsets;

    /**
     * @param offsets how long before each cut-off a reminder is due; positive, in any order,
     *     repeats ignored. Empty: no reminders at all
     */
    public ReminderSchedule(List<Duration> offsets) {
        Objects.requireNonNull(offsets, "offsets");
        offsets.forEach(
                offset -> {
                    if (offset == null || offset.isNegative() || offset.isZero()) {
                        throw new IllegalArgumentException(
                                "reminder offsets are positive durations, got " + offset);
                    }
                });
        this.offsets = offsets.stream().distinct().sorted(Comparator.reverseOrder()).toList();
    }

    /** The offsets, largest (earliest reminder) first. */
    public List<Duration> offsets() {
        return offsets;
    }

    /**
     * What to do with {@code call}'s reminders at {@code now}.
     *
     * @param after the call with the reminders dealt with now added (and those of cut-offs it no
     *     longer has dropped); the same call when there is nothing to record
     * @param send the reminders to publish now, with the write of {@code after}; at most one per
     *     cut-off
     * @param skipped the reminders passed over now
     */
    public record Decision(TrackedCall after, List<ReminderKey> send, List<ReminderKey> skipped) {

        public Decision {
            send = List.copyOf(send);
            skipped = List.copyOf(skipped);
        }

        /** True when there is no reminder to publish or skip. */
        public boolean isEmpty() {
            return send.isEmpty() && skipped.isEmpty();
        }
    }

    /** Which of {@code call}'s reminders to send and skip at {@code now}. */
    public Decision decide(TrackedCall call, Instant now) {
        Reminders reminders = call.reminders().forDeadlines(call.call().deadlines());
        List<ReminderKey> send = new ArrayList<>();
        List<ReminderKey> skip = new ArrayList<>();
        if (!call.isClosed()) {
            for (Instant deadline : call.call().deadlines()) {
                if (!deadline.isAfter(now)) {
                    continue;
                }
                Optional<Duration> smallestSent = reminders.smallestSent(deadline);
                List<ReminderKey> due =
                        offsets.stream()
                                .map(offset -> new ReminderKey(deadline, offset))
                                .filter(
                                        key ->
                                                !reminders.handled(key)
                                                        && !key.moment().isAfter(now))
                                .toList();
                // offsets are largest first: the last one due is the most imminent
                for (int i = 0; i < due.size(); i++) {
                    ReminderKey key = due.get(i);
                    boolean mostImminent = i == due.size() - 1;
                    boolean superseded =
                            smallestSent
                                    .filter(sent -> key.offset().compareTo(sent) >= 0)
                                    .isPresent();
                    (mostImminent && !superseded ? send : skip).add(key);
                }
            }
        }
        TrackedCall after =
                send.isEmpty() && skip.isEmpty() && reminders.equals(call.reminders())
                        ? call
                        : call.withReminders(reminders.plus(send, skip));
        return new Decision(after, send, skip);
    }

    /**
     * The next moment one of {@code call}'s reminders is due, as seen at {@code now}: the earliest
     * {@code deadline - offset} of the reminders not dealt with whose cut-off is after {@code now}.
     * It is not after {@code now} when one is due already (a call seen late). Empty for a closed
     * call, or when no reminder is left.
     */
    public Optional<Instant> nextReminderAt(TrackedCall call, Instant now) {
        if (call.isClosed()) {
            return Optional.empty();
        }
        Instant next = null;
        for (Instant deadline : call.call().deadlines()) {
            if (!deadline.isAfter(now)) {
                continue;
            }
            for (Duration offset : offsets) {
                ReminderKey key = new ReminderKey(deadline, offset);
                if (!call.reminders().handled(key)
                        && (next == null || key.moment().isBefore(next))) {
                    next = key.moment();
                }
            }
        }
        return Optional.ofNullable(next);
    }
}
