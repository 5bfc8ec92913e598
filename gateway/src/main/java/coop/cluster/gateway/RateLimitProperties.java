package coop.cluster.gateway;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-principal rate limits ({@code cluster.gateway.rate-limit.*}).
 *
 * @param backend {@code local} (token buckets in this JVM) or {@code redis} (Spring Cloud Gateway's
 *     RedisRateLimiter; required when more than one gateway instance runs)
 * @param replenishPerSecond tokens added to each principal's bucket per second (sustained requests
 *     per second)
 * @param burstCapacity bucket size: requests a principal may make at once after being idle
 * @param maxTrackedKeys local backend: most buckets kept; least recently used ones are dropped
 *     beyond it
 * @param idleExpiry local backend: a bucket not used for this long is dropped (it would be full
 *     anyway)
 * @param routes per-route overrides by route id, e.g. {@code routes.finance.burst-capacity=20}
 */
@ConfigurationProperties("cluster.gateway.rate-limit")
record RateLimitProperties(
        @DefaultValue("local") Backend backend,
        @DefaultValue("50") long replenishPerSecond,
        @DefaultValue("100") long burstCapacity,
        @DefaultValue("100000") long maxTrackedKeys,
        @DefaultValue("10m") Duration idleExpiry,
        Map<String, RouteLimit> routes) {

    enum Backend {
        LOCAL,
        REDIS
    }

    /** A route's own limits; an unset value falls back to the default. */
    record RouteLimit(Long replenishPerSecond, Long burstCapacity) {}

    RateLimitProperties {
        routes = routes == null ? Map.of() : Map.copyOf(routes);
        if (replenishPerSecond < 1 || burstCapacity < 1) {
            throw new IllegalArgumentException(
                    "cluster.gateway.rate-limit: replenish-per-second and burst-capacity"
                            + " must be at least 1");
        }
    }

    /** The limits of one route: its overrides over the defaults. */
    Limits limitsFor(String routeId) {
        RouteLimit own = routeId == null ? null : routes.get(routeId);
        long replenish =
                own != null && own.replenishPerSecond() != null
                        ? own.replenishPerSecond()
                        : replenishPerSecond;
        long burst =
                own != null && own.burstCapacity() != null ? own.burstCapacity() : burstCapacity;
        return new Limits(Math.max(1, replenish), Math.max(1, burst));
    }

    record Limits(long replenishPerSecond, long burstCapacity) {}
}
