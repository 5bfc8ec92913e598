package coop.cluster.testing.store;

import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts every command a service's MongoDB client sends: add this class to a
 * {@code @SpringBootTest}'s classes and autowire {@link StoreCommands}. Each application context
 * gets its own counter, so another context the test JVM keeps cached (whose relay and consumers
 * still poll) never adds to this test's counts.
 */
@TestConfiguration(proxyBeanMethods = false)
public class CountStoreCommands {

    @Bean
    StoreCommands storeCommands() {
        return new StoreCommands();
    }

    @Bean
    MongoClientSettingsBuilderCustomizer storeCommandsListener(StoreCommands commands) {
        return settings -> settings.addCommandListener(commands);
    }
}
