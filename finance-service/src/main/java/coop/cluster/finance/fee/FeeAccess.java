package coop.cluster.finance.fee;

import static coop.cluster.plumbing.security.ClusterRole.DELEGATE;
import static coop.cluster.plumbing.security.ClusterRole.FINANCE;
import static coop.cluster.plumbing.security.ClusterRole.MANAGER;
import static coop.cluster.plumbing.security.ClusterRole.MEMBER;

import coop.cluster.finance.fee.domain.Invoice;
import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.web.ProblemException;

/**
 * Who may do what with membership fees: finance staff and managers read every invoice and the
 * schedules; a member's users (members, delegates) read their own organisation's invoices only, and
 * another organisation's invoice is "not found" to them; finance staff record payments and run the
 * invoicing and the overdue sweep by hand. Anyone else gets 403.
 */
public final class FeeAccess {

    private FeeAccess() {}

    /**
     * The member whose invoices the caller may list, given the {@code memberId} asked for: any (as
     * asked, null for all) to finance staff and managers; a member's users their own organisation's
     * (asking for another is 403).
     */
    public static String invoicesListedFor(Caller caller, String memberId) {
        if (caller.hasAny(FINANCE, MANAGER)) {
            return memberId;
        }
        if (!caller.hasAny(MEMBER, DELEGATE)
                || caller.memberId().isEmpty()
                || (memberId != null && !caller.belongsTo(memberId))) {
            throw ProblemException.forbidden();
        }
        return caller.memberId().get();
    }

    /**
     * Reading an invoice at all: finance staff, managers, a member's users (then only its own, see
     * below).
     */
    public static void checkMayReadInvoices(Caller caller) {
        if (!caller.hasAny(FINANCE, MANAGER, MEMBER, DELEGATE)) {
            throw ProblemException.forbidden();
        }
    }

    /**
     * Whether the caller sees this invoice; the API answers 404 fee-invoice-not-found when it does
     * not.
     */
    public static boolean maySee(Caller caller, Invoice invoice) {
        return caller.hasAny(FINANCE, MANAGER) || caller.belongsTo(invoice.memberId());
    }

    /** Recording a payment, running the invoicing or the overdue sweep by hand: finance staff. */
    public static void checkMayRecord(Caller caller) {
        if (!caller.has(FINANCE)) {
            throw ProblemException.forbidden();
        }
    }

    /** Reading the fee schedules: finance staff and managers. */
    public static void checkMayReadSchedules(Caller caller) {
        if (!caller.hasAny(FINANCE, MANAGER)) {
            throw ProblemException.forbidden();
        }
    }
}
