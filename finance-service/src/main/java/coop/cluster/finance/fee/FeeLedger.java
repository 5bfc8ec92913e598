package coop.cluster.finance.fee;

import coop.cluster.finance.fee.domain.FeeAmounts;
import coop.cluster.finance.fee.domain.Invoice;
import coop.cluster.finance.fee.persistence.FeeInvoiceStore;
import coop.cluster.finance.ledger.Bookkeeping;
import coop.cluster.finance.ledger.domain.ChartOfAccounts;
import coop.cluster.finance.ledger.domain.EntryLimits;
import coop.cluster.finance.ledger.domain.JournalEntry;
import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.finance.ledger.domain.Posting;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The fees' entries in the ledger, each built from the stored invoice alone and posted under a key
 * derived from it ({@code fee-invoice:<invoiceId>}, {@code fee-payment:<paymentId>}, {@code
 * fee-adjustment:<uuid>}, {@code fee-recognition:<invoiceId>}), so posting again after a crash or a
 * retry is a replay that writes nothing, never a second entry.
 *
 * <ul>
 *   <li>An invoice: Dr {@code 1100:M:<member>} / Cr {@code 4000:M:<member>}, the net amount (none
 *       when nothing is due); for a fee year that has not begun on the invoice date, Cr {@code
 *       2200:M:<member>} (deferred fees) instead.
 *   <li>The recognition of a deferred fee, dated the fee year's first day: Dr {@code
 *       2200:M:<member>} / Cr {@code 4000:M:<member>}, what was deferred less exemptions heard of
 *       before.
 *   <li>A payment: Dr {@code 1000} the amount / Cr {@code 1100:M:<member>} what it settles and Cr
 *       {@code 2100:M:<member>} the excess, held as the member's prepayment.
 * </ul>
 */
@Component
class FeeLedger {

    static final String MEMBER_PREPAYMENTS_PREFIX = ChartOfAccounts.MEMBER_PREPAYMENTS + ":M:";
    static final String FEE_INCOME_PREFIX = ChartOfAccounts.FEE_INCOME + ":M:";
    static final String DEFERRED_FEES_PREFIX = ChartOfAccounts.DEFERRED_FEES + ":M:";

    private final Bookkeeping ledger;
    private final FeeInvoiceStore invoices;

    FeeLedger(Bookkeeping ledger, FeeInvoiceStore invoices) {
        this.ledger = ledger;
        this.invoices = invoices;
    }

    /** The dates and amounts the ledger takes today. */
    EntryLimits limits() {
        return ledger.limits();
    }

    /** The last day of the last closed period, if any: no entry may be dated on or before it. */
    Optional<LocalDate> closedThrough() {
        return ledger.closedThrough();
    }

    /**
     * Posts whatever entries of the invoice the ledger may lack (the invoice's first), and marks
     * them posted.
     */
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
        if (invoice.recognition() != null
                && !invoice.recognitionPosted()
                && invoice.recognition().amount().signum() > 0) {
            ledger.post(recognitionEntry(invoice));
            invoices.markRecognitionPosted(invoice.id());
        }
    }

    static String recognitionKey(String invoiceId) {
        return "fee-recognition:" + invoiceId;
    }

    /**
     * The deferred fee becomes income of its fee year: Dr {@code 2200:M:<member>} / Cr {@code
     * 4000:M:<member>}.
     */
    static JournalEntry recognitionEntry(Invoice invoice) {
        Invoice.Recognition recognition = invoice.recognition();
        Money amount = money(recognition.amount(), invoice);
        String key = recognitionKey(invoice.id());
        return JournalEntry.of(
                key,
                key,
                recognition.date(),
                "Membership fee "
                        + invoice.feeYear()
                        + ", invoice "
                        + invoice.id()
                        + ": deferred fee recognised as income of its fee year",
                List.of(
                        Posting.debit(DEFERRED_FEES_PREFIX + invoice.memberId(), amount),
                        Posting.credit(FEE_INCOME_PREFIX + invoice.memberId(), amount)));
    }

    static String invoiceKey(String invoiceId) {
        return "fee-invoice:" + invoiceId;
    }

    static String paymentKey(String paymentId) {
        return "fee-payment:" + paymentId;
    }

    static String adjustmentKey(String invoiceId, String adjustmentId) {
        return "fee-adjustment:"
                + UUID.nameUUIDFromBytes(
                        (invoiceId + "\u0000" + adjustmentId).getBytes(StandardCharsets.UTF_8));
    }

    /** The invoice as issued: later adjustments have entries of their own. */
    static JournalEntry invoiceEntry(Invoice invoice) {
        FeeAmounts issued = invoice.issued();
        Money net = money(issued.net(), invoice);
        String key = invoiceKey(invoice.id());
        StringBuilder description =
                new StringBuilder("Membership fee ")
                        .append(invoice.feeYear())
                        .append(", invoice ")
                        .append(invoice.id())
                        .append(" (")
                        .append(invoice.category())
                        .append(")");
        if (issued.exemption().signum() > 0) {
            description
                    .append(": ")
                    .append(issued.gross().toPlainString())
                    .append(" less exemption ")
                    .append(issued.exemption().toPlainString())
                    .append(" (")
                    .append(issued.exemptionPercent().toPlainString())
                    .append("% by resolution ")
                    .append(issued.exemptionRef())
                    .append(")");
        }
        if (invoice.deferred()) {
            description
                    .append("; deferred until the fee year begins on ")
                    .append(invoice.incomeFrom());
        }
        String income =
                (invoice.deferred() ? DEFERRED_FEES_PREFIX : FEE_INCOME_PREFIX)
                        + invoice.memberId();
        return JournalEntry.of(
                key,
                key,
                invoice.invoiceDate(),
                description.toString(),
                List.of(
                        Posting.debit(
                                ChartOfAccounts.memberReceivableCode(invoice.memberId()), net),
                        Posting.credit(income, net)));
    }

    static JournalEntry paymentEntry(Invoice invoice, Invoice.Payment payment) {
        String key = paymentKey(payment.paymentId());
        List<Posting> postings = new ArrayList<>();
        postings.add(Posting.debit(ChartOfAccounts.BANK, money(payment.amount(), invoice)));
        if (payment.settles().signum() > 0) {
            postings.add(
                    Posting.credit(
                            ChartOfAccounts.memberReceivableCode(invoice.memberId()),
                            money(payment.settles(), invoice)));
        }
        if (payment.credit().signum() > 0) {
            postings.add(
                    Posting.credit(
                            MEMBER_PREPAYMENTS_PREFIX + invoice.memberId(),
                            money(payment.credit(), invoice)));
        }
        String description =
                "Payment of membership fee invoice "
                        + invoice.id()
                        + (payment.reference() == null ? "" : ", reference " + payment.reference());
        return JournalEntry.of(key, key, payment.paidOn(), description, postings);
    }

    /**
     * A later exemption reduces the fee: Dr {@code 4000:M:<member>} the reduction ({@code
     * 2200:M:<member>} while the fee is still deferred) / Cr {@code 1100:M:<member>} what is no
     * longer due, Cr {@code 2100:M:<member>} what was already paid beyond the new amount.
     */
    static JournalEntry adjustmentEntry(Invoice invoice, Invoice.Adjustment adjustment) {
        String key = adjustmentKey(invoice.id(), adjustment.adjustmentId());
        List<Posting> postings = new ArrayList<>();
        String reduced =
                (adjustment.deferred() ? DEFERRED_FEES_PREFIX : FEE_INCOME_PREFIX)
                        + invoice.memberId();
        postings.add(Posting.debit(reduced, money(adjustment.reduction(), invoice)));
        if (adjustment.fromDue().signum() > 0) {
            postings.add(
                    Posting.credit(
                            ChartOfAccounts.memberReceivableCode(invoice.memberId()),
                            money(adjustment.fromDue(), invoice)));
        }
        if (adjustment.toCredit().signum() > 0) {
            postings.add(
                    Posting.credit(
                            MEMBER_PREPAYMENTS_PREFIX + invoice.memberId(),
                            money(adjustment.toCredit(), invoice)));
        }
        return JournalEntry.of(
                key,
                key,
                adjustment.date(),
                "Membership fee invoice "
                        + invoice.id()
                        + " reduced by "
                        + adjustment.reduction().toPlainString()
                        + ": exemption of "
                        + adjustment.percent().toPlainString()
                        + "% by resolution "
                        + adjustment.adjustmentId()
                        + " granted after it was issued",
                postings);
    }

    private static Money money(BigDecimal amount, Invoice invoice) {
        return Money.of(amount, invoice.amounts().currency());
    }
}
