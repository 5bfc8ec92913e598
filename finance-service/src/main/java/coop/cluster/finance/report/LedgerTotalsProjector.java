package coop.cluster.finance.report;

import coop.cluster.finance.report.persistence.LedgerTotals;
import coop.cluster.plumbing.lease.Lease;
import coop.cluster.plumbing.lease.LeasedWorker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps {@link LedgerTotals} up to date with the journal: a poller, in a thread of its own ({@link
 * LeasedWorker}), under a lease ({@link LedgerTotals#lease}) so that one instance does the work at
 * a time (two at once would still be correct: see {@link LedgerTotals}); the others try to take it
 * over every {@code poll-interval}. A pass takes or renews the lease and reads the checkpoint in
 * one command, reads every new entry after the checkpoint (up to the batch size), folds them by
 * month in memory, and writes each month touched once and the checkpoint once; passes are at least
 * {@code min-interval} apart (default 200 ms), so under load one pass covers many entries and its
 * few store commands are shared among them. Restart-safe: the checkpoint is in the store. Metrics:
 * {@value #LAG_METRIC} (entries written to the journal and not yet projected), {@value
 * #ENTRIES_METRIC} (entries projected).
 */
public class LedgerTotalsProjector implements SmartLifecycle {

    public static final String LAG_METRIC = "cluster.finance.reports.projection.lag";
    public static final String ENTRIES_METRIC = "cluster.finance.reports.projection.entries";

    /** The default least time between two passes of the worker. */
    public static final Duration DEFAULT_MIN_INTERVAL = Duration.ofMillis(200);

    private static final Logger log = LoggerFactory.getLogger(LedgerTotalsProjector.class);

    private final LedgerTotals totals;
    private final int batchSize;
    private final Duration pollInterval;
    private final Duration minInterval;
    private final String owner;
    private final boolean autoStart;
    private final AtomicLong lag = new AtomicLong();
    private final Counter projected;
    private final Lease<LedgerTotals.State> lease;
    private final LeasedWorker<LedgerTotals.State> worker;

    public LedgerTotalsProjector(
            LedgerTotals totals,
            int batchSize,
            Duration pollInterval,
            Duration leaseTtl,
            Clock clock,
            MeterRegistry meters,
            boolean autoStart) {
        this(
                totals,
                batchSize,
                pollInterval,
                DEFAULT_MIN_INTERVAL,
                leaseTtl,
                clock,
                meters,
                autoStart);
    }

    /**
     * @param pollInterval how long an idle worker waits before it looks again
     * @param minInterval the least time from the start of one pass of the worker to the start of
     *     the next, so that under load a pass covers many entries and its fixed cost in store
     *     commands is shared
     */
    public LedgerTotalsProjector(
            LedgerTotals totals,
            int batchSize,
            Duration pollInterval,
            Duration minInterval,
            Duration leaseTtl,
            Clock clock,
            MeterRegistry meters,
            boolean autoStart) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1");
        }
        if (minInterval.isNegative()) {
            throw new IllegalArgumentException("minInterval cannot be negative");
        }
        this.minInterval = minInterval;
        this.totals = totals;
        this.batchSize = batchSize;
        this.pollInterval = pollInterval;
        this.autoStart = autoStart;
        this.owner = "projector-" + UUID.randomUUID();
        this.lease = totals.lease(owner, leaseTtl, clock);
        // renewed before every pass, in the command that reads the checkpoint; a stand-by tries
        // every poll interval
        this.worker =
                new LeasedWorker<>(
                        lease,
                        new LeasedWorker.Settings(
                                "report-projector",
                                Duration.ZERO,
                                pollInterval,
                                Duration.ofSeconds(10),
                                false),
                        new Projecting());
        Gauge.builder(LAG_METRIC, lag, AtomicLong::get)
                .description("Journal entries not yet in the reports' totals")
                .register(meters);
        this.projected =
                Counter.builder(ENTRIES_METRIC)
                        .description("Journal entries added to the reports' totals")
                        .register(meters);
    }

    /**
     * One batch: takes the lease, reads the entries after the checkpoint, adds them to their
     * months, moves the checkpoint.
     *
     * @return the entries of the batch; 0 when there were none or another instance holds the lease
     */
    public int pass() {
        return lease.acquire().map(this::project).orElse(0);
    }

    /** One batch from the state the lease's grant read. */
    private int project(LedgerTotals.State leased) {
        long checkpoint = leased.checkpoint();
        List<LedgerTotals.JournalLine> lines = totals.journalAfter(checkpoint, batchSize);
        if (lines.isEmpty()) {
            lag.set(0);
            return 0;
        }
        long batchEnd = lines.getLast().sequence();
        Map<String, List<LedgerTotals.JournalLine>> byMonth = new LinkedHashMap<>();
        for (LedgerTotals.JournalLine line : lines) {
            byMonth.computeIfAbsent(line.month(), month -> new ArrayList<>()).add(line);
        }
        totals.applyAll(byMonth, checkpoint, batchEnd);
        totals.advance(batchEnd, byMonth.keySet());
        projected.increment(lines.size());
        if (lines.size() == batchSize) {
            lag.set(Math.max(0, totals.lastJournalSequence(batchEnd) - batchEnd));
        } else {
            lag.set(0);
        }
        return lines.size();
    }

    /**
     * Projects until the totals cover the journal as it is now, or {@code timeout} passes.
     *
     * @return the checkpoint reached; compare with {@link #journalEnd()}
     */
    public long catchUp(Duration timeout) {
        long target = journalEnd();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long checkpoint = totals.state().checkpoint();
            if (checkpoint >= target || System.nanoTime() > deadline) {
                return checkpoint;
            }
            if (pass() == 0) {
                sleep(Duration.ofMillis(20));
            }
        }
    }

    /** The last sequence in the journal now. */
    public long journalEnd() {
        return totals.lastJournalSequence(totals.state().checkpoint());
    }

    /** Asks the worker to poll now rather than at its next interval. */
    public void wakeUp() {
        worker.wakeUp();
    }

    @Override
    public synchronized void start() {
        if (worker.isRunning()) {
            return;
        }
        worker.start();
        log.info(
                "Reports' totals projector started ({}, batches of up to {}, at most one pass every"
                        + " {} ms)",
                owner,
                batchSize,
                minInterval.toMillis());
    }

    /**
     * The worker's rounds: a pass, then a wait of at least the poll interval when idle, else to the
     * next pass.
     */
    private final class Projecting implements LeasedWorker.Work<LedgerTotals.State> {

        @Override
        public Duration round(LedgerTotals.State leased) {
            long started = System.nanoTime();
            return project(leased) == 0
                    ? pollInterval
                    : minInterval.minusNanos(System.nanoTime() - started);
        }

        @Override
        public Duration failed(Throwable failure, int consecutive, Duration failingFor) {
            log.warn("Projecting the journal into the reports' totals failed; retrying", failure);
            return pollInterval;
        }
    }

    /** Stops the worker (a pass in flight ends first) and releases the lease. */
    @Override
    public synchronized void stop() {
        if (!worker.isRunning()) {
            return;
        }
        worker.stop();
        log.info("Reports' totals projector stopped ({})", owner);
    }

    @Override
    public boolean isRunning() {
        return worker.isRunning();
    }

    @Override
    public boolean isAutoStartup() {
        return autoStart;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
