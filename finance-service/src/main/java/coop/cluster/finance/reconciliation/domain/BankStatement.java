package coop.cluster.finance.reconciliation.domain;

import coop.cluster.finance.ledger.domain.Money;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * A bank statement as read from a file: its lines and balances, all in one currency.
 *
 * @param format         the file's format
 * @param statementId    the bank's id of the statement, or {@code null} when the file has none
 * @param account        the account's IBAN (or other id), or {@code null}
 * @param currency       the account's currency; every line and balance is in it
 * @param openingBalance the balance before the first line, or {@code null} when not given
 * @param closingBalance the balance after the last line
 * @param from           the first day the statement covers
 * @param to             the closing date: the day of the closing balance
 * @param lines          in the statement's order, numbered from 1
 */
public record BankStatement(StatementFormat format, String statementId, String account, Currency currency,
        Money openingBalance, Money closingBalance, LocalDate from, LocalDate to, List<StatementLine> lines) {

    public BankStatement {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(closingBalance, "closingBalance");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        lines = List.copyOf(lines);
    }
}
