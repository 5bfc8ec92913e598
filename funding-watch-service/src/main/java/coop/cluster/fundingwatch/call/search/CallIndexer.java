package coop.cluster.fundingwatch.call.search;

import coop.cluster.fundingwatch.call.domain.TrackedCall;
import coop.cluster.fundingwatch.call.persistence.CallStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@link CallIndex} in step with the store, two ways:
 * <ul>
 *   <li>every call this instance writes is announced in-process ({@link CallStore.Written}: intake, closing sweep,
 *       reminder sweep), queued, and indexed in batches every {@code cluster.calls.index-refresh-interval} (200 ms
 *       by default);</li>
 *   <li>it follows the store by {@code lastChanged} ({@link CallStore#changedSince}): from the beginning at start-up
 *       (the full load), then every {@code cluster.calls.index-poll-interval} (2 s by default), which finds the
 *       calls other instances wrote.</li>
 * </ul>
 * Each poll starts {@code cluster.calls.index-overlap} (2 s by default) before the latest {@code lastChanged} it
 * read: {@code lastChanged} is taken before the write commits, so two writers can commit in the other order. Reading
 * a call again is harmless (the index skips a call it holds as given, and never goes back to an older version).
 */
@Component
class CallIndexer {

    private static final Logger log = LoggerFactory.getLogger(CallIndexer.class);

    private final CallStore store;
    private final CallIndex index;
    private final Clock clock;
    private final int batchSize;
    private final Duration overlap;
    private final Counter indexed;
    private final Counter failures;
    private final Queue<TrackedCall> announced = new ConcurrentLinkedQueue<>();

    /** The latest {@code lastChanged} read; null before the full load. */
    private volatile Instant watermark;
    private volatile boolean built;

    CallIndexer(CallStore store, CallIndex index, Clock clock, MeterRegistry meters,
                @Value("${cluster.calls.index-batch-size:500}") int batchSize,
                @Value("${cluster.calls.index-overlap:PT2S}") Duration overlap) {
        this.store = store;
        this.index = index;
        this.clock = clock;
        this.batchSize = batchSize;
        this.overlap = overlap;
        this.indexed = Counter.builder("cluster.fundingwatch.calls.index.writes")
                .description("Calls (re)written to the search index").register(meters);
        this.failures = Counter.builder("cluster.fundingwatch.calls.index.failures")
                .description("Index refreshes or polls that failed (caught up at the next poll)").register(meters);
        Gauge.builder("cluster.fundingwatch.calls.indexed", index, CallIndex::size)
                .description("Funding calls in the search index").register(meters);
    }

    @EventListener
    void onWritten(CallStore.Written written) {
        announced.add(written.call());
    }

    /** Indexes the calls this instance wrote since the last refresh, once the full load is done. */
    @Scheduled(initialDelay = 0, fixedDelayString = "${cluster.calls.index-refresh-interval:PT0.2S}")
    synchronized void refresh() {
        if (!built || announced.isEmpty()) {
            return;
        }
        List<TrackedCall> batch = new ArrayList<>();
        for (TrackedCall call = announced.poll(); call != null; call = announced.poll()) {
            batch.add(call);
        }
        try {
            indexed.increment(index.apply(batch));
        } catch (RuntimeException e) {
            failures.increment();
            log.warn("Call index refresh failed; the next poll of the store catches up: {}", e.toString());
        }
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${cluster.calls.index-poll-interval:PT2S}")
    void poll() {
        try {
            catchUp();
        } catch (RuntimeException e) {
            failures.increment();
            log.warn("Call index poll failed, retrying at the next one: {}", e.toString());
        }
    }

    /** Reads and indexes every call changed since the last poll (less the overlap); everything at the first. */
    synchronized void catchUp() {
        Instant started = clock.instant();
        boolean initial = !built;
        Instant from = watermark == null ? Instant.EPOCH : watermark.minus(overlap);
        int limit = batchSize;
        int read = 0;
        while (true) {
            List<TrackedCall> batch = store.changedSince(from, limit);
            read += batch.size();
            if (!batch.isEmpty()) {
                indexed.increment(index.apply(batch));
                Instant last = batch.getLast().lastChanged();
                if (watermark == null || last.isAfter(watermark)) {
                    watermark = last;
                }
            }
            if (batch.size() < limit) {
                break;
            }
            Instant last = batch.getLast().lastChanged();
            if (last.equals(from)) {
                limit *= 2; // a full batch changed in the same instant: read more of it at once
            } else {
                from = last;
                limit = batchSize;
            }
        }
        built = true;
        if (initial) {
            log.info("Call index built: {} calls ({} read) in {} ms", index.size(), read,
                    Duration.between(started, clock.instant()).toMillis());
        }
    }

    boolean built() {
        return built;
    }
}
