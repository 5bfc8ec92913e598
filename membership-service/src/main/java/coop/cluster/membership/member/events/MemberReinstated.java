package coop.cluster.membership.member.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/** A suspended member is active again. Topic {@code membership.members}, key: the member id. */
@IntegrationEvent(type = "cluster.membership.member.reinstated", version = 1, topic = "membership.members")
public record MemberReinstated(String memberId, String reason, Instant reinstatedAt) {
}
