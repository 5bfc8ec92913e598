package coop.cluster.project.project.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/**
 * The project was given up before it closed. Topic {@code project.projects}, key: the project id.
 */
@IntegrationEvent(
        type = "cluster.project.project.abandoned",
        version = 1,
        topic = "project.projects")
public record ProjectAbandoned(
        String projectId, String reason, String abandonedBy, Instant abandonedAt) {}
