package coop.cluster.notification.notify;

import java.time.Instant;
import java.util.Map;

/**
 * What one event tells its recipients: the kind, the kind's arguments by name, and the console page
 * it links to.
 *
 * @param eventId the event's {@code ce_id}
 * @param at when it happened ({@code ce_time})
 * @param path the page of the web console, e.g. {@code projects/<id>/sign}
 * @param key with the person and the channel, the exactly-once key of what it makes: the event id,
 *     or what the notice is about when several events tell the same thing (a call matched to an
 *     organisation through its profile, a group and a watch is one notice: {@code
 *     call-matched:<callId>})
 */
public record Notice(
        String eventId,
        Instant at,
        Kind kind,
        Map<String, Object> arguments,
        String path,
        String key) {

    /** A notice whose key is its event's id. */
    public Notice(
            String eventId, Instant at, Kind kind, Map<String, Object> arguments, String path) {
        this(eventId, at, kind, arguments, path, eventId);
    }
}
