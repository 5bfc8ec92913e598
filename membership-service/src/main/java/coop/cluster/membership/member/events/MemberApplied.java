package coop.cluster.membership.member.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/** Published when an organisation applies to join. Topic {@code membership.members}, key: the member id. */
@IntegrationEvent(type = "cluster.membership.member.applied", version = 1, topic = "membership.members")
public record MemberApplied(String memberId, String legalName, String registrationNumber, String country,
                            PublicProfile profile, Instant appliedAt) {
}
