package coop.cluster.finance.ledger;

import coop.cluster.finance.ledger.domain.JournalEntry;
import java.util.Objects;

/**
 * The outcome of an accepted posting.
 *
 * @param sequence the entry's position in the journal
 * @param entry    the entry in the journal: the one just posted or, on a replay, the first one posted under the
 *                 same idempotency key
 * @param replayed whether this was a replay that wrote nothing
 */
public record PostedEntry(long sequence, JournalEntry entry, boolean replayed) {

    public PostedEntry {
        Objects.requireNonNull(entry, "entry");
    }
}
