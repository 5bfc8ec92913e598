package coop.cluster.finance.fee.domain;

/** Where a fee invoice stands. */
public enum InvoiceStatus {
    /** Nothing paid yet. */
    OPEN,
    /** Some paid, some still due. */
    PARTIALLY_PAID,
    /** Paid exactly. */
    PAID,
    /** Paid, and more: the excess is held as the member's prepayment (a credit). */
    OVERPAID,
    /** Nothing to pay (a full exemption or a zero fee); no ledger entry. */
    EXEMPT;

    /** Still owes money: an overdue fee can only be one of these. */
    public boolean unpaid() {
        return this == OPEN || this == PARTIALLY_PAID;
    }
}
