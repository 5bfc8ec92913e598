package coop.cluster.gateway;

import coop.cluster.gateway.RateLimitProperties.Limits;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The rate limiter behind the {@code RequestRateLimiter} default filter, chosen by {@code
 * cluster.gateway.rate-limit.backend}:
 *
 * <ul>
 *   <li>{@code local} (default): {@link LocalTokenBucketRateLimiter}, buckets in this JVM. Correct
 *       for exactly one gateway instance.
 *   <li>{@code redis}: Spring Cloud Gateway's {@link RedisRateLimiter} with the same limits.
 *       <b>Required when more than one gateway instance runs</b>, otherwise each instance grants
 *       the full limit. Set {@code spring.data.redis.host}/{@code port}. If Redis does not answer,
 *       RedisRateLimiter lets requests through (fails open) and Redis shows DOWN in health.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitConfiguration {

    /**
     * Referenced by name from the default filter: {@code key-resolver: "#{@principalKeyResolver}"}.
     */
    @Bean
    PrincipalKeyResolver principalKeyResolver() {
        return new PrincipalKeyResolver();
    }

    @Bean
    @ConditionalOnProperty(
            name = RedisBackendImportFilter.BACKEND_PROPERTY,
            havingValue = "local",
            matchIfMissing = true)
    LocalTokenBucketRateLimiter localTokenBucketRateLimiter(RateLimitProperties properties) {
        return new LocalTokenBucketRateLimiter(properties);
    }

    @Bean
    @ConditionalOnProperty(name = RedisBackendImportFilter.BACKEND_PROPERTY, havingValue = "redis")
    RedisRateLimiter redisRateLimiter(RateLimitProperties properties) {
        Limits defaults = properties.limitsFor(null);
        RedisRateLimiter limiter =
                new RedisRateLimiter(
                        toInt(defaults.replenishPerSecond()), defaults.burstCapacity());
        properties
                .routes()
                .keySet()
                .forEach(
                        routeId -> {
                            Limits limits = properties.limitsFor(routeId);
                            limiter.getConfig()
                                    .put(
                                            routeId,
                                            new RedisRateLimiter.Config()
                                                    .setReplenishRate(
                                                            toInt(limits.replenishPerSecond()))
                                                    .setBurstCapacity(limits.burstCapacity())
                                                    .setRequestedTokens(1));
                        });
        return limiter;
    }

    private static int toInt(long value) {
        return (int) Math.min(Integer.MAX_VALUE, value);
    }
}
