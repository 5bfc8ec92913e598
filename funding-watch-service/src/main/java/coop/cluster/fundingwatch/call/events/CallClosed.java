package coop.cluster.fundingwatch.call.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/**
 * A funding call closed: published once each time a call goes from not closed to closed. Topic
 * {@code fundingwatch.calls}; key and subject: the call id.
 *
 * @param closedAt for {@code deadline-passed}, the last deadline; for {@code source-closed}, when
 *     this service learnt it
 * @param reason {@code deadline-passed} or {@code source-closed}
 */
@IntegrationEvent(
        type = "cluster.fundingwatch.call.closed",
        version = 1,
        topic = "fundingwatch.calls")
public record CallClosed(String callId, Instant closedAt, String reason) {}
