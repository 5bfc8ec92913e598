package coop.cluster.auth.people.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.util.List;

/**
 * A person's roles are now {@code roles} (in {@code memberId}) and {@code staffRoles}: the whole
 * sets, not a difference. {@code changedBy}: the {@code sub} of who changed them, or {@code
 * membership} when an appointment did. Topic {@code identity.people}, key: the person id.
 */
@IntegrationEvent(
        type = "cluster.identity.person.roles-changed",
        version = 1,
        topic = PersonInvited.TOPIC)
public record RolesChanged(
        String personId,
        String memberId,
        List<String> roles,
        List<String> staffRoles,
        String changedBy) {}
