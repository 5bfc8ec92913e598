package coop.cluster.fundingwatch.match;

import coop.cluster.fundingwatch.profile.GroupProfile;
import coop.cluster.fundingwatch.profile.MatchingViews;
import coop.cluster.fundingwatch.profile.MemberProfile;
import coop.cluster.fundingwatch.profile.ProjectProfile;
import coop.cluster.fundingwatch.watch.Watch;
import coop.cluster.fundingwatch.watch.Watches;
import coop.cluster.plumbing.follow.WatermarkFollower;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@link TargetIndex} in step with what calls are matched against: the matching view
 * (members, groups, projects, which follow membership's and project's events) and the members'
 * watches. It reads each by time of last change, from the beginning at start-up, before the web
 * server and the event consumers start (a {@link SmartLifecycle} of an early phase), so the service
 * takes no call before it can match it; if the store does not answer then, start-up goes on,
 * matching is not ready ({@code matching} in {@code /actuator/health} is out of service, the intake
 * answers 503) until a poll succeeds. Then every {@code cluster.matching.poll-interval} (1 s),
 * starting {@code cluster.matching.poll-overlap} (2 s) before the latest change read, since writes
 * can commit out of order (reading a target again is harmless; {@link WatermarkFollower}). Watches
 * this instance writes are applied at once; watches deleted by another instance are found by a full
 * comparison every {@code cluster.matching.watch-reconcile-interval} (1 min).
 */
@Component
class TargetIndexer implements HealthIndicator, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TargetIndexer.class);
    private static final int PAGE = 1_000;

    private final TargetIndex index;
    private final Watches watches;
    private final Clock clock;
    private final Duration overlap;
    private final Counter failures;
    private final Counter writes;

    /** Each source by time of last change, then id: members, groups, projects, watches. */
    private final List<WatermarkFollower<?>> sources;

    private volatile boolean built;

    TargetIndexer(
            TargetIndex index,
            MatchingViews views,
            Watches watches,
            Clock clock,
            MeterRegistry meters,
            @Value("${cluster.matching.poll-overlap:PT2S}") Duration overlap) {
        this.index = index;
        this.watches = watches;
        this.clock = clock;
        this.overlap = overlap;
        this.failures =
                Counter.builder("cluster.fundingwatch.matching.index.failures")
                        .description(
                                "Polls of the matching view that failed (caught up at the next"
                                        + " poll)")
                        .register(meters);
        this.writes =
                Counter.builder("cluster.fundingwatch.matching.index.writes")
                        .description("Targets (re)written to the matching index")
                        .register(meters);
        for (TargetKind kind : TargetKind.values()) {
            Gauge.builder("cluster.fundingwatch.matching.targets", index, i -> i.sizes().get(kind))
                    .tag("kind", kind.code())
                    .description("Targets in the matching index")
                    .register(meters);
        }
        this.sources =
                List.of(
                        follower(
                                views::membersChangedSince,
                                MemberProfile::memberId,
                                MemberProfile::updatedAt,
                                m -> Targets.of(m),
                                TargetKind.MEMBER),
                        follower(
                                views::groupsChangedSince,
                                GroupProfile::groupId,
                                GroupProfile::updatedAt,
                                g -> Targets.of(g),
                                TargetKind.GROUP),
                        follower(
                                views::projectsChangedSince,
                                ProjectProfile::projectId,
                                ProjectProfile::updatedAt,
                                p -> Targets.of(p),
                                TargetKind.PROJECT),
                        follower(
                                watches::changedSince,
                                Watch::id,
                                Watch::updatedAt,
                                w -> Optional.of(Targets.of(w)),
                                TargetKind.WATCH));
    }

    private volatile boolean running;

    boolean built() {
        return built;
    }

    /**
     * The first load, before the web server (phase near {@code Integer.MAX_VALUE}) and the Kafka
     * listeners.
     */
    @Override
    public void start() {
        poll();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 0;
    }

    @Scheduled(
            initialDelayString = "${cluster.matching.poll-interval:PT1S}",
            fixedDelayString = "${cluster.matching.poll-interval:PT1S}")
    synchronized void poll() {
        try {
            Instant started = clock.instant();
            sources.forEach(WatermarkFollower::catchUp);
            if (!built) {
                built = true;
                log.info(
                        "Matching: {} targets loaded in {} ms ({})",
                        index.size(),
                        Duration.between(started, clock.instant()).toMillis(),
                        index.sizes());
            }
        } catch (RuntimeException e) {
            failures.increment();
            log.warn(
                    "Reading the matching view failed; retrying at the next poll: {}",
                    e.toString());
        }
    }

    /** Watches other instances deleted: every indexed watch the store no longer has. */
    @Scheduled(
            initialDelayString = "${cluster.matching.watch-reconcile-interval:PT1M}",
            fixedDelayString = "${cluster.matching.watch-reconcile-interval:PT1M}")
    void reconcileWatches() {
        if (!built) {
            return;
        }
        try {
            Set<String> stored = watches.allIds();
            List<String> gone = new ArrayList<>();
            for (String key : index.keys(TargetKind.WATCH)) {
                if (!stored.contains(key.substring(key.indexOf(':') + 1))) {
                    gone.add(key);
                }
            }
            index.remove(gone);
        } catch (RuntimeException e) {
            failures.increment();
            log.warn("Comparing the watches with the matching index failed: {}", e.toString());
        }
    }

    @EventListener
    void onWatchChanged(Watches.Changed changed) {
        index.apply(List.of(Targets.of(changed.watch())));
    }

    @EventListener
    void onWatchDeleted(Watches.Deleted deleted) {
        index.remove(List.of(Target.key(TargetKind.WATCH, deleted.watch().id())));
    }

    @FunctionalInterface
    interface ChangedSince<T> {
        List<T> read(Instant since, String afterId, int limit);
    }

    /** Follows one source of targets from the beginning, each page read applied to the index. */
    private <T> WatermarkFollower<T> follower(
            ChangedSince<T> source,
            Function<T, String> id,
            Function<T, Instant> updatedAt,
            Function<T, Optional<Target>> target,
            TargetKind kind) {
        return WatermarkFollower.<T>byTimeAndKey(
                        "Matching " + kind.code() + "s",
                        (since, after, limit) ->
                                source.read(since, after == null ? null : id.apply(after), limit),
                        updatedAt)
                .applying(page -> apply(page, id, target, kind))
                .batchSize(PAGE)
                .overlap(overlap)
                .clock(clock)
                .build();
    }

    /**
     * Applies a page read: each item's target, or its removal when it no longer takes part in
     * matching.
     */
    private <T> void apply(
            List<T> page,
            Function<T, String> id,
            Function<T, Optional<Target>> target,
            TargetKind kind) {
        List<Target> apply = new ArrayList<>(page.size());
        List<String> remove = new ArrayList<>();
        for (T item : page) {
            String key = Target.key(kind, id.apply(item));
            target.apply(item).ifPresentOrElse(apply::add, () -> remove.add(key));
        }
        index.apply(apply);
        index.remove(remove);
        writes.increment(apply.size());
    }

    @Override
    public Health health() {
        Health.Builder health =
                built ? Health.up() : Health.outOfService().withDetail("loading", true);
        index.sizes().forEach((kind, n) -> health.withDetail(kind.code(), n));
        return health.build();
    }
}
