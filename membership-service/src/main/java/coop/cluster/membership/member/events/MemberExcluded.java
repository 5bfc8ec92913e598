package coop.cluster.membership.member.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/** A member was excluded. Other services treat it as having left. Topic {@code membership.members}, key: the member id. */
@IntegrationEvent(type = "cluster.membership.member.excluded", version = 1, topic = "membership.members")
public record MemberExcluded(String memberId, String reason, Instant excludedAt) {
}
