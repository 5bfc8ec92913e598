package coop.cluster.finance.fee;

import coop.cluster.finance.ledger.LedgerService;
import coop.cluster.finance.ledger.domain.ChartOfAccounts;
import coop.cluster.finance.ledger.domain.JournalEntry;
import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.finance.ledger.domain.Posting;
import coop.cluster.finance.fee.domain.FeeAmounts;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The fees' entries in the ledger, each built from the stored invoice alone and posted under a key derived from
 * it ({@code fee-invoice:<invoiceId>}, {@code fee-payment:<paymentId>}), so posting again after a crash or a retry
 * is a replay that writes nothing, never a second entry.
 *
 * <ul>
 * <li>An invoice: Dr {@code 1100:M:<member>} / Cr {@code 4000:M:<member>}, the net amount (none when nothing is
 * due).</li>
 * <li>A payment: Dr {@code 1000} the amount / Cr {@code 1100:M:<member>} what it settles and Cr
 * {@code 2100:M:<member>} the excess, held as the member's prepayment.</li>
 * </ul>
 */
@Component
class FeeLedger {

    static final String MEMBER_PREPAYMENTS_PREFIX = ChartOfAccounts.MEMBER_PREPAYMENTS + ":M:";
    static final String FEE_INCOME_PREFIX = ChartOfAccounts.FEE_INCOME + ":M:";

    private final LedgerService ledger;
    private final FeeInvoices invoices;

    FeeLedger(LedgerService ledger, FeeInvoices invoices) {
        this.ledger = ledger;
        this.invoices = invoices;
    }

    /** Posts whatever entries of the invoice the ledger may lack (the invoice's first), and marks them posted. */
    void postMissing(Invoice invoice) {
        if (!invoice.invoicePosted() && !invoice.issued().nothingDue()) {
            ledger.post(invoiceEntry(invoice));
            invoices.markInvoicePosted(invoice.id());
        }
        for (Invoice.Payment payment : invoice.payments()) {
            if (!invoice.postedPaymentIds().contains(payment.paymentId())) {
                ledger.post(paymentEntry(invoice, payment));
                invoices.markPaymentPosted(invoice.id(), payment.paymentId());
            }
        }
        for (Invoice.Adjustment adjustment : invoice.adjustments()) {
            if (!invoice.postedAdjustmentIds().contains(adjustment.adjustmentId())) {
                ledger.post(adjustmentEntry(invoice, adjustment));
                invoices.markAdjustmentPosted(invoice.id(), adjustment.adjustmentId());
            }
        }
    }

    static String invoiceKey(String invoiceId) {
        return "fee-invoice:" + invoiceId;
    }

    static String paymentKey(String paymentId) {
        return "fee-payment:" + paymentId;
    }

    static String adjustmentKey(String invoiceId, String adjustmentId) {
        return "fee-adjustment:" + UUID.nameUUIDFromBytes((invoiceId + "\u0000" + adjustmentId)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The invoice as issued: later adjustments have entries of their own. */
    static JournalEntry invoiceEntry(Invoice invoice) {
        FeeAmounts issued = invoice.issued();
        Money net = money(issued.net(), invoice);
        String key = invoiceKey(invoice.id());
        StringBuilder description = new StringBuilder("Membership fee ").append(invoice.feeYear())
                .append(", invoice ").append(invoice.id()).append(" (").append(invoice.category()).append(")");
        if (issued.exemption().signum() > 0) {
            description.append(": ").append(issued.gross().toPlainString()).append(" less exemption ")
                    .append(issued.exemption().toPlainString()).append(" (")
                    .append(issued.exemptionPercent().toPlainString()).append("% by resolution ")
                    .append(issued.exemptionRef()).append(")");
        }
        return JournalEntry.of(key, key, invoice.invoiceDate(), description.toString(), List.of(
                Posting.debit(ChartOfAccounts.memberReceivableCode(invoice.memberId()), net),
                Posting.credit(FEE_INCOME_PREFIX + invoice.memberId(), net)));
    }

    static JournalEntry paymentEntry(Invoice invoice, Invoice.Payment payment) {
        String key = paymentKey(payment.paymentId());
        List<Posting> postings = new ArrayList<>();
        postings.add(Posting.debit(ChartOfAccounts.BANK, money(payment.amount(), invoice)));
        if (payment.settles().signum() > 0) {
            postings.add(Posting.credit(ChartOfAccounts.memberReceivableCode(invoice.memberId()),
                    money(payment.settles(), invoice)));
        }
        if (payment.credit().signum() > 0) {
            postings.add(Posting.credit(MEMBER_PREPAYMENTS_PREFIX + invoice.memberId(),
                    money(payment.credit(), invoice)));
        }
        String description = "Payment of membership fee invoice " + invoice.id()
                + (payment.reference() == null ? "" : ", reference " + payment.reference());
        return JournalEntry.of(key, key, payment.paidOn(), description, postings);
    }

    /**
     * A later exemption reduces the fee: Dr {@code 4000:M:<member>} the reduction / Cr {@code 1100:M:<member>} what
     * is no longer due, Cr {@code 2100:M:<member>} what was already paid beyond the new amount.
     */
    static JournalEntry adjustmentEntry(Invoice invoice, Invoice.Adjustment adjustment) {
        String key = adjustmentKey(invoice.id(), adjustment.adjustmentId());
        List<Posting> postings = new ArrayList<>();
        postings.add(Posting.debit(FEE_INCOME_PREFIX + invoice.memberId(), money(adjustment.reduction(), invoice)));
        if (adjustment.fromDue().signum() > 0) {
            postings.add(Posting.credit(ChartOfAccounts.memberReceivableCode(invoice.memberId()),
                    money(adjustment.fromDue(), invoice)));
        }
        if (adjustment.toCredit().signum() > 0) {
            postings.add(Posting.credit(MEMBER_PREPAYMENTS_PREFIX + invoice.memberId(),
                    money(adjustment.toCredit(), invoice)));
        }
        return JournalEntry.of(key, key, adjustment.date(), "Membership fee invoice " + invoice.id() + " reduced by "
                + adjustment.reduction().toPlainString() + ": exemption of " + adjustment.percent().toPlainString()
                + "% by resolution " + adjustment.adjustmentId() + " granted after it was issued", postings);
    }

    private static Money money(BigDecimal amount, Invoice invoice) {
        return Money.of(amount, invoice.amounts().currency());
    }
}
