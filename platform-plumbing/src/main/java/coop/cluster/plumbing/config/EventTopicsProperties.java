package coop.cluster.plumbing.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the plumbing creates topics.
 *
 * @param partitions partitions of each event topic; events are keyed by aggregate id, so this
 *     bounds the parallelism of a consumer group
 * @param replicationFactor 1 on the embedded broker, 3 on a production cluster
 */
@ConfigurationProperties("cluster.events")
public record EventTopicsProperties(Integer partitions, Short replicationFactor) {

    public EventTopicsProperties {
        partitions = partitions == null ? 3 : partitions;
        replicationFactor = replicationFactor == null ? 1 : replicationFactor;
    }
}
