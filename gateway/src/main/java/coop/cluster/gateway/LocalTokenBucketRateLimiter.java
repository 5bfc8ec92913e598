package coop.cluster.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import coop.cluster.gateway.RateLimitProperties.Limits;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import reactor.core.publisher.Mono;

/**
 * Spring Cloud Gateway {@link RateLimiter} backed by Bucket4j token buckets held in this JVM: one
 * bucket per route and principal, refilled greedily at {@code replenish-per-second} up to {@code
 * burst-capacity}.
 *
 * <p>The buckets live in a Caffeine map bounded in size ({@code max-tracked-keys}, least recently
 * used dropped) and dropping buckets idle for {@code idle-expiry}, so a flood of distinct keys
 * cannot exhaust memory. A dropped bucket comes back full, which an idle principal would have
 * anyway.
 *
 * <p><b>One gateway instance only.</b> Each instance counts on its own, so N instances behind a
 * load balancer would grant N times the limit. With more than one instance set {@code
 * cluster.gateway.rate-limit.backend=redis}: the limits are then kept in Redis by Spring Cloud
 * Gateway's {@code RedisRateLimiter}.
 *
 * <p>Every answer carries {@code X-RateLimit-Remaining}; a refusal also carries {@code
 * Retry-After}: whole seconds until the bucket holds a token again, at least 1.
 */
final class LocalTokenBucketRateLimiter implements RateLimiter<Limits> {

    static final String REMAINING_HEADER = "X-RateLimit-Remaining";
    static final String RETRY_AFTER_HEADER = "Retry-After";

    private final RateLimitProperties properties;
    private final Cache<String, Bucket> buckets;

    /** Resolved limits per route id (the StatefulConfigurable view of this limiter). */
    private final Map<String, Limits> limitsByRoute = new ConcurrentHashMap<>();

    private final TimeMeter time;

    LocalTokenBucketRateLimiter(RateLimitProperties properties) {
        this(properties, TimeMeter.SYSTEM_NANOTIME);
    }

    /**
     * @param time the buckets' clock (a frozen one in tests, so that no token refills while a test
     *     runs)
     */
    LocalTokenBucketRateLimiter(RateLimitProperties properties, TimeMeter time) {
        this.properties = properties;
        this.time = time;
        this.buckets =
                Caffeine.newBuilder()
                        .maximumSize(properties.maxTrackedKeys())
                        .expireAfterAccess(properties.idleExpiry())
                        .build();
    }

    @Override
    public Mono<Response> isAllowed(String routeId, String id) {
        Limits limits = limitsByRoute.computeIfAbsent(routeId, properties::limitsFor);
        Bucket bucket = buckets.get(routeId + '\u0000' + id, key -> newBucket(limits));
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Mono.just(
                    new Response(
                            true,
                            Map.of(REMAINING_HEADER, Long.toString(probe.getRemainingTokens()))));
        }
        return Mono.just(
                new Response(
                        false,
                        Map.of(
                                REMAINING_HEADER,
                                "0",
                                RETRY_AFTER_HEADER,
                                Long.toString(
                                        retryAfterSeconds(probe.getNanosToWaitForRefill())))));
    }

    /** Whole seconds to wait, rounded up, never below 1 (Retry-After has no fractions). */
    static long retryAfterSeconds(long nanosToWait) {
        return Math.max(
                1, (nanosToWait + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
    }

    private Bucket newBucket(Limits limits) {
        return Bucket.builder()
                .withCustomTimePrecision(time)
                .addLimit(
                        limit ->
                                limit.capacity(limits.burstCapacity())
                                        .refillGreedy(
                                                limits.replenishPerSecond(), Duration.ofSeconds(1)))
                .build();
    }

    /** Buckets currently held (for tests and diagnostics). */
    long trackedKeys() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    @Override
    public Map<String, Limits> getConfig() {
        return limitsByRoute;
    }

    @Override
    public Class<Limits> getConfigClass() {
        return Limits.class;
    }

    @Override
    public Limits newConfig() {
        return properties.limitsFor(null);
    }
}
