package coop.cluster.fundingwatch.call.adapter;

import coop.cluster.fundingwatch.call.domain.Normalised;
import coop.cluster.fundingwatch.call.domain.Rejection;
import coop.cluster.fundingwatch.call.domain.Rejection.Reason;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Picks the adapter for a batch: the first that accepts its root. A batch no adapter accepts is
 * rejected whole, {@code unknown-format}: one rejection per element when it is a collection, else
 * one for the batch.
 */
public final class FeedAdapters {

    private final List<FeedAdapter> adapters;

    public FeedAdapters(List<FeedAdapter> adapters) {
        this.adapters = List.copyOf(adapters);
    }

    /** The Search API, grantsTenders.json and the generic format, tried in that order. */
    public static FeedAdapters standard(Clock clock) {
        return new FeedAdapters(
                List.of(
                        new SearchApiAdapter(),
                        new GrantsTendersAdapter(),
                        new GenericJsonAdapter(clock)));
    }

    public Optional<FeedAdapter> adapterFor(JsonNode root) {
        return adapters.stream().filter(adapter -> adapter.accepts(root)).findFirst();
    }

    public Normalised normalise(String source, JsonNode root) {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("source is required");
        }
        return adapterFor(root)
                .map(adapter -> adapter.normalise(source, root))
                .orElseGet(() -> unknownFormat(root));
    }

    private static Normalised unknownFormat(JsonNode root) {
        String message =
                "the batch is in no known format: a Search API response (results[]), a"
                        + " grantsTenders.json dump (fundingData.GrantTenderObj[]) or the generic"
                        + " format (calls[] or an array)";
        int records = root != null && root.isArray() ? Math.max(root.size(), 1) : 1;
        List<Rejection> rejections = new ArrayList<>(records);
        for (int i = 0; i < records; i++) {
            rejections.add(new Rejection(i, null, Reason.UNKNOWN_FORMAT, message));
        }
        return new Normalised(List.of(), rejections);
    }
}
