package coop.cluster.fundingwatch.feed;

import coop.cluster.fundingwatch.call.domain.Rejection;
import java.time.Instant;
import java.util.List;

/**
 * A batch of funding-call records as a feed pushed it, kept verbatim, with what became of its
 * records. The id is a digest of the feed and the exact bytes, so pushing the same batch twice
 * stores it once.
 *
 * @param receivedBy the authenticated subject: a client id, {@code feed:<id>} for signed pushes, or
 *     {@code kafka:<topic>} for a batch read from the raw feed topic
 * @param authentication how the feed proved who it is
 * @param records how many records the batch holds (calls read and records rejected)
 * @param rejections the records that could not be read, known (and published) as soon as the batch
 *     is stored
 * @param applied what applying its calls did; {@code null} until it is {@link Status#PROCESSED}
 */
public record FeedBatch(
        String id,
        String feedId,
        Instant receivedAt,
        String receivedBy,
        Authentication authentication,
        String contentType,
        int bytes,
        int records,
        Status status,
        String payload,
        List<Rejection> rejections,
        Applied applied) {

    public FeedBatch {
        rejections = rejections == null ? List.of() : List.copyOf(rejections);
    }

    /**
     * TOKEN: a client-credentials token naming the feed; SIGNATURE: an HMAC-signed push; TOPIC: a
     * record on the raw feed topic, whose writers the broker's ACLs decide, keyed by a feed the
     * registry knows.
     */
    public enum Authentication {
        TOKEN,
        SIGNATURE,
        TOPIC
    }

    /**
     * RECEIVED: stored with its rejections, its calls not (all) applied yet; PROCESSED: every call
     * applied. A batch pushed again while still RECEIVED (its first processing failed half-way) is
     * applied again.
     */
    public enum Status {
        RECEIVED,
        PROCESSED
    }

    /**
     * @param createdCallIds the calls seen for the first time
     * @param updatedCallIds the calls that changed
     * @param unchanged how many calls were exactly as stored already
     */
    public record Applied(
            Instant processedAt,
            List<String> createdCallIds,
            List<String> updatedCallIds,
            int unchanged) {

        public Applied {
            createdCallIds = List.copyOf(createdCallIds);
            updatedCallIds = List.copyOf(updatedCallIds);
        }
    }

    public FeedBatch processed(Applied outcome) {
        return new FeedBatch(
                id,
                feedId,
                receivedAt,
                receivedBy,
                authentication,
                contentType,
                bytes,
                records,
                Status.PROCESSED,
                payload,
                rejections,
                outcome);
    }
}
