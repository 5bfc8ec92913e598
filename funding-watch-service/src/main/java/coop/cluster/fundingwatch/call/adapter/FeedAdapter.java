package coop.cluster.fundingwatch.call.adapter;

import coop.cluster.fundingwatch.call.domain.Normalised;
import tools.jackson.databind.JsonNode;

/**
 * Reads one feed format into {@link coop.cluster.fundingwatch.call.domain.FundingCall}s. Records
 * are read one by one: a record that cannot be read is rejected with its reason and index, and the
 * others still go through. An adapter never throws for bad data.
 */
public interface FeedAdapter {

    /** True when {@code root} is in this adapter's format. */
    boolean accepts(JsonNode root);

    /**
     * The calls in {@code root} and the records rejected, every record in one of the two.
     *
     * @param source the feed id the batch came from; becomes {@code FundingCall.source}
     */
    Normalised normalise(String source, JsonNode root);
}
