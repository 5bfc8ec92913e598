package coop.cluster.finance.ledger.domain;

import java.util.Objects;

/**
 * An account and its balance, signed by the account's normal side: positive is the usual state,
 * negative means the balance has crossed to the other side.
 */
public record AccountBalance(Account account, Money balance) {

    public AccountBalance {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(balance, "balance");
        if (!balance.currency().equals(account.currency())) {
            throw new LedgerViolation(
                    LedgerViolation.Reason.CURRENCY_MISMATCH,
                    "account "
                            + account.code()
                            + " holds "
                            + account.currency().getCurrencyCode()
                            + ", not "
                            + balance);
        }
    }

    /** The balance as debits minus credits, whatever the normal side. */
    public Money debitMinusCredit() {
        return account.normalSide() == Side.DEBIT ? balance : balance.negate();
    }
}
