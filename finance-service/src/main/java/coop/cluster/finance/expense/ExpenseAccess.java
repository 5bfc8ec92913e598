package coop.cluster.finance.expense;

import static coop.cluster.plumbing.security.ClusterRole.FINANCE;
import static coop.cluster.plumbing.security.ClusterRole.MANAGER;

import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.web.ProblemException;

/**
 * Who may do what with expense claims: finance staff and managers submit and read them; finance
 * staff approve (never their own claim: that is the expense's own rule, {@code
 * expense-self-approval}), reject and pay them. Anyone else gets 403.
 */
public final class ExpenseAccess {

    private ExpenseAccess() {}

    /** Submitting a claim: finance staff and managers. */
    public static void checkMaySubmit(Caller caller) {
        if (!caller.hasAny(FINANCE, MANAGER)) {
            throw ProblemException.forbidden();
        }
    }

    /** Reading claims: finance staff and managers. */
    public static void checkMayRead(Caller caller) {
        if (!caller.hasAny(FINANCE, MANAGER)) {
            throw ProblemException.forbidden();
        }
    }

    /** Approving, rejecting, paying: finance staff. */
    public static void checkMayDecide(Caller caller) {
        if (!caller.has(FINANCE)) {
            throw ProblemException.forbidden();
        }
    }
}
