package coop.cluster.finance.fee.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.LocalDate;

/**
 * A fee invoice is still (partly) unpaid when the grace period after its due date has run out;
 * announced once per invoice. membership-service acts on it by the council's overdue policy. Topic
 * {@code finance.fees}; key and subject ({@code fee-invoices/<invoiceId>}): the invoice id.
 *
 * @param amountDue what is still to pay, a decimal string
 * @param amount the invoice's amount (net of any exemption)
 * @param daysOverdue days from the due date to the day the sweep found it
 */
@IntegrationEvent(type = "cluster.finance.fee.overdue", version = 1, topic = "finance.fees")
public record FeeOverdue(
        String invoiceId,
        String memberId,
        int feeYear,
        String amountDue,
        String currency,
        LocalDate dueDate,
        long daysOverdue,
        String amount) {}
