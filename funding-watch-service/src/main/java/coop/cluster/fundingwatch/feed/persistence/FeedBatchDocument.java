package coop.cluster.fundingwatch.feed.persistence;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

@Document("feed_batches")
@CompoundIndex(name = "feed_received", def = "{'feedId': 1, 'receivedAt': -1}")
record FeedBatchDocument(@Id String id, String feedId, Instant receivedAt, String receivedBy, String authentication,
                         String contentType, int bytes, int records, String status, String payload) {
}
