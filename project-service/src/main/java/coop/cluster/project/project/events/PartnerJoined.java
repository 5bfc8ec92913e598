package coop.cluster.project.project.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/**
 * A member joined the project, by accepting an invitation. Topic {@code project.projects}, key: the
 * project id.
 */
@IntegrationEvent(type = "cluster.project.partner.joined", version = 1, topic = "project.projects")
public record PartnerJoined(
        String projectId, String memberId, String role, String invitationId, Instant joinedAt) {}
