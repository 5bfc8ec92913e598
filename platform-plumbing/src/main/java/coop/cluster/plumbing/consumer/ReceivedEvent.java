package coop.cluster.plumbing.consumer;

import java.time.Instant;

/**
 * An event as a consumer sees it: the CloudEvents attributes and the payload read into the
 * consumer's own type. Consumers keep their own copy of the payload records they read; they never
 * share the publisher's classes.
 */
public record ReceivedEvent<T>(
        String id,
        String type,
        String source,
        String subject,
        Instant time,
        String correlationId,
        T data) {}
