package coop.cluster.finance.reconciliation.domain;

import coop.cluster.finance.ledger.domain.Money;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One booking on a bank statement.
 *
 * @param number its position on the statement, from 1
 * @param bookingDate when the bank booked it
 * @param valueDate the value date, or {@code null}
 * @param amount signed: positive for money in (a debit of the ledger's bank account), negative for
 *     money out
 * @param reference the remittance text and references the bank gives, or {@code null}
 * @param counterparty the payer's or payee's name, or {@code null}
 * @param bankTransactionId the bank's own reference of the booking, or {@code null}
 */
public record StatementLine(
        int number,
        LocalDate bookingDate,
        LocalDate valueDate,
        Money amount,
        String reference,
        String counterparty,
        String bankTransactionId) {

    public StatementLine {
        if (number < 1) {
            throw new IllegalArgumentException("line numbers start at 1");
        }
        Objects.requireNonNull(bookingDate, "bookingDate");
        Objects.requireNonNull(amount, "amount");
    }

    /** Every text the bank gave about this line, for finding references in it. */
    public String searchableText() {
        StringBuilder text = new StringBuilder();
        for (String part : new String[] {reference, counterparty, bankTransactionId}) {
            if (part != null) {
                text.append(part).append(' ');
            }
        }
        return text.toString();
    }
}
