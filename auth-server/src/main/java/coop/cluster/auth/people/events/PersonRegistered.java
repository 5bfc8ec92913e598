package coop.cluster.auth.people.events;

import coop.cluster.plumbing.events.IntegrationEvent;

/**
 * A person has an account. {@code via}: {@code invitation}, {@code sign-up}, {@code demo} or {@code
 * upstream}. Topic {@code identity.people}, key: the person id.
 */
@IntegrationEvent(
        type = "cluster.identity.person.registered",
        version = 1,
        topic = PersonInvited.TOPIC)
public record PersonRegistered(
        String personId, String email, String displayName, String language, String via) {}
