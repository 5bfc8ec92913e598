package coop.cluster.activity.registration.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/**
 * A person registered for a full event and waits for a place, at {@code position} (1 is next).
 * Topic {@code activity.events}, key: the event id.
 */
@IntegrationEvent(
        type = "cluster.activity.registration.waitlisted",
        version = 1,
        topic = "activity.events")
public record RegistrationWaitlisted(
        String eventId,
        String registrationId,
        String personId,
        String memberId,
        int position,
        Instant waitlistedAt) {}
