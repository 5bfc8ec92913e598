package coop.cluster.finance.ledger;

import static coop.cluster.plumbing.security.ClusterRole.FINANCE;
import static coop.cluster.plumbing.security.ClusterRole.MANAGER;

import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.web.ProblemException;

/**
 * Who may do what with the ledger: finance staff post entries (one or a batch) and reverse them;
 * finance staff and managers read the entries, balances and accounts. Anyone else gets 403: the
 * books have nothing per organisation to hide, so there is no 404 here.
 */
public final class LedgerAccess {

    private LedgerAccess() {}

    /** Posting an entry, a batch, a reversal: finance staff. */
    public static void checkMayPost(Caller caller) {
        if (!caller.has(FINANCE)) {
            throw ProblemException.forbidden();
        }
    }

    /** Reading entries, balances and the chart: finance staff and managers. */
    public static void checkMayRead(Caller caller) {
        if (!caller.hasAny(FINANCE, MANAGER)) {
            throw ProblemException.forbidden();
        }
    }
}
