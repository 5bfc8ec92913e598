package coop.cluster.finance.ledger.domain;

import java.util.Objects;

/**
 * One line of a journal entry: an account debited or credited with a positive amount. The side
 * carries the direction, so zero and negative amounts are refused ({@code
 * posting-amount-not-positive}).
 *
 * @param accountCode the account's code in the chart
 * @param side debit or credit
 * @param amount positive, in the account's currency
 */
public record Posting(String accountCode, Side side, Money amount) {

    public Posting {
        Objects.requireNonNull(accountCode, "accountCode");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(amount, "amount");
        if (!amount.isPositive()) {
            throw new LedgerViolation(
                    LedgerViolation.Reason.POSTING_AMOUNT_NOT_POSITIVE,
                    "posting to " + accountCode + " must be positive, not " + amount);
        }
    }

    public static Posting debit(String accountCode, Money amount) {
        return new Posting(accountCode, Side.DEBIT, amount);
    }

    public static Posting credit(String accountCode, Money amount) {
        return new Posting(accountCode, Side.CREDIT, amount);
    }

    /** The same amount on the same account, on the other side. */
    public Posting opposite() {
        return new Posting(accountCode, side.opposite(), amount);
    }

    /** The amount, plus for a debit and minus for a credit. */
    public Money signedAmount() {
        return side == Side.DEBIT ? amount : amount.negate();
    }

    @Override
    public String toString() {
        return side + " " + accountCode + " " + amount;
    }
}
