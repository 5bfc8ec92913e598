package coop.cluster.project.project.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/** An active project's work is done. Topic {@code project.projects}, key: the project id. */
@IntegrationEvent(type = "cluster.project.project.closed", version = 1, topic = "project.projects")
public record ProjectClosed(String projectId, String reason, Instant closedAt) {}
