package coop.cluster.membership.overdue;

import java.time.LocalDate;

/**
 * membership-service's own copy of the finance events it reads: only the fields it needs; unknown
 * fields are ignored. Finance keys them by invoice id, so one invoice's events arrive in order.
 */
final class FinanceEvents {

    static final String TOPIC = "finance.fees";
    static final String FEE_OVERDUE_V1 = "cluster.finance.fee.overdue.v1";
    static final String FEE_PAID_V1 = "cluster.finance.fee.paid.v1";

    /** A fee invoice is still unpaid after finance's grace period. */
    record FeeOverdue(
            String invoiceId,
            String memberId,
            Integer feeYear,
            String amountDue,
            String currency,
            LocalDate dueDate) {}

    /** A fee invoice is paid in full. */
    record FeePaid(String invoiceId, String memberId) {}

    private FinanceEvents() {}
}
