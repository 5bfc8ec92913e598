package coop.cluster.finance.reconciliation.domain;

import coop.cluster.finance.ledger.domain.Money;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What one journal entry did to the bank (account 1000 and its sub-accounts) in one currency.
 *
 * @param sequence the entry's sequence in the journal
 * @param entryId the entry's id
 * @param idempotencyKey the entry's idempotency key
 * @param description the entry's description
 * @param date the entry's effective date
 * @param amount its bank debits less its bank credits: positive for money in, as on a statement
 */
public record BankMovement(
        long sequence,
        String entryId,
        String idempotencyKey,
        String description,
        LocalDate date,
        Money amount) {

    public BankMovement {
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(amount, "amount");
    }
}
