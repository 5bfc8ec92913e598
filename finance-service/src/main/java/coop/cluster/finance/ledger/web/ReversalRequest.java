package coop.cluster.finance.ledger.web;

import coop.cluster.finance.ledger.domain.JournalEntry;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * The reversal of a posted entry: every posting on the other side, every conversion reversed.
 *
 * @param date the reversal's own effective date, optional: today when absent. A reversal is a new
 *     entry, so when the original lies in a closed period the reversal must be dated in the open
 *     one ({@code period-closed} otherwise)
 * @param description optional; "Reversal of entry &lt;id&gt;" when absent
 */
record ReversalRequest(
        @Size(max = 1_000) String idempotencyKey,
        LocalDate date,
        @Size(max = JournalEntry.MAX_DESCRIPTION_LENGTH) String description) {

    /**
     * The reversal of {@code original} under a fresh id, dated {@code today} unless a date is
     * given; throws a {@code LedgerViolation} when refused.
     */
    JournalEntry toEntry(JournalEntry original, String id, String key, LocalDate today) {
        JournalEntry reversal = original.reversal(id, key, date == null ? today : date);
        if (description == null || description.isBlank()) {
            return reversal;
        }
        return new JournalEntry(
                reversal.id(),
                reversal.idempotencyKey(),
                reversal.effectiveDate(),
                description,
                reversal.postings(),
                reversal.reverses(),
                reversal.conversions());
    }
}
