package coop.cluster.membership.member.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/**
 * An active member is suspended (for example for unpaid fees): it keeps its data but loses its
 * rights until reinstated. Topic {@code membership.members}, key: the member id.
 *
 * @param status the member's status after the event ({@code SUSPENDED}), as every member lifecycle
 *     event carries it, so that a consumer need not know which event leads to which status. Added
 *     to v1: consumers ignore what they do not know.
 */
@IntegrationEvent(
        type = "cluster.membership.member.suspended",
        version = 1,
        topic = "membership.members")
public record MemberSuspended(
        String memberId, String status, String reason, String cause, Instant suspendedAt) {}
