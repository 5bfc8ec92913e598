package coop.cluster.project.project.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/**
 * An active member started a project, which it leads. Topic {@code project.projects}, key: the
 * project id.
 */
@IntegrationEvent(type = "cluster.project.project.created", version = 1, topic = "project.projects")
public record ProjectCreated(
        String projectId, String leaderId, ProjectState project, Instant createdAt) {}
