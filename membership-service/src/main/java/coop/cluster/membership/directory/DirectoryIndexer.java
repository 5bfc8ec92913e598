package coop.cluster.membership.directory;

import coop.cluster.membership.member.MemberChanges;
import coop.cluster.membership.member.domain.Member;
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
 * Keeps the {@link DirectoryIndex} in step with the store, two ways:
 *
 * <ul>
 *   <li>the members written by this instance are announced in-process ({@link
 *       MemberChanges.Written}), queued, and indexed in batches every {@code
 *       cluster.directory.refresh-interval} (200 ms by default);
 *   <li>it follows {@link MemberChanges#changedSince}, the members by time of last write, from the
 *       beginning at start-up (the initial build) and then every {@code
 *       cluster.directory.poll-interval} (2 s by default): this finds what other instances wrote.
 * </ul>
 *
 * <p>Each poll ({@link WatermarkFollower}) starts a little before the last write it saw ({@code
 * cluster.directory.overlap}, 1 s by default): two writers can take their {@code updatedAt} in one
 * order and commit in the other, so a write can appear behind one already read. Re-reading is
 * harmless, since indexing is idempotent and never goes back to an older version. A write by
 * another instance that commits more than the overlap after its {@code updatedAt} would be missed
 * until the member is written again or the service restarts.
 */
@Component
class DirectoryIndexer {

    private static final Logger log = LoggerFactory.getLogger(DirectoryIndexer.class);

    private final DirectoryIndex index;
    private final Counter upserted;
    private final Counter removed;
    private final Counter failures;

    /** Members written in this process and not indexed yet. */
    private final Queue<Member> announced = new ConcurrentLinkedQueue<>();

    /**
     * The store by {@code updatedAt}: the watermark, and when the last complete poll started (the
     * lag).
     */
    private final WatermarkFollower<MemberChanges.Change> follower;

    DirectoryIndexer(
            MemberChanges members,
            DirectoryIndex index,
            Clock clock,
            MeterRegistry meters,
            @Value("${cluster.directory.batch-size:500}") int batchSize,
            @Value("${cluster.directory.overlap:1s}") Duration overlap) {
        this.index = index;
        this.upserted =
                Counter.builder("cluster.membership.directory.indexed")
                        .tag("change", "upserted")
                        .description("Members written to the directory index")
                        .register(meters);
        this.removed =
                Counter.builder("cluster.membership.directory.indexed")
                        .tag("change", "removed")
                        .description("Members removed from the directory index (no longer active)")
                        .register(meters);
        this.failures =
                Counter.builder("cluster.membership.directory.poll.failures")
                        .description("Directory polls that failed (retried at the next poll)")
                        .register(meters);
        Gauge.builder("cluster.membership.directory.size", index, DirectoryIndex::size)
                .description("Active members in the directory")
                .register(meters);
        this.follower =
                WatermarkFollower.byTime(
                                "Directory", members::changedSince, MemberChanges.Change::updatedAt)
                        .applying(
                                batch ->
                                        apply(
                                                batch.stream()
                                                        .map(MemberChanges.Change::member)
                                                        .toList()))
                        .batchSize(batchSize)
                        .overlap(overlap)
                        .clock(clock)
                        .failures(failures)
                        .onFirstCatchUp(
                                built ->
                                        log.info(
                                                "Directory built: {} active members indexed ({}"
                                                        + " members read) in {} ms",
                                                index.size(),
                                                built.read(),
                                                built.took().toMillis()))
                        .build();
        follower.registerLag(
                meters,
                "cluster.membership.directory.lag",
                "Age of the directory: time since the start of the last complete poll");
    }

    @EventListener
    void onWritten(MemberChanges.Written written) {
        announced.add(written.member());
    }

    /**
     * Indexes the members this instance wrote since the last refresh, once the initial build is
     * done.
     */
    @Scheduled(initialDelay = 0, fixedDelayString = "${cluster.directory.refresh-interval:200ms}")
    synchronized void refresh() {
        if (!follower.built() || announced.isEmpty()) {
            return;
        }
        List<Member> batch = new ArrayList<>();
        for (Member member = announced.poll(); member != null; member = announced.poll()) {
            batch.add(member);
        }
        try {
            apply(batch);
        } catch (RuntimeException e) {
            failures.increment();
            log.warn(
                    "Directory refresh failed; the next poll of the store catches up: {}",
                    e.toString());
        }
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${cluster.directory.poll-interval:2s}")
    synchronized void poll() {
        follower.poll();
    }

    private void apply(List<Member> members) {
        DirectoryIndex.Applied applied = index.apply(members);
        upserted.increment(applied.upserted());
        removed.increment(applied.removed());
    }

    /** Whether the initial build is done. */
    boolean built() {
        return follower.built();
    }

    /** Seconds since the start of the last complete poll (since start-up before the first one). */
    double lagSeconds() {
        return follower.lagSeconds();
    }
}
