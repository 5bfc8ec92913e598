package coop.cluster.membership.member.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/** The applicant is admitted: from now on an active member. Consumers start serving it (fees, projects, matching). Topic {@code membership.members}, key: the member id. */
@IntegrationEvent(type = "cluster.membership.member.admitted", version = 1, topic = "membership.members")
public record MemberAdmitted(String memberId, PublicProfile profile, String reason, Instant admittedAt) {
}
