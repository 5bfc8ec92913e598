package coop.cluster.activity.meeting.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/**
 * A meeting got a slot and a table in a schedule run: one event per meeting that is new to the
 * schedule or moved (then with where it was before, {@code previousStartsAt} and {@code
 * previousTable}, else null); a meeting that kept its slot and table in a re-run is not announced
 * again. Each person's agenda is the latest event per request that names them, less the {@code
 * cluster.activity.meeting.unscheduled.v1} ones. Topic {@code activity.events}, key: the exchange
 * event id.
 *
 * @param run the schedule run, 1 for the first
 */
@IntegrationEvent(
        type = "cluster.activity.meeting.scheduled",
        version = 1,
        topic = "activity.events")
public record MeetingScheduled(
        String eventId,
        int run,
        String requestId,
        String requesterId,
        String requestedId,
        Instant startsAt,
        Instant endsAt,
        int table,
        boolean mutual,
        Instant previousStartsAt,
        Integer previousTable,
        Instant scheduledAt) {}
