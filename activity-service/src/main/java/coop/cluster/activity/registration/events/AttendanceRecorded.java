package coop.cluster.activity.registration.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;
import java.util.List;

/**
 * A manager recorded people present at an event (the ones newly recorded). Topic {@code
 * activity.events}, key: the event id.
 */
@IntegrationEvent(
        type = "cluster.activity.attendance.recorded",
        version = 1,
        topic = "activity.events")
public record AttendanceRecorded(
        String eventId, List<Attendee> attendees, String recordedBy, Instant recordedAt) {

    /** One person present. */
    public record Attendee(String registrationId, String personId, String memberId) {}
}
