package coop.cluster.finance.ledger.persistence;

import coop.cluster.finance.ledger.domain.Seal;
import java.time.Instant;
import java.util.Objects;

/**
 * One document of the journal: a period's closing at its place in the ledger, with its seal.
 * Entries dated on or before {@code seal.to()} may not follow it.
 *
 * @param sequence the closing's position among the journal's records; the document's {@code _id}
 * @param seal the period, its hash and the previous one, its entry count and sequence range
 * @param closedAt when it was written
 * @param closedBy who closed it (the caller's subject)
 */
public record StoredClosing(long sequence, Seal seal, Instant closedAt, String closedBy)
        implements JournalRecord {

    public StoredClosing {
        if (sequence < 1) {
            throw new IllegalArgumentException("a journal sequence starts at 1, not " + sequence);
        }
        Objects.requireNonNull(seal, "seal");
        Objects.requireNonNull(closedAt, "closedAt");
        Objects.requireNonNull(closedBy, "closedBy");
    }
}
