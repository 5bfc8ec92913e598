package coop.cluster.fundingwatch.feed.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/**
 * A record of a pushed batch could not be read; the batch's other records went through. Topic
 * {@code fundingwatch.rejects}; key: the batch id.
 *
 * @param index the record's position in the batch, from 0
 * @param reference the record's reference when it could be read, else {@code null}
 * @param reason a stable code: {@code missing-reference}, {@code invalid-date}, {@code wrong-type},
 *     ...
 * @param message for a person: the field and the offending value
 */
@IntegrationEvent(
        type = "cluster.fundingwatch.record.rejected",
        version = 1,
        topic = "fundingwatch.rejects")
public record RecordRejected(
        String batchId,
        String feedId,
        int index,
        String reference,
        String reason,
        String message,
        Instant rejectedAt) {}
