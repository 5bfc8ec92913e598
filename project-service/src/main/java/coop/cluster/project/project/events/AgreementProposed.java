package coop.cluster.project.project.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/**
 * The leader proposed a version of the partnership agreement; every partner must sign it. Topic
 * {@code project.projects}, key: the project id.
 */
@IntegrationEvent(
        type = "cluster.project.agreement.proposed",
        version = 1,
        topic = "project.projects")
public record AgreementProposed(String projectId, AgreementContent agreement, Instant proposedAt) {}
