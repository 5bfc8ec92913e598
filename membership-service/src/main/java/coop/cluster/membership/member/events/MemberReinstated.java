package coop.cluster.membership.member.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/**
 * A suspended member is active again. Topic {@code membership.members}, key: the member id.
 *
 * @param status the member's status after the event ({@code ACTIVE}), as every member lifecycle
 *     event carries it, so that a consumer need not know which event leads to which status. Added
 *     to v1: consumers ignore what they do not know.
 */
@IntegrationEvent(
        type = "cluster.membership.member.reinstated",
        version = 1,
        topic = "membership.members")
public record MemberReinstated(
        String memberId, String status, String reason, Instant reinstatedAt) {}
