package coop.cluster.gateway;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Leaves Redis alone unless {@code cluster.gateway.rate-limit.backend=redis}.
 *
 * <p>The Redis starter is on the class path for the multi-instance case. Without this filter,
 * Spring Boot would set up a Lettuce connection factory (with its own threads) and a Redis health
 * contributor even with the local backend, and {@code /actuator/health} would report DOWN whenever
 * no Redis answers, which is always on a single instance. With the filter, the local backend
 * creates no Redis bean at all and nothing tries to connect; with {@code backend=redis} everything
 * is configured as usual ({@code spring.data.redis.*}), Redis appears in health, and Spring Cloud
 * Gateway's {@code RedisRateLimiter} becomes available.
 */
public final class RedisBackendImportFilter
        implements AutoConfigurationImportFilter, EnvironmentAware {

    static final String BACKEND_PROPERTY = "cluster.gateway.rate-limit.backend";
    private static final String BOOT_REDIS_PACKAGE =
            "org.springframework.boot.data.redis.autoconfigure.";
    private static final String GATEWAY_REDIS =
            "org.springframework.cloud.gateway.config.GatewayRedisAutoConfiguration";

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
        boolean redis =
                environment != null
                        && "redis"
                                .equalsIgnoreCase(
                                        environment.getProperty(BACKEND_PROPERTY, "local").trim());
        boolean[] matches = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < autoConfigurationClasses.length; i++) {
            String candidate = autoConfigurationClasses[i];
            matches[i] =
                    redis
                            || candidate == null
                            || !(candidate.startsWith(BOOT_REDIS_PACKAGE)
                                    || candidate.equals(GATEWAY_REDIS));
        }
        return matches;
    }
}
