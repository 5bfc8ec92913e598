package coop.cluster.activity.meeting.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/**
 * A re-run of the schedule no longer holds a meeting the previous run had scheduled (and
 * announced): it is off the two people's agendas. {@code reason}: {@code NO_COMMON_FREE_SLOT},
 * {@code PARTICIPANTS_BUSY}, {@code NO_TABLE_LEFT}, {@code DUPLICATE}, or {@code PARTICIPANT_LEFT}
 * (a registration was cancelled). Topic {@code activity.events}, key: the exchange event id.
 */
@IntegrationEvent(
        type = "cluster.activity.meeting.unscheduled",
        version = 1,
        topic = "activity.events")
public record MeetingUnscheduled(
        String eventId,
        int run,
        String requestId,
        String requesterId,
        String requestedId,
        Instant previousStartsAt,
        int previousTable,
        String reason,
        Instant unscheduledAt) {}
