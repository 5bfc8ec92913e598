package coop.cluster.membership.member.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/**
 * The application is refused; the organisation never became a member. Topic {@code
 * membership.members}, key: the member id.
 *
 * @param status the member's status after the event ({@code REJECTED}), as every member lifecycle
 *     event carries it, so that a consumer need not know which event leads to which status. Added
 *     to v1: consumers ignore what they do not know.
 */
@IntegrationEvent(
        type = "cluster.membership.member.rejected",
        version = 1,
        topic = "membership.members")
public record MemberRejected(String memberId, String status, String reason, Instant rejectedAt) {}
