package coop.cluster.finance.fee.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A fee invoice is paid in full, by the payment that completed it, or left with nothing due by an
 * exemption granted after it was issued (published once per invoice). Topic {@code finance.fees};
 * key and subject ({@code fee-invoices/<invoiceId>}): the invoice id.
 *
 * @param amount the invoice's amount (net of any exemption)
 * @param paidAmount everything paid against it so far
 * @param credit paid beyond the amount, held as the member's prepayment ({@code "0.00"} when none)
 * @param paidOn the day of the completing payment
 * @param status {@code PAID} or {@code OVERPAID}; {@code EXEMPT} when a late exemption left nothing
 *     due
 */
@IntegrationEvent(type = "cluster.finance.fee.paid", version = 1, topic = "finance.fees")
public record FeePaid(
        String invoiceId,
        String memberId,
        int feeYear,
        String currency,
        String amount,
        String paidAmount,
        String credit,
        String status,
        LocalDate paidOn,
        Instant paidAt) {}
