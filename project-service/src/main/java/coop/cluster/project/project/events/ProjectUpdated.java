package coop.cluster.project.project.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/**
 * The project changed: its details, needs or target call, or it opened to partners ({@code project.status}
 * FORMING). Carries the whole state. Topic {@code project.projects}, key: the project id.
 *
 * @param change {@code details} or {@code opened}
 */
@IntegrationEvent(type = "cluster.project.project.updated", version = 1, topic = "project.projects")
public record ProjectUpdated(String projectId, String leaderId, String change, ProjectState project,
                             Instant updatedAt) {
}
