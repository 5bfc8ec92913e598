package coop.cluster.finance.ledger.persistence;

import coop.cluster.finance.ledger.domain.JournalEntry;
import java.time.Instant;
import java.util.Objects;

/**
 * One document of the journal: an accepted entry at its place in the ledger.
 *
 * @param sequence the entry's position, 1, 2, 3... with no gaps; the document's {@code _id}
 * @param entry the entry as posted
 * @param postedAt when it was written
 */
public record StoredEntry(long sequence, JournalEntry entry, Instant postedAt)
        implements JournalRecord {

    public StoredEntry {
        if (sequence < 1) {
            throw new IllegalArgumentException("a journal sequence starts at 1, not " + sequence);
        }
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(postedAt, "postedAt");
    }
}
