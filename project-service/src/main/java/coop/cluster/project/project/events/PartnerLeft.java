package coop.cluster.project.project.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/**
 * A partner left the project, with its reason if it gave one. Topic {@code project.projects}, key:
 * the project id.
 */
@IntegrationEvent(type = "cluster.project.partner.left", version = 1, topic = "project.projects")
public record PartnerLeft(String projectId, String memberId, String reason, Instant leftAt) {}
