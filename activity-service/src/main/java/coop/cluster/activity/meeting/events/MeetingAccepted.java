package coop.cluster.activity.meeting.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/**
 * A meeting request was accepted by the one asked, or made mutual when they asked too ({@code
 * mutual}: both asked, a higher priority for the schedule). Topic {@code activity.events}, key: the
 * exchange event id.
 */
@IntegrationEvent(
        type = "cluster.activity.meeting.accepted",
        version = 1,
        topic = "activity.events")
public record MeetingAccepted(
        String eventId,
        String requestId,
        String requesterId,
        String requestedId,
        boolean mutual,
        Instant acceptedAt) {}
