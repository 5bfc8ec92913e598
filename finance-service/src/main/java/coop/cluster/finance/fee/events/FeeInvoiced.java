package coop.cluster.finance.fee.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A member was invoiced its fee for a fee year, once per member and year (the invoice id is derived
 * from both). Amounts are decimal strings at the currency's minor unit: {@code grossAmount =
 * exemptionAmount + amount}. An invoice with nothing to pay is announced too, with status {@code
 * EXEMPT}. Topic {@code finance.fees}; key and subject ({@code fee-invoices/<invoiceId>}): the
 * invoice id.
 *
 * @param category the member category the schedule priced (membership's organisation type)
 * @param exemptionPercent the exemption applied, or {@code null}
 * @param exemptionResolutionId the council resolution that granted it, or {@code null}
 * @param amount what the member owes: the gross less the exemption
 * @param status {@code OPEN}, or {@code EXEMPT} when nothing is to pay
 * @param scheduleResolutionId the resolution that adopted the schedule used
 */
@IntegrationEvent(type = "cluster.finance.fee.invoiced", version = 1, topic = "finance.fees")
public record FeeInvoiced(
        String invoiceId,
        String memberId,
        int feeYear,
        String category,
        String currency,
        String grossAmount,
        String exemptionAmount,
        String exemptionPercent,
        String exemptionResolutionId,
        String amount,
        String status,
        LocalDate invoiceDate,
        LocalDate dueDate,
        String scheduleResolutionId,
        Instant invoicedAt) {

    /** Aggregate type in the subject. */
    public static final String AGGREGATE = "fee-invoices";
}
