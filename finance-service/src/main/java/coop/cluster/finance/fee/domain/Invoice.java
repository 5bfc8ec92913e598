package coop.cluster.finance.fee.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A member's fee invoice for one fee year, as stored.
 *
 * @param invoicePosted whether its ledger entry is known to be posted (false for a moment after it
 *     is issued, or longer after a crash, until a retry or the repair sweep posts it)
 * @param postedPaymentIds the payments whose ledger entries are known to be posted
 * @param version bumped by every change of its state (payments, overdue notice); compare-and-set
 * @param charge the fee charged before any exemption: the year's, or part of it for a member
 *     admitted after the year began; null on invoices issued before the rule for late admissions
 * @param incomeFrom for an invoice issued before its fee year began, that year's first day: its fee
 *     is deferred income (2200) until then, and fee income (4000) from then; null otherwise (fee
 *     income at once)
 * @param recognition the deferred fee recognised as income of its year, once written; null before
 * @param recognitionPosted whether the recognition's ledger entry is known to be posted
 */
public record Invoice(
        String id,
        String memberId,
        int feeYear,
        String category,
        FeeAmounts amounts,
        InvoiceBalance balance,
        LocalDate invoiceDate,
        LocalDate dueDate,
        String scheduleRef,
        Instant invoicedAt,
        boolean invoicePosted,
        List<Payment> payments,
        Set<String> postedPaymentIds,
        Instant overdueAnnouncedAt,
        long version,
        FeeAmounts issued,
        List<Adjustment> adjustments,
        Set<String> postedAdjustmentIds,
        FeeCharge charge,
        LocalDate incomeFrom,
        Recognition recognition,
        boolean recognitionPosted) {

    /** A new invoice: as issued, nothing paid, nothing adjusted. */
    public static Invoice issue(
            String id,
            String memberId,
            int feeYear,
            String category,
            FeeAmounts amounts,
            LocalDate invoiceDate,
            LocalDate dueDate,
            String scheduleRef,
            Instant invoicedAt) {
        return issue(
                id,
                memberId,
                feeYear,
                category,
                amounts,
                invoiceDate,
                dueDate,
                scheduleRef,
                invoicedAt,
                null,
                null);
    }

    /**
     * A new invoice for {@code charge}, less its exemption ({@code amounts}): nothing paid, nothing
     * adjusted.
     *
     * @param incomeFrom the first day of its fee year when that is after the invoice date (deferred
     *     income), else null
     */
    public static Invoice issue(
            String id,
            String memberId,
            int feeYear,
            String category,
            FeeAmounts amounts,
            LocalDate invoiceDate,
            LocalDate dueDate,
            String scheduleRef,
            Instant invoicedAt,
            FeeCharge charge,
            LocalDate incomeFrom) {
        return new Invoice(
                id,
                memberId,
                feeYear,
                category,
                amounts,
                InvoiceBalance.issued(amounts.net()),
                invoiceDate,
                dueDate,
                scheduleRef,
                invoicedAt,
                amounts.nothingDue(),
                List.of(),
                Set.of(),
                null,
                0,
                amounts,
                List.of(),
                Set.of(),
                charge,
                incomeFrom,
                null,
                false);
    }

    /**
     * Whether its fee was invoiced before its fee year began: deferred income until {@link
     * #incomeFrom}.
     */
    public boolean deferred() {
        return incomeFrom != null;
    }

    /** Whether its fee is still deferred income: deferred, and not recognised yet. */
    public boolean stillDeferred() {
        return incomeFrom != null && recognition == null;
    }

    /**
     * A deferred fee turned into income of its fee year: Dr {@code 2200:M:<member>} / Cr {@code
     * 4000:M:<member>} {@code amount} (the invoice's amount as it then stood, exemptions heard of
     * before included), dated {@code date} (the fee year's first day, or the first open day after
     * it when that period was already closed).
     */
    public record Recognition(BigDecimal amount, LocalDate date, Instant at) {}

    public Optional<Adjustment> adjustment(String adjustmentId) {
        return adjustments.stream().filter(a -> a.adjustmentId().equals(adjustmentId)).findFirst();
    }

    /**
     * The invoice's amount reduced after it was issued, by an exemption granted later (heard of
     * after the invoice): {@code reduction = fromDue + toCredit}.
     *
     * @param adjustmentId the granting resolution's id: an exemption adjusts an invoice once
     * @param fromDue no longer due
     * @param toCredit already paid and now beyond the amount: the member's prepayment
     * @param deferred made while the fee was still deferred income: it reduces that (2200), not fee
     *     income
     */
    public record Adjustment(
            String adjustmentId,
            BigDecimal percent,
            BigDecimal reduction,
            BigDecimal fromDue,
            BigDecimal toCredit,
            LocalDate date,
            Instant at,
            boolean deferred) {}

    public InvoiceStatus status() {
        return balance.status();
    }

    public String currency() {
        return amounts.currency().getCurrencyCode();
    }

    public Optional<Payment> payment(String paymentId) {
        return payments.stream().filter(p -> p.paymentId().equals(paymentId)).findFirst();
    }

    /** Whether the ledger still lacks an entry this invoice needs. */
    public boolean needsPosting() {
        return (!invoicePosted && !issued.nothingDue())
                || payments.stream().anyMatch(p -> !postedPaymentIds.contains(p.paymentId()))
                || adjustments.stream()
                        .anyMatch(a -> !postedAdjustmentIds.contains(a.adjustmentId()))
                || (recognition != null && !recognitionPosted && recognition.amount().signum() > 0);
    }

    /**
     * A payment recorded against the invoice.
     *
     * @param key the idempotency key it was recorded under
     * @param settles the part that went against what was due
     * @param credit the part beyond it, held as a prepayment
     */
    public record Payment(
            String paymentId,
            String key,
            BigDecimal amount,
            String currency,
            LocalDate paidOn,
            String reference,
            BigDecimal settles,
            BigDecimal credit,
            Instant recordedAt) {

        /**
         * Whether {@code other} is the same payment again (a retry), as opposed to another under
         * the same key.
         */
        public boolean sameAs(
                BigDecimal otherAmount,
                String otherCurrency,
                LocalDate otherPaidOn,
                String otherReference) {
            return amount.compareTo(otherAmount) == 0
                    && currency.equals(otherCurrency)
                    && paidOn.equals(otherPaidOn)
                    && java.util.Objects.equals(reference, otherReference);
        }
    }
}
