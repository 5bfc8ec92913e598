package coop.cluster.fundingwatch.call.web;

import coop.cluster.fundingwatch.call.Calls;
import coop.cluster.fundingwatch.call.domain.CallChange;
import java.time.Instant;
import java.util.List;

/**
 * A page of a call's history, newest first: {@code content}, and where the page lies ({@code page},
 * {@code size}, {@code totalElements}, {@code totalPages}), as the other lists of this service.
 */
record CallChangePage(List<Entry> content, int page, int size, long totalElements, int totalPages) {

    static CallChangePage of(Calls.ChangePage changes) {
        return new CallChangePage(
                changes.content().stream().map(Entry::of).toList(),
                changes.page(),
                changes.size(),
                changes.totalElements(),
                changes.totalPages());
    }

    /**
     * One change of the call.
     *
     * @param revision the call's version after the change (its ETag then); ascending
     * @param at when the cluster stored it
     * @param feedId the feed whose batch brought it, or null (closed by the deadline sweep)
     * @param batchId that batch ({@code GET /api/feeds/{feedId}/batches/{batchId}}), or null
     * @param closedReason {@code deadline-passed} or {@code source-closed} when the call closed
     *     with this change
     * @param fields each field that changed, with its value before and after (see {@link Field})
     */
    record Entry(
            long revision,
            Instant at,
            String feedId,
            String batchId,
            String closedReason,
            List<Field> fields) {

        static Entry of(CallChange change) {
            return new Entry(
                    change.revision(),
                    change.at(),
                    change.feedId(),
                    change.batchId(),
                    change.closedReason(),
                    change.fields().stream()
                            .map(f -> new Field(f.field(), f.before(), f.after()))
                            .toList());
        }
    }

    /**
     * A field's change. {@code field}: {@code deadline} (a cut-off moved: both; added: before null;
     * removed: after null), {@code status}, or a field of the call ({@code title}, {@code budget},
     * {@code openingDate}, {@code eligibleCountries}...). Values: text, a list of texts, an
     * ISO-8601 instant, {@code {amount, currency}} for the budget, or null; never given for {@code
     * description} (only that it changed).
     */
    record Field(String field, Object before, Object after) {}
}
