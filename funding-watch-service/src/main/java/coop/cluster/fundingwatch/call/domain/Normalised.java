package coop.cluster.fundingwatch.call.domain;

import java.util.List;

/**
 * What an adapter made of a batch: the calls it read and the records it rejected. Every record of
 * the batch is in exactly one of the two lists.
 */
public record Normalised(List<FundingCall> calls, List<Rejection> rejections) {

    public Normalised {
        calls = List.copyOf(calls);
        rejections = List.copyOf(rejections);
    }

    /** How many records the batch held. */
    public int records() {
        return calls.size() + rejections.size();
    }
}
