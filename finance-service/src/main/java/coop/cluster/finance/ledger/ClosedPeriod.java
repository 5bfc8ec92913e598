package coop.cluster.finance.ledger;

import coop.cluster.finance.ledger.domain.Seal;
import coop.cluster.finance.ledger.persistence.StoredClosing;
import java.time.Instant;
import java.util.Objects;

/**
 * A period's closing, at its sequence in the journal, with its seal.
 *
 * @param sequence the closing's own sequence: every entry before it was considered, none dated in
 *     the period may follow it
 * @param seal the period, its hash, the previous hash, the entry count and the sealed entries'
 *     sequence range
 * @param closedAt when it was written
 * @param closedBy who closed it
 * @param replayed whether this answer is the closing written earlier under the same period id
 *     (nothing written)
 */
public record ClosedPeriod(
        long sequence, Seal seal, Instant closedAt, String closedBy, boolean replayed) {

    public ClosedPeriod {
        Objects.requireNonNull(seal, "seal");
        Objects.requireNonNull(closedAt, "closedAt");
        Objects.requireNonNull(closedBy, "closedBy");
    }

    static ClosedPeriod of(StoredClosing stored) {
        return new ClosedPeriod(
                stored.sequence(), stored.seal(), stored.closedAt(), stored.closedBy(), false);
    }

    /** The same closing, flagged as answered again. */
    public ClosedPeriod asReplay() {
        return new ClosedPeriod(sequence, seal, closedAt, closedBy, true);
    }
}
