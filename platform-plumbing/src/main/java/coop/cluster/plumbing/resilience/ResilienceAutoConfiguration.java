package coop.cluster.plumbing.resilience;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration;
import org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bounds every wait on the store (timeouts of the driver, a health check that answers in time) and logs its outages
 * once each, the scheduled jobs' failures during one seldom; docs/resilience.md.
 */
@AutoConfiguration(after = MongoAutoConfiguration.class, before = MongoHealthContributorAutoConfiguration.class)
@EnableConfigurationProperties(StoreSettings.class)
public class ResilienceAutoConfiguration {

    @Bean
    StoreOutageLog storeOutageLog() {
        return new StoreOutageLog();
    }

    @Bean
    StoreClientSettings storeClientSettings(StoreSettings settings, ObjectProvider<MongoConnectionDetails> details,
                                            StoreOutageLog outageLog) {
        MongoConnectionDetails connection = details.getIfAvailable();
        ConnectionString uri = connection == null ? null : connection.getConnectionString();
        return new StoreClientSettings(settings, uri, outageLog);
    }

    /** The {@code @Scheduled} jobs' failures: an outage in one line now and then, the rest with stack traces. */
    @Bean
    ThreadPoolTaskSchedulerCustomizer scheduledJobErrors() {
        ScheduledJobErrors errors = new ScheduledJobErrors();
        return scheduler -> scheduler.setErrorHandler(errors);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class StoreHealth {

        /** Replaces Spring Boot's {@code mongo} indicator (same name), which waits as long as the driver does. */
        @Bean
        @ConditionalOnBean(MongoClient.class)
        StoreHealthIndicator mongoHealthIndicator(MongoClient client, ObjectProvider<MongoConnectionDetails> details,
                                                  StoreSettings settings) {
            MongoConnectionDetails connection = details.getIfAvailable();
            String database = connection == null || connection.getConnectionString().getDatabase() == null
                    ? "admin" : connection.getConnectionString().getDatabase();
            return new StoreHealthIndicator(client, database, settings.healthTimeout());
        }
    }
}
