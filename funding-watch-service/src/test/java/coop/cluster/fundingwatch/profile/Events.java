package coop.cluster.fundingwatch.profile;

import coop.cluster.plumbing.consumer.ReceivedEvent;
import java.time.Instant;
import java.util.UUID;

/** Received events for the unit tests of the matching view. */
final class Events {

    private Events() {}

    static <T> ReceivedEvent<T> received(String type, T data) {
        return new ReceivedEvent<>(
                UUID.randomUUID().toString(),
                type,
                "/test",
                null,
                Instant.parse("2026-05-01T08:00:00Z"),
                null,
                data);
    }
}
