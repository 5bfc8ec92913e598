package coop.cluster.notification.digest;

import coop.cluster.notification.notify.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Which gathered notices go out together, and under which id: plain rules over the notices' keys
 * and times (no store, no Spring; {@code GatheringTest}). The id of a batch is derived from what
 * defines it, so every instance and every run that sees the same notices names the same batch, and
 * its single insert decides which one sends it.
 *
 * <ul>
 *   <li>A <b>burst</b> is one person's notices of one kind from the first one still untaken to
 *       {@code window} after it; it is due once that window has ended. Its id derives from its
 *       first notice.
 *   <li>A <b>daily or weekly digest</b> is one person's notices of that period gathered before the
 *       period's boundary ({@link Schedule}); its id derives from the person and the period's name.
 * </ul>
 */
public final class Gathering {

    /**
     * The order of notices: by the time they were gathered, then by id (a total order every
     * instance agrees on).
     */
    public static final Comparator<Gathered> ORDER =
            Comparator.comparing(Gathered::gatheredAt).thenComparing(Gathered::id);

    private Gathering() {}

    /** A gathered notice, as far as the rules need it. */
    public record Gathered(
            String id, String personId, Kind kind, Period period, Instant gatheredAt) {}

    /**
     * Notices to send as one message.
     *
     * @param name what defines the batch: {@code burst:<first notice id>} or {@code
     *     daily:2026-12-07:<person>}
     * @param kind the kind of a burst's notices; null for a daily or weekly digest
     * @param noticeIds in order, the first first
     */
    public record Batch(
            String id,
            String name,
            String personId,
            Period period,
            Kind kind,
            List<String> noticeIds) {

        public Batch {
            noticeIds = List.copyOf(noticeIds);
        }

        /**
         * The order in which to mark the notices taken: the first one last. Until it is marked, any
         * instance that looks at the burst finds the same first notice, hence the same batch id,
         * and joins this batch instead of starting another with the notices not marked yet.
         */
        public List<String> markingOrder() {
            List<String> order = new ArrayList<>(noticeIds.subList(1, noticeIds.size()));
            order.add(noticeIds.getFirst());
            return order;
        }
    }

    /**
     * The bursts due at {@code now}: for each person and kind among {@code untaken} (burst notices
     * not taken by any batch yet), those within {@code window} of the first, if that window has
     * ended; at most {@code max} per batch (the rest make the next burst).
     */
    public static List<Batch> dueBursts(
            List<Gathered> untaken, Instant now, Duration window, int max) {
        Map<List<Object>, List<Gathered>> groups = new LinkedHashMap<>();
        untaken.stream()
                .filter(n -> n.period() == Period.BURST)
                .sorted(ORDER)
                .forEach(
                        n ->
                                groups.computeIfAbsent(
                                                List.of(n.personId(), n.kind()),
                                                k -> new ArrayList<>())
                                        .add(n));
        List<Batch> due = new ArrayList<>();
        for (List<Gathered> group : groups.values()) {
            Gathered first = group.getFirst();
            Instant end = first.gatheredAt().plus(window);
            if (now.isBefore(end)) {
                continue;
            }
            List<String> ids =
                    group.stream()
                            .filter(n -> n.gatheredAt().isBefore(end) || n == first)
                            .limit(max)
                            .map(Gathered::id)
                            .toList();
            String name = "burst:" + first.id();
            due.add(new Batch(id(name), name, first.personId(), Period.BURST, first.kind(), ids));
        }
        return due;
    }

    /**
     * The person's daily or weekly digest of the period ending at {@code boundary}: their notices
     * of that period gathered before it, at most {@code max} (the oldest; the others wait for the
     * next period). Empty if none.
     */
    public static Optional<Batch> digest(
            String personId, Period period, Instant boundary, List<Gathered> untaken, int max) {
        if (period == Period.BURST) {
            throw new IllegalArgumentException("a burst is not a digest of a period");
        }
        List<String> ids =
                untaken.stream()
                        .filter(
                                n ->
                                        n.period() == period
                                                && personId.equals(n.personId())
                                                && n.gatheredAt().isBefore(boundary))
                        .sorted(ORDER)
                        .limit(max)
                        .map(Gathered::id)
                        .toList();
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        String name = Schedule.name(period, boundary) + ":" + personId;
        return Optional.of(new Batch(id(name), name, personId, period, null, ids));
    }

    /** The id of the batch named {@code name}: a name-based UUID, the same everywhere. */
    public static String id(String name) {
        return UUID.nameUUIDFromBytes(
                        ("digest:" + Objects.requireNonNull(name)).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
