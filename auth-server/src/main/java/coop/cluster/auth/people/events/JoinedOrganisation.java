package coop.cluster.auth.people.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.util.List;

/**
 * A person belongs to a member organisation from now on, with {@code roles}; membership keeps who
 * belongs to which member from it. Topic {@code identity.people}, key: the person id.
 */
@IntegrationEvent(
        type = "cluster.identity.person.joined-organisation",
        version = 1,
        topic = PersonInvited.TOPIC)
public record JoinedOrganisation(
        String personId,
        String memberId,
        List<String> roles,
        String email,
        String displayName,
        String language) {}
