package coop.cluster.membership.directory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The directory's index, and the scheduling its indexer polls with. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class DirectoryConfiguration {

    @Bean(destroyMethod = "close")
    DirectoryIndex directoryIndex() {
        return new DirectoryIndex();
    }
}
