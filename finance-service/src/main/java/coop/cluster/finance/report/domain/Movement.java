package coop.cluster.finance.report.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What was debited and credited to an account over some time, exact. Adding movements is exact too.
 *
 * @param debit the sum of the debits, zero or more
 * @param credit the sum of the credits, zero or more
 */
public record Movement(BigDecimal debit, BigDecimal credit) {

    public static final Movement NONE = new Movement(BigDecimal.ZERO, BigDecimal.ZERO);

    public Movement {
        Objects.requireNonNull(debit, "debit");
        Objects.requireNonNull(credit, "credit");
    }

    public static Movement debit(BigDecimal amount) {
        return new Movement(amount, BigDecimal.ZERO);
    }

    public static Movement credit(BigDecimal amount) {
        return new Movement(BigDecimal.ZERO, amount);
    }

    public Movement plus(Movement other) {
        return new Movement(debit.add(other.debit), credit.add(other.credit));
    }

    /**
     * Debits less credits: the change of a debit-normal account (assets, expenses, the in-kind
     * memo).
     */
    public BigDecimal debitBalance() {
        return debit.subtract(credit);
    }

    /** Credits less debits: the change of a credit-normal account (income, liabilities). */
    public BigDecimal creditBalance() {
        return credit.subtract(debit);
    }

    public boolean isZero() {
        return debit.signum() == 0 && credit.signum() == 0;
    }
}
