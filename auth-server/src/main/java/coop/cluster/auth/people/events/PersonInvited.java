package coop.cluster.auth.people.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;
import java.util.List;

/**
 * Someone was invited to hold an account (docs/people.md). Topic {@code identity.people}, key: the
 * invitation id.
 */
@IntegrationEvent(
        type = "cluster.identity.person.invited",
        version = 1,
        topic = PersonInvited.TOPIC)
public record PersonInvited(
        String invitationId,
        String email,
        String memberId,
        List<String> roles,
        List<String> staffRoles,
        String invitedBy,
        Instant expiresAt) {

    public static final String TOPIC = "identity.people";
}
