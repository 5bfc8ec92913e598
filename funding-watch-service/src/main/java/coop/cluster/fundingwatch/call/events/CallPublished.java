package coop.cluster.fundingwatch.call.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/**
 * A funding call seen for the first time. Topic {@code fundingwatch.calls}; key and subject: the
 * call id.
 *
 * @param callId the call's stable id: a name-based UUID of source and reference
 * @param source the feed it came from
 * @param reference the feed's own reference for it
 * @param call the whole call
 * @param publishedAt when this service stored it
 */
@IntegrationEvent(
        type = "cluster.fundingwatch.call.published",
        version = 1,
        topic = "fundingwatch.calls")
public record CallPublished(
        String callId, String source, String reference, CallContent call, Instant publishedAt) {}
