package coop.cluster.finance.reconciliation;

import static coop.cluster.plumbing.security.ClusterRole.FINANCE;
import static coop.cluster.plumbing.security.ClusterRole.MANAGER;

import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.web.ProblemException;

/**
 * Who may do what with bank statements: finance staff import them and match them again; finance
 * staff and managers read them. Anyone else gets 403.
 */
public final class ReconciliationAccess {

    private ReconciliationAccess() {}

    /** Importing a statement, matching it again: finance staff. */
    public static void checkMayReconcile(Caller caller) {
        if (!caller.has(FINANCE)) {
            throw ProblemException.forbidden();
        }
    }

    /** Reading statements: finance staff and managers. */
    public static void checkMayRead(Caller caller) {
        if (!caller.hasAny(FINANCE, MANAGER)) {
            throw ProblemException.forbidden();
        }
    }
}
