package coop.cluster.finance.receipt;

import static coop.cluster.plumbing.security.ClusterRole.FINANCE;
import static coop.cluster.plumbing.security.ClusterRole.MANAGER;

import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.web.ProblemException;

/**
 * Who may do what with donations, grants and in-kind contributions: finance staff record them;
 * finance staff and managers list them. Anyone else gets 403.
 */
public final class ReceiptAccess {

    private ReceiptAccess() {}

    /** Recording a receipt: finance staff. */
    public static void checkMayRecord(Caller caller) {
        if (!caller.has(FINANCE)) {
            throw ProblemException.forbidden();
        }
    }

    /** Listing receipts: finance staff and managers. */
    public static void checkMayRead(Caller caller) {
        if (!caller.hasAny(FINANCE, MANAGER)) {
            throw ProblemException.forbidden();
        }
    }
}
