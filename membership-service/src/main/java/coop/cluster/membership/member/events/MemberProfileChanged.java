package coop.cluster.membership.member.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/**
 * A member or applicant edited its profile; carries the whole public profile as it now is. Topic
 * {@code membership.members}, key: the member id.
 *
 * @param status the member's status (unchanged by the edit), as every member lifecycle event
 *     carries it
 */
@IntegrationEvent(
        type = "cluster.membership.member.profile-changed",
        version = 1,
        topic = "membership.members")
public record MemberProfileChanged(
        String memberId, String status, PublicProfile profile, Instant changedAt) {}
