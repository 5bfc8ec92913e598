package coop.cluster.membership.member.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/**
 * The member's delegate lost the seat without a successor: {@code reason} {@code
 * left-organisation}, the person left the member organisation (identity's {@code
 * person.left-organisation}). Topic {@code membership.members}, key: the member id.
 */
@IntegrationEvent(
        type = "cluster.membership.member.delegate-removed",
        version = 1,
        topic = "membership.members")
public record DelegateRemoved(String memberId, String subject, String reason, Instant removedAt) {}
