package coop.cluster.plumbing.events;

import java.time.Instant;
import java.util.Objects;
import org.bson.Document;

/**
 * An event waiting in its aggregate's document until the relay has published it.
 *
 * @param id CloudEvents id, unique per event; consumers dedupe on it
 * @param type CloudEvents type with its version
 * @param topic Kafka topic
 * @param key Kafka record key: the aggregate id, so one aggregate's events stay in order
 * @param subject CloudEvents subject: the aggregate id as a path, e.g. {@code members/42}
 * @param time when the state change happened
 * @param payload JSON payload as text, stored verbatim so that decimals and dates are not re-typed
 * @param correlationId id of the request that caused it, if any
 * @param traceparent W3C trace context of that request, if any
 */
public record PendingEvent(
        String id,
        String type,
        String topic,
        String key,
        String subject,
        Instant time,
        String payload,
        String correlationId,
        String traceparent) {

    public PendingEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(payload, "payload");
    }

    public Document toDocument() {
        Document document =
                new Document("id", id)
                        .append("type", type)
                        .append("topic", topic)
                        .append("key", key)
                        .append("subject", subject)
                        .append("time", java.util.Date.from(time))
                        .append("payload", payload);
        if (correlationId != null) {
            document.append("correlationId", correlationId);
        }
        if (traceparent != null) {
            document.append("traceparent", traceparent);
        }
        return document;
    }

    public static PendingEvent fromDocument(Document document) {
        java.util.Date time = document.getDate("time");
        return new PendingEvent(
                document.getString("id"),
                document.getString("type"),
                document.getString("topic"),
                document.getString("key"),
                document.getString("subject"),
                time.toInstant(),
                document.getString("payload"),
                document.getString("correlationId"),
                document.getString("traceparent"));
    }
}
