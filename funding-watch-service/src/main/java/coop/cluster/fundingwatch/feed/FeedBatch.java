package coop.cluster.fundingwatch.feed;

import java.time.Instant;

/**
 * A batch of funding-call records as a feed pushed it, kept verbatim until it is processed. The id is a digest of
 * the feed and the exact bytes, so pushing the same batch twice stores it once.
 *
 * @param receivedBy     the authenticated subject: a client id, or {@code feed:<id>} for signed pushes
 * @param authentication how the feed proved who it is
 * @param records        how many records the batch holds, by its shape (array, Search API, grantsTenders)
 */
public record FeedBatch(String id, String feedId, Instant receivedAt, String receivedBy,
                        Authentication authentication, String contentType, int bytes, int records,
                        Status status, String payload) {

    public enum Authentication { TOKEN, SIGNATURE }

    /** RECEIVED: stored, waiting for normalisation (the funding-watch issue adds the adapters that process it). */
    public enum Status { RECEIVED }
}
