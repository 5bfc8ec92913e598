package coop.cluster.activity.meeting.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/**
 * A participant of a B2B session asked to meet another; the other is to answer. Topic {@code
 * activity.events}, key: the exchange event id.
 */
@IntegrationEvent(
        type = "cluster.activity.meeting.requested",
        version = 1,
        topic = "activity.events")
public record MeetingRequested(
        String eventId,
        String requestId,
        String requesterId,
        String requesterMemberId,
        String requestedId,
        String requestedMemberId,
        Instant requestedAt) {}
