package coop.cluster.fundingwatch.feed.persistence;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A batch as stored, with the "record rejected" events of its bad records in its {@code outbox}
 * (not mapped here), written in the same insert. {@code createdCallIds}, {@code updatedCallIds},
 * {@code unchanged} and {@code processedAt} are set once its calls are applied.
 */
@Document("feed_batches")
@CompoundIndex(name = "feed_received", def = "{'feedId': 1, 'receivedAt': -1}")
record FeedBatchDocument(
        @Id String id,
        String feedId,
        Instant receivedAt,
        String receivedBy,
        String authentication,
        String contentType,
        int bytes,
        int records,
        String status,
        String payload,
        List<RejectionDoc> rejections,
        Instant processedAt,
        List<String> createdCallIds,
        List<String> updatedCallIds,
        Integer unchanged,
        @Version Long version) {

    /**
     * @param reason the rejection's stable code
     */
    record RejectionDoc(int index, String reference, String reason, String message) {}
}
