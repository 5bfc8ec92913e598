package coop.cluster.finance.reconciliation;

import coop.cluster.finance.reconciliation.domain.BalanceCheck;
import coop.cluster.finance.reconciliation.domain.BalanceExplanation;
import coop.cluster.finance.reconciliation.domain.BankMovement;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one matching run of a statement against the ledger.
 *
 * @param version 1 for the run at import, then one more for each re-run (compare-and-set)
 * @param ranAt when it ran
 * @param matches the matched lines, by line number; a line not in it is unmatched
 * @param unmatchedEntries the ledger's bank movements dated in the statement's period that no line
 *     matched
 * @param balance the ledger's bank balance against the statement's closing balance
 * @param explanation the lines and entries that make the balances differ; {@code null} for a run
 *     stored before it was kept (a re-run gives it)
 */
public record Reconciliation(
        long version,
        Instant ranAt,
        Map<Integer, LineMatch> matches,
        List<BankMovement> unmatchedEntries,
        BalanceCheck balance,
        BalanceExplanation explanation) {

    public Reconciliation {
        matches = Map.copyOf(matches);
        unmatchedEntries = List.copyOf(unmatchedEntries);
    }
}
