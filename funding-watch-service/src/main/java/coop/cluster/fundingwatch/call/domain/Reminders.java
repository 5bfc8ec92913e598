package coop.cluster.fundingwatch.call.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The reminders of a call already dealt with: sent, or skipped because a more imminent one went out
 * instead. A reminder dealt with is never sent again; that is what makes each one go out once, and
 * it is stored in the call's own document, written in the same conditional write as the event.
 *
 * @param sent the reminders published
 * @param skipped the reminders passed over without being published (see {@link ReminderSchedule})
 */
public record Reminders(SortedSet<ReminderKey> sent, SortedSet<ReminderKey> skipped) {

    /** A call no reminder was dealt with for yet. */
    public static final Reminders NONE = new Reminders(new TreeSet<>(), new TreeSet<>());

    public Reminders {
        sent = immutable(sent);
        skipped = immutable(skipped);
        Set<ReminderKey> both = new HashSet<>(sent);
        both.retainAll(skipped);
        if (!both.isEmpty()) {
            throw new IllegalArgumentException("a reminder is sent or skipped, not both: " + both);
        }
    }

    public static Reminders of(Collection<ReminderKey> sent, Collection<ReminderKey> skipped) {
        return new Reminders(new TreeSet<>(sent), new TreeSet<>(skipped));
    }

    /** True when the reminder was sent or skipped already. */
    public boolean handled(ReminderKey key) {
        return sent.contains(key) || skipped.contains(key);
    }

    /** The smallest offset sent for {@code deadline}: the most imminent reminder it had. */
    public Optional<Duration> smallestSent(Instant deadline) {
        return sent.stream()
                .filter(k -> k.deadline().equals(deadline))
                .map(ReminderKey::offset)
                .min(Duration::compareTo);
    }

    /** These reminders and {@code newlySent} and {@code newlySkipped}. */
    public Reminders plus(Collection<ReminderKey> newlySent, Collection<ReminderKey> newlySkipped) {
        SortedSet<ReminderKey> s = new TreeSet<>(sent);
        s.addAll(newlySent);
        SortedSet<ReminderKey> k = new TreeSet<>(skipped);
        k.addAll(newlySkipped);
        return new Reminders(s, k);
    }

    /**
     * Only the reminders of the cut-offs in {@code deadlines}: those of a cut-off the call no
     * longer has go.
     */
    public Reminders forDeadlines(List<Instant> deadlines) {
        Set<Instant> kept = new HashSet<>(deadlines);
        if (sent.stream().allMatch(k -> kept.contains(k.deadline()))
                && skipped.stream().allMatch(k -> kept.contains(k.deadline()))) {
            return this;
        }
        SortedSet<ReminderKey> s = new TreeSet<>(sent);
        s.removeIf(k -> !kept.contains(k.deadline()));
        SortedSet<ReminderKey> k = new TreeSet<>(skipped);
        k.removeIf(key -> !kept.contains(key.deadline()));
        return new Reminders(s, k);
    }

    private static SortedSet<ReminderKey> immutable(SortedSet<ReminderKey> keys) {
        return keys == null
                ? java.util.Collections.emptySortedSet()
                : java.util.Collections.unmodifiableSortedSet(new TreeSet<>(keys));
    }
}
