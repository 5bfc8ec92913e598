package coop.cluster.activity.meeting.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/**
 * The one asked declined a meeting request. Topic {@code activity.events}, key: the exchange event
 * id.
 */
@IntegrationEvent(
        type = "cluster.activity.meeting.declined",
        version = 1,
        topic = "activity.events")
public record MeetingDeclined(
        String eventId,
        String requestId,
        String requesterId,
        String requestedId,
        Instant declinedAt) {}
