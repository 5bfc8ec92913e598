package coop.cluster.membership.member.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/** An active member is suspended (for example for unpaid fees): it keeps its data but loses its rights until reinstated. Topic {@code membership.members}, key: the member id. */
@IntegrationEvent(type = "cluster.membership.member.suspended", version = 1, topic = "membership.members")
public record MemberSuspended(String memberId, String reason, String cause, Instant suspendedAt) {
}
