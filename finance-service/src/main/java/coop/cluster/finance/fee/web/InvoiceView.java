package coop.cluster.finance.fee.web;

import coop.cluster.finance.fee.domain.FeeAmounts;
import coop.cluster.finance.fee.domain.Invoice;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A fee invoice as the API shows it; amounts are decimal strings in {@code currency}. {@code
 * grossAmount} is the scheduled fee, {@code exemption} what an exemption let off (null when none),
 * {@code amount} what the member owes for it ({@code gross - exemption}); {@code paidAmount}
 * everything paid, {@code credit} paid beyond {@code amount} (the member's prepayment), {@code
 * amountDue} what is still to pay; {@code overdue} whether it is unpaid and its due date plus the
 * grace period has passed (what {@code ?status=OVERDUE} lists and the overdue run announces).
 */
record InvoiceView(
        String id,
        String memberId,
        int feeYear,
        String category,
        String currency,
        String grossAmount,
        LateAdmission lateAdmission,
        Exemption exemption,
        String amount,
        String paidAmount,
        String credit,
        String amountDue,
        String status,
        boolean overdue,
        LocalDate invoiceDate,
        LocalDate dueDate,
        String scheduleResolutionId,
        Instant invoicedAt,
        Instant overdueAnnouncedAt,
        List<PaymentView> payments) {

    record Exemption(String amount, String percent, String resolutionId) {}

    /**
     * A member admitted after the fee year began: the schedule's rule, the whole year's fee, and
     * the months of the year charged (of 12); {@code grossAmount} is what the rule left of the
     * year's fee.
     */
    record LateAdmission(String rule, String scheduledAmount, int months) {}

    record PaymentView(
            String paymentId,
            String amount,
            String currency,
            LocalDate paidOn,
            String reference,
            String settles,
            String credit,
            Instant recordedAt) {

        static PaymentView of(Invoice.Payment p) {
            return new PaymentView(
                    p.paymentId(),
                    p.amount().toPlainString(),
                    p.currency(),
                    p.paidOn(),
                    p.reference(),
                    p.settles().toPlainString(),
                    p.credit().toPlainString(),
                    p.recordedAt());
        }
    }

    /** A page of invoices. */
    record Page(
            List<InvoiceView> content, int page, int size, long totalElements, int totalPages) {}

    /**
     * @param overdue unpaid and past its due date plus the grace period
     */
    static InvoiceView of(Invoice invoice, boolean overdue) {
        FeeAmounts amounts = invoice.amounts();
        Exemption exemption =
                amounts.exemptionRef() == null
                        ? null
                        : new Exemption(
                                amounts.exemption().toPlainString(),
                                amounts.exemptionPercent().toPlainString(),
                                amounts.exemptionRef());
        LateAdmission late =
                invoice.charge() == null || !invoice.charge().late()
                        ? null
                        : new LateAdmission(
                                invoice.charge().rule().name(),
                                invoice.charge().scheduledFee().toPlainString(),
                                invoice.charge().months());
        return new InvoiceView(
                invoice.id(),
                invoice.memberId(),
                invoice.feeYear(),
                invoice.category(),
                invoice.currency(),
                amounts.gross().toPlainString(),
                late,
                exemption,
                amounts.net().toPlainString(),
                invoice.balance().settled().add(invoice.balance().credit()).toPlainString(),
                invoice.balance().credit().toPlainString(),
                invoice.balance().amountDue().toPlainString(),
                invoice.status().name(),
                overdue,
                invoice.invoiceDate(),
                invoice.dueDate(),
                invoice.scheduleRef(),
                invoice.invoicedAt(),
                invoice.overdueAnnouncedAt(),
                invoice.payments().stream().map(PaymentView::of).toList());
    }
}
