package coop.cluster.fundingwatch.call;

import coop.cluster.fundingwatch.call.domain.TrackedCall;
import coop.cluster.fundingwatch.call.events.CallContent;
import coop.cluster.fundingwatch.call.search.CallIndex;
import java.time.Instant;
import java.util.List;

/**
 * A page of calls found: a summary of each, and where the page lies in all that match. The one
 * shape every list of calls is answered in: the call search ({@code GET /api/calls}) and a watch's
 * calls ({@code GET /api/watches/{id}/calls}), so that both read the same.
 */
public record CallPage(
        List<Summary> content, int page, int size, long totalElements, int totalPages) {

    public static CallPage of(CallIndex.Result result, int page, int size) {
        return new CallPage(
                result.hits().stream().map(Summary::of).toList(),
                page,
                size,
                result.total(),
                (int) ((result.total() + size - 1) / size));
    }

    /**
     * One call found.
     *
     * @param title for a cascade call, its own call title (not the title of the EU topic funding
     *     its project)
     * @param nextDeadline its first cut-off still ahead, or null; always null for a CLOSED call
     * @param url the call's own page
     * @param score the relevance, when the search had text (else null)
     * @param budget {@code {amount, currency}}, or null when the source gives none
     */
    public record Summary(
            String id,
            String title,
            String programme,
            String kind,
            String status,
            Instant nextDeadline,
            List<Instant> deadlines,
            String url,
            Float score,
            CallContent.Budget budget) {

        static Summary of(CallIndex.Hit hit) {
            TrackedCall tracked = hit.call();
            return new Summary(
                    tracked.id(),
                    tracked.call().title(),
                    tracked.call().programme(),
                    tracked.call().kind().name(),
                    tracked.status().name(),
                    hit.nextDeadline(),
                    tracked.call().deadlines(),
                    tracked.call().url(),
                    hit.score(),
                    CallContent.Budget.of(tracked.call().budget()));
        }
    }
}
