package coop.cluster.fundingwatch.call.search;

import coop.cluster.fundingwatch.call.domain.TrackedCall;
import coop.cluster.fundingwatch.call.persistence.CallStore;
import coop.cluster.plumbing.follow.WatermarkFollower;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
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
 *
 * <ul>
 *   <li>every call this instance writes is announced in-process ({@link CallStore.Written}: intake,
 *       closing sweep, reminder sweep), queued, and indexed in batches every {@code
 *       cluster.calls.index-refresh-interval} (200 ms by default);
 *   <li>it follows the store by {@code lastChanged} ({@link CallStore#changedSince}): from the
 *       beginning at start-up (the full load), then every {@code cluster.calls.index-poll-interval}
 *       (2 s by default), which finds the calls other instances wrote.
 * </ul>
 *
 * Each poll ({@link WatermarkFollower}) starts {@code cluster.calls.index-overlap} (2 s by default)
 * before the latest {@code lastChanged} it read: {@code lastChanged} is taken before the write
 * commits, so two writers can commit in the other order. Reading a call again is harmless (the
 * index skips a call it holds as given, and never goes back to an older version).
 */
@Component
class CallIndexer {

    private static final Logger log = LoggerFactory.getLogger(CallIndexer.class);

    private final CallIndex index;
    private final Counter indexed;
    private final Counter failures;
    private final Queue<TrackedCall> announced = new ConcurrentLinkedQueue<>();

    /** The store by {@code lastChanged}. */
    private final WatermarkFollower<TrackedCall> follower;

    CallIndexer(
            CallStore store,
            CallIndex index,
            Clock clock,
            MeterRegistry meters,
            @Value("${cluster.calls.index-batch-size:500}") int batchSize,
            @Value("${cluster.calls.index-overlap:PT2S}") Duration overlap) {
        this.index = index;
        this.indexed =
                Counter.builder("cluster.fundingwatch.calls.index.writes")
                        .description("Calls (re)written to the search index")
                        .register(meters);
        this.failures =
                Counter.builder("cluster.fundingwatch.calls.index.failures")
                        .description(
                                "Index refreshes or polls that failed (caught up at the next poll)")
                        .register(meters);
        Gauge.builder("cluster.fundingwatch.calls.indexed", index, CallIndex::size)
                .description("Funding calls in the search index")
                .register(meters);
        this.follower =
                WatermarkFollower.byTime(
                                "Call index", store::changedSince, TrackedCall::lastChanged)
                        .applying(batch -> indexed.increment(index.apply(batch)))
                        .batchSize(batchSize)
                        .overlap(overlap)
                        .clock(clock)
                        .failures(failures)
                        .onFirstCatchUp(
                                built ->
                                        log.info(
                                                "Call index built: {} calls ({} read) in {} ms",
                                                index.size(),
                                                built.read(),
                                                built.took().toMillis()))
                        .build();
    }

    @EventListener
    void onWritten(CallStore.Written written) {
        announced.add(written.call());
    }

    /** Indexes the calls this instance wrote since the last refresh, once the full load is done. */
    @Scheduled(
            initialDelay = 0,
            fixedDelayString = "${cluster.calls.index-refresh-interval:PT0.2S}")
    synchronized void refresh() {
        if (!follower.built() || announced.isEmpty()) {
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
            log.warn(
                    "Call index refresh failed; the next poll of the store catches up: {}",
                    e.toString());
        }
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${cluster.calls.index-poll-interval:PT2S}")
    synchronized void poll() {
        follower.poll();
    }

    /**
     * Reads and indexes every call changed since the last poll (less the overlap); everything at
     * the first.
     */
    synchronized void catchUp() {
        follower.catchUp();
    }

    boolean built() {
        return follower.built();
    }
}
