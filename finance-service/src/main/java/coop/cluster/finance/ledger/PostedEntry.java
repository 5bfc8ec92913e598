package coop.cluster.finance.ledger;

import coop.cluster.finance.ledger.domain.JournalEntry;
import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of an accepted posting.
 *
 * @param sequence the entry's position in the journal
 * @param entry the entry in the journal: the one just posted or, on a replay, the first one posted
 *     under the same idempotency key
 * @param replayed whether this was a replay that wrote nothing
 * @param postedAt when the entry was written, as the journal keeps it (milliseconds), for an entry
 *     just posted; {@code null} on a replay (the in-memory ledger does not keep it: read the entry
 *     back)
 */
public record PostedEntry(long sequence, JournalEntry entry, boolean replayed, Instant postedAt) {

    public PostedEntry {
        Objects.requireNonNull(entry, "entry");
    }

    /** As written just now ({@code replayed} false) or replayed, without the time of writing. */
    public PostedEntry(long sequence, JournalEntry entry, boolean replayed) {
        this(sequence, entry, replayed, null);
    }

    /** The entry as the journal holds it, when this outcome knows when it was written. */
    public java.util.Optional<LedgerEntry> asStored() {
        return postedAt == null
                ? java.util.Optional.empty()
                : java.util.Optional.of(new LedgerEntry(sequence, entry, postedAt));
    }
}
