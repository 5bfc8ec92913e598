package coop.cluster.membership.directory;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code directory} in {@code /actuator/health}: out of service until the initial build from the
 * store is done, then up, with the number of members and the index's lag.
 */
@Component
class DirectoryHealthIndicator implements HealthIndicator {

    private final DirectoryIndexer indexer;
    private final DirectoryIndex index;

    DirectoryHealthIndicator(DirectoryIndexer indexer, DirectoryIndex index) {
        this.indexer = indexer;
        this.index = index;
    }

    @Override
    public Health health() {
        Health.Builder health =
                indexer.built() ? Health.up() : Health.outOfService().withDetail("building", true);
        return health.withDetail("members", index.size())
                .withDetail("lagSeconds", indexer.lagSeconds())
                .build();
    }
}
