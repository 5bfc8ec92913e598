package coop.cluster.activity.event.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/**
 * A manager published an exchange event: registrations are open. Topic {@code activity.events},
 * key: the event id.
 */
@IntegrationEvent(type = "cluster.activity.event.published", version = 1, topic = "activity.events")
public record EventPublished(
        String eventId,
        String kind,
        String titleFr,
        String titleEn,
        String place,
        String onlineLink,
        Instant startsAt,
        Instant endsAt,
        int capacity,
        String audience,
        String groupId,
        Instant publishedAt) {}
