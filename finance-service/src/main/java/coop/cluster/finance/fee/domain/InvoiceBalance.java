package coop.cluster.finance.fee.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An invoice's money: what it asks ({@code net}), what payments settled of it ({@code settled},
 * never more than {@code net}), and what they brought beyond it ({@code credit}, held as a
 * prepayment). The status follows from these alone, so it cannot disagree with them.
 */
public record InvoiceBalance(BigDecimal net, BigDecimal settled, BigDecimal credit) {

    public InvoiceBalance {
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(settled, "settled");
        Objects.requireNonNull(credit, "credit");
        if (net.signum() < 0
                || settled.signum() < 0
                || credit.signum() < 0
                || settled.compareTo(net) > 0) {
            throw new IllegalArgumentException(
                    "impossible balance: net "
                            + net
                            + ", settled "
                            + settled
                            + ", credit "
                            + credit);
        }
        if (credit.signum() > 0 && settled.compareTo(net) < 0) {
            throw new IllegalArgumentException(
                    "a credit while " + net.subtract(settled) + " is still due");
        }
    }

    public static InvoiceBalance issued(BigDecimal net) {
        return new InvoiceBalance(
                net, net.multiply(BigDecimal.ZERO), net.multiply(BigDecimal.ZERO));
    }

    /** What is still to pay. */
    public BigDecimal amountDue() {
        return net.subtract(settled);
    }

    public InvoiceStatus status() {
        if (net.signum() == 0) {
            return InvoiceStatus.EXEMPT;
        }
        if (credit.signum() > 0) {
            return InvoiceStatus.OVERPAID;
        }
        if (settled.compareTo(net) == 0) {
            return InvoiceStatus.PAID;
        }
        return settled.signum() == 0 ? InvoiceStatus.OPEN : InvoiceStatus.PARTIALLY_PAID;
    }

    /**
     * How a payment of {@code amount} splits: first what is due, then the rest as a credit.
     *
     * @throws IllegalArgumentException for a payment that is not positive, or on an invoice with
     *     nothing to pay
     */
    public Split split(BigDecimal amount) {
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException(
                    "a payment must be positive: " + amount.toPlainString());
        }
        if (status() == InvoiceStatus.EXEMPT) {
            throw new IllegalStateException("nothing to pay on an exempt invoice");
        }
        BigDecimal toDue = amount.min(amountDue());
        return new Split(toDue, amount.subtract(toDue));
    }

    /** The balance after a payment split as {@link #split} says. */
    public InvoiceBalance after(Split split) {
        return new InvoiceBalance(net, settled.add(split.settles()), credit.add(split.credit()));
    }

    /**
     * The balance after the invoice's amount is reduced to {@code newNet} (an exemption granted
     * after it was issued): what was settled beyond the new amount becomes a credit.
     *
     * @throws IllegalArgumentException for an increase or a negative amount
     */
    public Reduction reduceTo(BigDecimal newNet) {
        if (newNet.signum() < 0 || newNet.compareTo(net) > 0) {
            throw new IllegalArgumentException(
                    "an invoice of " + net + " cannot be reduced to " + newNet);
        }
        BigDecimal newSettled = settled.min(newNet);
        BigDecimal toCredit = settled.subtract(newSettled);
        InvoiceBalance after = new InvoiceBalance(newNet, newSettled, credit.add(toCredit));
        return new Reduction(
                after, net.subtract(newNet), amountDue().subtract(after.amountDue()), toCredit);
    }

    /**
     * An invoice's amount reduced by {@code by}: {@code fromDue} no longer due, {@code toCredit}
     * already paid and now beyond the amount ({@code by = fromDue + toCredit}).
     */
    public record Reduction(
            InvoiceBalance after, BigDecimal by, BigDecimal fromDue, BigDecimal toCredit) {}

    /** A payment, split: {@code settles} goes against what is due, {@code credit} beyond it. */
    public record Split(BigDecimal settles, BigDecimal credit) {

        public BigDecimal total() {
            return settles.add(credit);
        }
    }
}
