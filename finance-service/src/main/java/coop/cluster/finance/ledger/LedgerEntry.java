package coop.cluster.finance.ledger;

import coop.cluster.finance.ledger.domain.JournalEntry;
import java.time.Instant;
import java.util.Objects;

/** An entry of the journal, at its sequence, with when it was posted. */
public record LedgerEntry(long sequence, JournalEntry entry, Instant postedAt) {

    public LedgerEntry {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(postedAt, "postedAt");
    }
}
