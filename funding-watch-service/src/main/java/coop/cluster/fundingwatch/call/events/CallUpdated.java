package coop.cluster.fundingwatch.call.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/**
 * A funding call changed: its source sent a different version, or it opened again. Carries the
 * whole call after the change and what changed. Topic {@code fundingwatch.calls}; key and subject:
 * the call id.
 */
@IntegrationEvent(
        type = "cluster.fundingwatch.call.updated",
        version = 1,
        topic = "fundingwatch.calls")
public record CallUpdated(
        String callId,
        String source,
        String reference,
        CallContent call,
        CallChanges diff,
        Instant updatedAt) {}
