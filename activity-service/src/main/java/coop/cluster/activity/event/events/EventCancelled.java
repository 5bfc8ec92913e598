package coop.cluster.activity.event.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;
import java.util.List;

/**
 * A manager cancelled an exchange event; the people registered (confirmed and waiting) are listed,
 * to be told. Topic {@code activity.events}, key: the event id.
 */
@IntegrationEvent(type = "cluster.activity.event.cancelled", version = 1, topic = "activity.events")
public record EventCancelled(
        String eventId, String reason, List<String> registeredPeople, Instant cancelledAt) {}
