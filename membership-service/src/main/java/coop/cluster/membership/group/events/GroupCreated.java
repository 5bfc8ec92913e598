package coop.cluster.membership.group.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;
import java.util.List;

/**
 * A thematic group exists, created by the council resolution {@code resolutionId}; {@code
 * interests} are the tags that funding-call matching uses. Topic {@code membership.groups}, key:
 * the group id.
 */
@IntegrationEvent(
        type = "cluster.membership.group.created",
        version = 1,
        topic = "membership.groups")
public record GroupCreated(
        String groupId,
        String name,
        String description,
        List<String> interests,
        String resolutionId,
        Instant createdAt) {}
