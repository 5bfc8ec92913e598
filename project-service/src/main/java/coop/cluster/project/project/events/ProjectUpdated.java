package coop.cluster.project.project.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/**
 * The project changed: its details, needs or target call, it opened to partners ({@code
 * project.status} FORMING), or its leadership moved. Carries the whole state. Topic {@code
 * project.projects}, key: the project id.
 *
 * @param change {@code details}, {@code opened}, {@code leadership-offered}, {@code
 *     leadership-declined}, {@code leader-changed} ({@code leaderId} is then the new leader),
 *     {@code activated} (every partner signed the agreement), {@code target-call-closed} (the
 *     funding call it aims at closed: {@code project.targetCallClosedAt} says when) or {@code
 *     target-call-reopened} (that call is open again)
 */
@IntegrationEvent(type = "cluster.project.project.updated", version = 1, topic = "project.projects")
public record ProjectUpdated(
        String projectId,
        String leaderId,
        String change,
        ProjectState project,
        Instant updatedAt) {}
