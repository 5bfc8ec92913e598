package coop.cluster.finance.ledger.domain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;

/**
 * A currency exchange recorded in a journal entry: {@code from} was given up and {@code to}
 * received in its place, both as exact amounts (what the bank actually moved), not as a rate that
 * would need rounding.
 *
 * <p>In the balance check a conversion acts like an implicit trading account: it counts as a debit
 * of {@code from} and a credit of {@code to}. So an entry that credits 92.00 EUR out of the euro
 * bank account and debits 100.00 USD into the dollar one balances with {@code new Conversion(92.00
 * EUR, 100.00 USD)}.
 *
 * @param from what was given up; positive
 * @param to what was received; positive, in another currency
 */
public record Conversion(Money from, Money to) {

    public Conversion {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isPositive() || !to.isPositive()) {
            throw new LedgerViolation(
                    LedgerViolation.Reason.CONVERSION_INVALID,
                    "a conversion needs two positive amounts, not " + from + " and " + to);
        }
        if (from.currency().equals(to.currency())) {
            throw new LedgerViolation(
                    LedgerViolation.Reason.CONVERSION_INVALID,
                    "a conversion needs two currencies, not " + from + " and " + to);
        }
    }

    /** Units of {@code to} per unit of {@code from}, to 16 significant digits; for display only. */
    public BigDecimal rate() {
        return to.amount().divide(from.amount(), MathContext.DECIMAL64);
    }

    /** The conversion back: what was received is given up again. */
    public Conversion reversed() {
        return new Conversion(to, from);
    }

    @Override
    public String toString() {
        return from + " -> " + to;
    }
}
