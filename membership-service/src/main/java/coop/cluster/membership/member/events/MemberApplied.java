package coop.cluster.membership.member.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/**
 * Published when an organisation applies to join. Topic {@code membership.members}, key: the member
 * id.
 *
 * @param status the member's status after the event ({@code APPLIED}), as every member lifecycle
 *     event carries it so that a consumer need not know which event leads to which status. Added to
 *     v1.
 * @param appliedBy the {@code sub} of the person who filed the application (the caller: a manager
 *     filing for the organisation, or a user applying for their own), so that the identity service
 *     can make them the organisation's admin once it is admitted; null for the demo organisations,
 *     which nobody filed. Added to v1: consumers ignore what they do not know.
 */
@IntegrationEvent(
        type = "cluster.membership.member.applied",
        version = 1,
        topic = "membership.members")
public record MemberApplied(
        String memberId,
        String status,
        String legalName,
        String registrationNumber,
        String country,
        PublicProfile profile,
        Instant appliedAt,
        String appliedBy) {}
