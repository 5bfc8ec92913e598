package coop.cluster.notification.notify;

import java.time.Instant;
import java.util.Map;

/**
 * What one event tells its recipients: the kind, the kind's arguments by name, and the console page it links to.
 *
 * @param eventId the event's {@code ce_id}: with the person and the channel, the exactly-once key
 * @param at      when it happened ({@code ce_time})
 * @param path    the page of the web console, e.g. {@code projects/<id>/sign}
 */
public record Notice(String eventId, Instant at, Kind kind, Map<String, Object> arguments, String path) {
}
