package coop.cluster.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.gateway.RateLimitProperties.Backend;
import coop.cluster.gateway.RateLimitProperties.RouteLimit;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter.Response;

class LocalTokenBucketRateLimiterTest {

    private static RateLimitProperties properties(
            long replenish, long burst, long maxKeys, Map<String, RouteLimit> routes) {
        return new RateLimitProperties(
                Backend.LOCAL, replenish, burst, maxKeys, Duration.ofMinutes(10), routes);
    }

    @Test
    void allowsTheBurstThenRefusesWithRetryAfterAndRemaining() {
        LocalTokenBucketRateLimiter limiter =
                new LocalTokenBucketRateLimiter(properties(1, 3, 1000, Map.of()));
        for (int i = 2; i >= 0; i--) {
            Response allowed = limiter.isAllowed("route", "sub:a").block();
            assertThat(allowed.isAllowed()).isTrue();
            assertThat(allowed.getHeaders())
                    .containsEntry("X-RateLimit-Remaining", Integer.toString(i));
        }
        Response refused = limiter.isAllowed("route", "sub:a").block();
        assertThat(refused.isAllowed()).isFalse();
        assertThat(refused.getHeaders())
                .containsEntry("X-RateLimit-Remaining", "0")
                .containsEntry("Retry-After", "1");
    }

    @Test
    void retryAfterIsTheRefillWaitInWholeSeconds() {
        // one token every 10 s (0.1 per second is not expressible; use burst 1 and check the
        // rounding directly)
        assertThat(LocalTokenBucketRateLimiter.retryAfterSeconds(0)).isEqualTo(1);
        assertThat(LocalTokenBucketRateLimiter.retryAfterSeconds(1)).isEqualTo(1);
        assertThat(LocalTokenBucketRateLimiter.retryAfterSeconds(1_000_000_000)).isEqualTo(1);
        assertThat(LocalTokenBucketRateLimiter.retryAfterSeconds(1_000_000_001)).isEqualTo(2);
        assertThat(LocalTokenBucketRateLimiter.retryAfterSeconds(9_500_000_000L)).isEqualTo(10);
    }

    @Test
    void principalsAndRoutesHaveTheirOwnBuckets() {
        LocalTokenBucketRateLimiter limiter =
                new LocalTokenBucketRateLimiter(properties(1, 1, 1000, Map.of()));
        assertThat(limiter.isAllowed("route", "sub:a").block().isAllowed()).isTrue();
        assertThat(limiter.isAllowed("route", "sub:a").block().isAllowed()).isFalse();
        assertThat(limiter.isAllowed("route", "sub:b").block().isAllowed()).isTrue();
        assertThat(limiter.isAllowed("other", "sub:a").block().isAllowed()).isTrue();
    }

    /** A clock that does not move: no token refills between the calls, however slow the machine. */
    private static final io.github.bucket4j.TimeMeter FROZEN =
            new io.github.bucket4j.TimeMeter() {
                @Override
                public long currentTimeNanos() {
                    return 1_000_000_000L;
                }

                @Override
                public boolean isWallClockBased() {
                    return false;
                }
            };

    @Test
    void routeOverridesReplaceTheDefaults() {
        LocalTokenBucketRateLimiter limiter =
                new LocalTokenBucketRateLimiter(
                        properties(50, 100, 1000, Map.of("finance", new RouteLimit(null, 2L))),
                        FROZEN);
        assertThat(limiter.isAllowed("finance", "sub:a").block().isAllowed()).isTrue();
        assertThat(limiter.isAllowed("finance", "sub:a").block().isAllowed()).isTrue();
        assertThat(limiter.isAllowed("finance", "sub:a").block().isAllowed()).isFalse();
        assertThat(limiter.getConfig().get("finance").replenishPerSecond()).isEqualTo(50);
        assertThat(limiter.getConfig().get("finance").burstCapacity()).isEqualTo(2);
    }

    @Test
    void theBucketMapIsBounded() {
        LocalTokenBucketRateLimiter limiter =
                new LocalTokenBucketRateLimiter(properties(1, 1, 100, Map.of()));
        for (int i = 0; i < 5_000; i++) {
            limiter.isAllowed("route", "addr:10.0." + (i / 250) + "." + (i % 250)).block();
        }
        assertThat(limiter.trackedKeys()).isLessThanOrEqualTo(100);
    }
}
