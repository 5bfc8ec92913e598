package coop.cluster.finance.ledger.web;

import coop.cluster.finance.ledger.domain.JournalEntry;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * The reversal of a posted entry: every posting on the other side, every conversion reversed.
 *
 * @param description optional; "Reversal of entry &lt;id&gt;" when absent
 */
record ReversalRequest(@Size(max = 1_000) String idempotencyKey,
                       @NotNull LocalDate date,
                       @Size(max = JournalEntry.MAX_DESCRIPTION_LENGTH) String description) {

    /** The reversal of {@code original} under a fresh id; throws a {@code LedgerViolation} when refused. */
    JournalEntry toEntry(JournalEntry original, String id, String key) {
        JournalEntry reversal = original.reversal(id, key, date);
        if (description == null || description.isBlank()) {
            return reversal;
        }
        return new JournalEntry(reversal.id(), reversal.idempotencyKey(), reversal.effectiveDate(), description,
                reversal.postings(), reversal.reverses(), reversal.conversions());
    }
}
