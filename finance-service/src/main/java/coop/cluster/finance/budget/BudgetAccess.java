package coop.cluster.finance.budget;

import static coop.cluster.plumbing.security.ClusterRole.FINANCE;
import static coop.cluster.plumbing.security.ClusterRole.MANAGER;

import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.web.ProblemException;

/**
 * Who may do what with project budgets: finance staff record the partners' contributions; finance
 * staff and managers read the budgets. Anyone else gets 403.
 */
public final class BudgetAccess {

    private BudgetAccess() {}

    /** Recording a contribution: finance staff. */
    public static void checkMayRecordContribution(Caller caller) {
        if (!caller.has(FINANCE)) {
            throw ProblemException.forbidden();
        }
    }

    /** Reading budgets: finance staff and managers. */
    public static void checkMayRead(Caller caller) {
        if (!caller.hasAny(FINANCE, MANAGER)) {
            throw ProblemException.forbidden();
        }
    }
}
