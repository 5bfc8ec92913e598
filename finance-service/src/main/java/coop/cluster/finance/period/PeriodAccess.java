package coop.cluster.finance.period;

import static coop.cluster.plumbing.security.ClusterRole.FINANCE;
import static coop.cluster.plumbing.security.ClusterRole.MANAGER;

import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.web.ProblemException;

/**
 * Who may do what with periods: finance staff close them; finance staff and managers read them and
 * verify the seals. Anyone else gets 403.
 */
public final class PeriodAccess {

    private PeriodAccess() {}

    /** Closing a period: finance staff. */
    public static void checkMayClose(Caller caller) {
        if (!caller.has(FINANCE)) {
            throw ProblemException.forbidden();
        }
    }

    /** Reading periods and verifying the seals: finance staff and managers. */
    public static void checkMayRead(Caller caller) {
        if (!caller.hasAny(FINANCE, MANAGER)) {
            throw ProblemException.forbidden();
        }
    }
}
