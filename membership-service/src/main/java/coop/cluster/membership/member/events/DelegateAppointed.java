package coop.cluster.membership.member.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/**
 * An active member appointed its delegate to the council (replacing {@code previousSubject}, if
 * any). Topic {@code membership.members}, key: the member id.
 */
@IntegrationEvent(
        type = "cluster.membership.member.delegate-appointed",
        version = 1,
        topic = "membership.members")
public record DelegateAppointed(
        String memberId,
        String subject,
        String name,
        String previousSubject,
        Instant appointedAt) {}
