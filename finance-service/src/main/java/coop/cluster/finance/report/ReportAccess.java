package coop.cluster.finance.report;

import static coop.cluster.plumbing.security.ClusterRole.DELEGATE;
import static coop.cluster.plumbing.security.ClusterRole.FINANCE;
import static coop.cluster.plumbing.security.ClusterRole.MANAGER;
import static coop.cluster.plumbing.security.ClusterRole.MEMBER;

import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.web.ProblemException;

/**
 * Who may do what with the public reports (the anonymous public endpoints aside): members,
 * delegates, managers and finance staff read the published reports; finance staff and managers also
 * read an unpublished period's live draft; finance staff publish. Anyone else gets 403.
 */
public final class ReportAccess {

    private ReportAccess() {}

    /** Reading published reports: members, delegates, managers, finance staff. */
    public static void checkMayRead(Caller caller) {
        if (!caller.hasAny(MEMBER, DELEGATE, MANAGER, FINANCE)) {
            throw ProblemException.forbidden();
        }
    }

    /**
     * Whether the caller may read an unpublished period's draft (others get 404
     * report-not-published).
     */
    public static boolean mayReadDrafts(Caller caller) {
        return caller.hasAny(FINANCE, MANAGER);
    }

    /** Publishing a period's report: finance staff. */
    public static void checkMayPublish(Caller caller) {
        if (!caller.has(FINANCE)) {
            throw ProblemException.forbidden();
        }
    }
}
