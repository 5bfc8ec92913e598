package coop.cluster.activity.registration.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/**
 * A person registered for an event and holds a place. Topic {@code activity.events}, key: the event
 * id.
 */
@IntegrationEvent(
        type = "cluster.activity.registration.confirmed",
        version = 1,
        topic = "activity.events")
public record RegistrationConfirmed(
        String eventId,
        String registrationId,
        String personId,
        String memberId,
        int freePlaces,
        Instant confirmedAt) {}
