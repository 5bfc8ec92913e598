package coop.cluster.plumbing.follow;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a collection by time of last change, for an in-memory copy of it (an index, a cache):
 * reads what changed since a watermark, in batches, hands each batch to the copy, and moves the
 * watermark on to the latest change read. Plain Java: the service triggers it ({@link #poll} from a
 * {@code @Scheduled} method, {@link #catchUp} where a failure must show), and says how to read and
 * how to apply.
 *
 * <ul>
 *   <li><b>The first catch-up</b> reads everything (from the epoch), unless a {@linkplain
 *       Builder#firstLoad first load} is given: then that runs instead, and the watermark is when
 *       it started.
 *   <li><b>The overlap.</b> Each later catch-up starts a little before the watermark ({@link
 *       Builder#overlap}): a change's time is taken before its write commits, so two writers can
 *       commit in the other order, and a change can appear behind one already read. Reading a
 *       change again must be harmless to the copy.
 *   <li><b>Batches.</b> A batch of {@link Builder#batchSize} is read again from the last change of
 *       the previous one, until one is not full. Read by time only ({@link #byTime}), a full batch
 *       that all changed in one instant is read again twice as large, so many changes in the same
 *       instant are never skipped; read by time and key ({@link #byTimeAndKey}), the next batch
 *       starts after the last one read, at its time.
 *   <li><b>The lag.</b> When the last complete catch-up started ({@link #caughtUpAt}): every write
 *       committed before then is in the copy. {@link #lagSeconds} is the time since (since
 *       construction before the first).
 * </ul>
 *
 * Catch-ups are serialised; the watermark only moves forward.
 *
 * @param <T> a change as the collection gives it
 */
public final class WatermarkFollower<T> {

    private static final Logger log = LoggerFactory.getLogger(WatermarkFollower.class);

    /** Reads the changes at or after {@code since}, oldest first, at most {@code limit}. */
    @FunctionalInterface
    public interface ChangedSince<T> {
        List<T> read(Instant since, int limit);
    }

    /**
     * Reads the changes at or after {@code since}, oldest first (ties by key), at most {@code
     * limit}; after {@code after}'s key among those at {@code since} when it is not null.
     */
    @FunctionalInterface
    public interface ChangedSinceAfter<T> {
        List<T> read(Instant since, T after, int limit);
    }

    /**
     * What one catch-up did: whether it was the first, how many changes it read (none for a first
     * load), how long it took.
     */
    public record CatchUp(boolean initial, int read, Duration took) {}

    private final String name;
    private final ChangedSinceAfter<T> source;
    private final boolean byKey;
    private final Function<T, Instant> changedAt;
    private final Consumer<List<T>> apply;
    private final Duration overlap;
    private final int batchSize;
    private final Clock clock;
    private final Runnable firstLoad;
    private final Counter failures;
    private final Consumer<CatchUp> onFirst;
    private final Instant startedAt;

    /** The latest change time read; null before any. */
    private volatile Instant watermark;

    /** When the last complete catch-up started; null before the first. */
    private volatile Instant caughtUpAt;

    private WatermarkFollower(Builder<T> b) {
        this.name = b.name;
        this.source = b.source;
        this.byKey = b.byKey;
        this.changedAt = b.changedAt;
        this.apply = Objects.requireNonNull(b.apply, "apply");
        this.overlap = b.overlap;
        this.batchSize = b.batchSize;
        this.clock = b.clock;
        this.firstLoad = b.firstLoad;
        this.failures = b.failures;
        this.onFirst = b.onFirst;
        this.startedAt = clock.instant();
    }

    /** Follows a collection read by time of last change only. */
    public static <T> Builder<T> byTime(
            String name, ChangedSince<T> source, Function<T, Instant> changedAt) {
        return new Builder<>(
                name, (since, after, limit) -> source.read(since, limit), false, changedAt);
    }

    /**
     * Follows a collection read by time of last change, then key (a page starts after the last one
     * read).
     */
    public static <T> Builder<T> byTimeAndKey(
            String name, ChangedSinceAfter<T> source, Function<T, Instant> changedAt) {
        return new Builder<>(name, source, true, changedAt);
    }

    /** How to read, apply, and how much to read again. */
    public static final class Builder<T> {
        private final String name;
        private final ChangedSinceAfter<T> source;
        private final boolean byKey;
        private final Function<T, Instant> changedAt;
        private Consumer<List<T>> apply;
        private Duration overlap = Duration.ofSeconds(1);
        private int batchSize = 500;
        private Clock clock = Clock.systemUTC();
        private Runnable firstLoad;
        private Counter failures;
        private Consumer<CatchUp> onFirst = catchUp -> {};

        private Builder(
                String name,
                ChangedSinceAfter<T> source,
                boolean byKey,
                Function<T, Instant> changedAt) {
            this.name = name;
            this.source = source;
            this.byKey = byKey;
            this.changedAt = changedAt;
        }

        /** Applies a batch of changes read to the copy (never an empty one). */
        public Builder<T> applying(Consumer<List<T>> apply) {
            this.apply = apply;
            return this;
        }

        /** How long before the watermark each catch-up starts (1 s by default). */
        public Builder<T> overlap(Duration overlap) {
            this.overlap = overlap;
            return this;
        }

        /** How many changes a read asks for (500 by default). */
        public Builder<T> batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        public Builder<T> clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Loads the copy at the first catch-up instead of reading every change from the epoch. */
        public Builder<T> firstLoad(Runnable firstLoad) {
            this.firstLoad = firstLoad;
            return this;
        }

        /** Counts the {@link #poll}s that fail. */
        public Builder<T> failures(Counter failures) {
            this.failures = failures;
            return this;
        }

        /** Told once the first catch-up is complete (to log the copy's size, say). */
        public Builder<T> onFirstCatchUp(Consumer<CatchUp> onFirst) {
            this.onFirst = onFirst;
            return this;
        }

        public WatermarkFollower<T> build() {
            return new WatermarkFollower<>(this);
        }
    }

    /**
     * Catches up, as {@link #catchUp}; a failure is counted and logged, and the next poll tries
     * again from the same watermark. Whether it succeeded.
     */
    public boolean poll() {
        try {
            catchUp();
            return true;
        } catch (RuntimeException e) {
            if (failures != null) {
                failures.increment();
            }
            log.warn("{} poll failed, retrying at the next one: {}", name, e.toString());
            return false;
        }
    }

    /**
     * Reads and applies every change since the watermark (less the overlap); everything at the
     * first.
     */
    public synchronized CatchUp catchUp() {
        Instant started = clock.instant();
        boolean initial = caughtUpAt == null;
        int read;
        if (initial && firstLoad != null) {
            firstLoad.run();
            advance(started);
            read = 0;
        } else {
            read = readChanges();
        }
        caughtUpAt = started;
        CatchUp done = new CatchUp(initial, read, Duration.between(started, clock.instant()));
        if (initial) {
            onFirst.accept(done);
        }
        return done;
    }

    private int readChanges() {
        Instant since = watermark == null ? Instant.EPOCH : watermark.minus(overlap);
        T after = null;
        int limit = batchSize;
        int read = 0;
        while (true) {
            List<T> batch = source.read(since, after, limit);
            read += batch.size();
            if (batch.isEmpty()) {
                return read;
            }
            apply.accept(batch);
            T last = batch.getLast();
            Instant lastChange = changedAt.apply(last);
            advance(lastChange);
            if (batch.size() < limit) {
                return read;
            }
            if (byKey) {
                since = lastChange == null ? since : lastChange;
                after = last;
            } else if (Objects.equals(lastChange, since)) {
                limit *= 2; // a full batch changed in the same instant: read more of it at once
            } else {
                since = lastChange;
                limit = batchSize;
            }
        }
    }

    private void advance(Instant to) {
        if (to != null && (watermark == null || to.isAfter(watermark))) {
            watermark = to;
        }
    }

    /** Whether the first catch-up is complete. */
    public boolean built() {
        return caughtUpAt != null;
    }

    /** The latest change time read (or the first load's start); null before any. */
    public Instant watermark() {
        return watermark;
    }

    /**
     * When the last complete catch-up started: every write committed before then is applied. Null
     * before.
     */
    public Instant caughtUpAt() {
        return caughtUpAt;
    }

    /**
     * Seconds since the start of the last complete catch-up (since construction before the first).
     */
    public double lagSeconds() {
        Instant since = caughtUpAt == null ? startedAt : caughtUpAt;
        return Duration.between(since, clock.instant()).toMillis() / 1000.0;
    }

    /** Registers {@link #lagSeconds} as a gauge {@code meter}, in seconds. */
    public Gauge registerLag(MeterRegistry meters, String meter, String description) {
        return Gauge.builder(meter, this, WatermarkFollower::lagSeconds)
                .baseUnit("seconds")
                .description(description)
                .register(meters);
    }
}
