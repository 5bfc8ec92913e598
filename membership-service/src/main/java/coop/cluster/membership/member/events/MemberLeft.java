package coop.cluster.membership.member.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/** A member left the cluster. Other services end what it took part in (invitations, council seat, matching). Topic {@code membership.members}, key: the member id. */
@IntegrationEvent(type = "cluster.membership.member.left", version = 1, topic = "membership.members")
public record MemberLeft(String memberId, String reason, Instant leftAt) {
}
