package coop.cluster.membership.group.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/**
 * A member joined or left a thematic group. Topic {@code membership.groups}, key: the group id, so
 * a group's changes arrive in order.
 *
 * @param change {@code JOINED} or {@code LEFT}
 * @param members how many members the group has after the change
 */
@IntegrationEvent(
        type = "cluster.membership.group.membership-changed",
        version = 1,
        topic = "membership.groups")
public record GroupMembershipChanged(
        String groupId, String memberId, String change, int members, Instant changedAt) {}
