package coop.cluster.finance.reconciliation;

import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.finance.reconciliation.domain.MatchBasis;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A statement line's match: the journal entry it is, or the entries it is when the bank booked
 * several transfers as one line (a batch), and why.
 *
 * @param entries by sequence; one, or two or more for a batch (their amounts add up to the line's)
 */
public record LineMatch(int line, List<Entry> entries) {

    /** One journal entry a line matched, and why. */
    public record Entry(
            long sequence, String entryId, LocalDate entryDate, Money amount, MatchBasis basis) {

        public Entry {
            Objects.requireNonNull(entryId, "entryId");
            Objects.requireNonNull(entryDate, "entryDate");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(basis, "basis");
        }
    }

    public LineMatch {
        entries = List.copyOf(entries);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a line matches one entry at least");
        }
    }

    /** Whether the line matched several entries. */
    public boolean batch() {
        return entries.size() > 1;
    }

    /** The entry, or the first of a batch. */
    public Entry first() {
        return entries.getFirst();
    }
}
