package coop.cluster.activity.registration.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/**
 * A registration was cancelled, by its person or a manager; {@code status} is what it was:
 * CONFIRMED or WAITLISTED. Topic {@code activity.events}, key: the event id.
 */
@IntegrationEvent(
        type = "cluster.activity.registration.cancelled",
        version = 1,
        topic = "activity.events")
public record RegistrationCancelled(
        String eventId,
        String registrationId,
        String personId,
        String memberId,
        String status,
        String cancelledBy,
        Instant cancelledAt) {}
