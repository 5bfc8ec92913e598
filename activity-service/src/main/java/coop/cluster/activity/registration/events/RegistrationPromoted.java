package coop.cluster.activity.registration.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/**
 * A place freed by a cancellation went to the first person waiting. Topic {@code activity.events},
 * key: the event id.
 */
@IntegrationEvent(
        type = "cluster.activity.registration.promoted",
        version = 1,
        topic = "activity.events")
public record RegistrationPromoted(
        String eventId,
        String registrationId,
        String personId,
        String memberId,
        Instant promotedAt) {}
