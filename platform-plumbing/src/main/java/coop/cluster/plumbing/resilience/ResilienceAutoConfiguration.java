package coop.cluster.plumbing.resilience;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import coop.cluster.plumbing.web.LoadSheddingFilter;
import coop.cluster.plumbing.web.LoadSheddingSettings;
import coop.cluster.plumbing.web.ProblemWriter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bounds every wait on the store (timeouts of the driver, a health check that answers in time) and
 * how many requests wait at once (load shedding), and logs the store's outages once each, the
 * scheduled jobs' failures during one seldom; docs/resilience.md.
 */
@AutoConfiguration(
        after = MongoAutoConfiguration.class,
        before = MongoHealthContributorAutoConfiguration.class)
@EnableConfigurationProperties(StoreSettings.class)
public class ResilienceAutoConfiguration {

    @Bean
    StoreOutageLog storeOutageLog() {
        return new StoreOutageLog();
    }

    @Bean
    StoreClientSettings storeClientSettings(
            StoreSettings settings,
            ObjectProvider<MongoConnectionDetails> details,
            StoreOutageLog outageLog) {
        MongoConnectionDetails connection = details.getIfAvailable();
        ConnectionString uri = connection == null ? null : connection.getConnectionString();
        return new StoreClientSettings(settings, uri, outageLog);
    }

    /**
     * The {@code @Scheduled} jobs' failures: an outage in one line now and then, the rest with
     * stack traces.
     */
    @Bean
    ThreadPoolTaskSchedulerCustomizer scheduledJobErrors() {
        ScheduledJobErrors errors = new ScheduledJobErrors();
        return scheduler -> scheduler.setErrorHandler(errors);
    }

    /**
     * At most {@code cluster.web.max-concurrent-requests} requests at once, outside the actuator's
     * paths; the others wait {@code cluster.web.max-queue-wait}, then get 503 {@code overloaded}.
     * After the security filters, so a request without a valid token is still told 401, and the
     * correlation id is on every answer.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "io.github.resilience4j.bulkhead.Bulkhead")
    @EnableConfigurationProperties(LoadSheddingSettings.class)
    static class LoadShedding {

        @Bean
        LoadSheddingFilter loadSheddingFilter(
                LoadSheddingSettings settings,
                ProblemWriter problems,
                @Value("${management.endpoints.web.base-path:/actuator}") String actuatorPath) {
            return new LoadSheddingFilter(settings, problems, actuatorPath);
        }

        @Bean
        FilterRegistrationBean<LoadSheddingFilter> loadSheddingFilterRegistration(
                LoadSheddingFilter filter) {
            var registration = new FilterRegistrationBean<>(filter);
            registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1);
            return registration;
        }

        /**
         * {@code cluster.web.requests.shed} (refused), {@code .in-flight} and {@code
         * .max-concurrent}.
         */
        @Bean
        MeterBinder loadSheddingMetrics(LoadSheddingFilter filter) {
            return registry -> {
                FunctionCounter.builder(
                                "cluster.web.requests.shed", filter, LoadSheddingFilter::shed)
                        .description(
                                "Requests refused with 503 overloaded: the service was at capacity")
                        .register(registry);
                Gauge.builder(
                                "cluster.web.requests.in-flight",
                                filter,
                                LoadSheddingFilter::inFlight)
                        .description("Requests being handled now (outside the actuator's paths)")
                        .register(registry);
                Gauge.builder(
                                "cluster.web.requests.max-concurrent",
                                filter,
                                LoadSheddingFilter::maxConcurrentRequests)
                        .description("How many requests are handled at once at most")
                        .register(registry);
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class StoreHealth {

        /**
         * Replaces Spring Boot's {@code mongo} indicator (same name), which waits as long as the
         * driver does.
         */
        @Bean
        @ConditionalOnBean(MongoClient.class)
        StoreHealthIndicator mongoHealthIndicator(
                MongoClient client,
                ObjectProvider<MongoConnectionDetails> details,
                StoreSettings settings) {
            MongoConnectionDetails connection = details.getIfAvailable();
            String database =
                    connection == null || connection.getConnectionString().getDatabase() == null
                            ? "admin"
                            : connection.getConnectionString().getDatabase();
            return new StoreHealthIndicator(client, database, settings.healthTimeout());
        }
    }
}
