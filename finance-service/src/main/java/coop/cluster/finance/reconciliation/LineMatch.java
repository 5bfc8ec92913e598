package coop.cluster.finance.reconciliation;

import coop.cluster.finance.reconciliation.domain.MatchBasis;
import java.time.LocalDate;

/** A statement line's match: the journal entry it is, and why. */
public record LineMatch(int line, long sequence, String entryId, LocalDate entryDate, MatchBasis basis) {
}
