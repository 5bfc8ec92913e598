package coop.cluster.finance.ledger.domain;

import java.util.Objects;

/**
 * The outcome of posting an entry that was accepted.
 *
 * @param entry the entry in the ledger: the one just posted or, on a replay, the first one posted
 *     under the same idempotency key (with its own id)
 * @param replayed whether this was a replay that changed nothing
 */
public record Recorded(JournalEntry entry, boolean replayed) {

    public Recorded {
        Objects.requireNonNull(entry, "entry");
    }
}
