package coop.cluster.membership.member.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/** The application is refused; the organisation never became a member. Topic {@code membership.members}, key: the member id. */
@IntegrationEvent(type = "cluster.membership.member.rejected", version = 1, topic = "membership.members")
public record MemberRejected(String memberId, String reason, Instant rejectedAt) {
}
