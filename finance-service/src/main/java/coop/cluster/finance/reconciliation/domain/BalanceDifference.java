package coop.cluster.finance.reconciliation.domain;

import coop.cluster.finance.ledger.domain.Money;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One cause of a difference between a statement's closing balance and the ledger's bank balance on
 * the closing date, with what it adds to that difference (statement less ledger), so that the
 * causes and {@code unexplained} add up to the difference exactly ({@link BalanceExplanation}).
 *
 * @param kind what causes it
 * @param amount what it adds to the difference (statement less ledger)
 * @param line the statement line, for the kinds about a line
 * @param bookingDate that line's booking date
 * @param entrySequence the journal entry, for the kinds about an entry, or the one a line matched
 * @param entryId its id
 * @param entryDate its effective date
 * @param otherStatement for {@link Kind#ENTRY_ON_OTHER_STATEMENT}: the id of the imported statement
 *     whose line took the entry
 * @param otherStatementId that statement's own id (the bank's)
 * @param otherLine and its line
 */
public record BalanceDifference(
        Kind kind,
        Money amount,
        Integer line,
        LocalDate bookingDate,
        Long entrySequence,
        String entryId,
        LocalDate entryDate,
        String otherStatement,
        String otherStatementId,
        Integer otherLine) {

    /** What causes a difference. */
    public enum Kind {
        /**
         * The statement's opening balance (given, or its closing balance less its lines) is not the
         * ledger's bank balance the day before the period: what earlier periods left, including a
         * payment on the previous month's last day that the bank lists on this statement (and then
         * a {@link #LINE_ENTRY_BEFORE_PERIOD} line makes up for it).
         */
        OPENING_BALANCE,
        /**
         * A line that matched no entry: the ledger lacks it (or has it with another amount or
         * date).
         */
        LINE_NOT_IN_LEDGER,
        /**
         * A line matched to an entry dated before the period: the ledger counts it in its opening
         * balance.
         */
        LINE_ENTRY_BEFORE_PERIOD,
        /**
         * A line matched to an entry dated after the closing date: the ledger does not count it
         * yet.
         */
        LINE_ENTRY_AFTER_CLOSING,
        /**
         * An entry of the period that no line of any statement matched: the bank does not have it
         * (yet).
         */
        ENTRY_NOT_ON_STATEMENT,
        /**
         * An entry of the period that a line of another statement matched: the bank lists it on
         * that one, such as a payment booked on the last day of the month and listed on the next
         * month's statement. A timing difference, which that statement's {@link
         * #LINE_ENTRY_BEFORE_PERIOD} makes up for.
         */
        ENTRY_ON_OTHER_STATEMENT
    }

    public BalanceDifference {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(amount, "amount");
    }

    static BalanceDifference opening(Money amount) {
        return new BalanceDifference(
                Kind.OPENING_BALANCE, amount, null, null, null, null, null, null, null, null);
    }

    static BalanceDifference line(Kind kind, StatementLine line, Money amount, BankMovement entry) {
        return new BalanceDifference(
                kind,
                amount,
                line.number(),
                line.bookingDate(),
                entry == null ? null : entry.sequence(),
                entry == null ? null : entry.entryId(),
                entry == null ? null : entry.date(),
                null,
                null,
                null);
    }

    static BalanceDifference entry(BankMovement entry) {
        return new BalanceDifference(
                Kind.ENTRY_NOT_ON_STATEMENT,
                entry.amount().negate(),
                null,
                null,
                entry.sequence(),
                entry.entryId(),
                entry.date(),
                null,
                null,
                null);
    }

    static BalanceDifference elsewhere(
            BankMovement entry, String statement, String statementId, int line) {
        return new BalanceDifference(
                Kind.ENTRY_ON_OTHER_STATEMENT,
                entry.amount().negate(),
                null,
                null,
                entry.sequence(),
                entry.entryId(),
                entry.date(),
                statement,
                statementId,
                line);
    }
}
