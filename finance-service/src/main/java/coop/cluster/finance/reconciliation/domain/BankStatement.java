package coop.cluster.finance.reconciliation.domain;

import coop.cluster.finance.ledger.domain.Money;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * A bank statement as read from a file: its lines and balances, all in one currency.
 *
 * @param format the file's format
 * @param statementId the bank's id of the statement, or {@code null} when the file has none
 * @param account the account's IBAN (or other id), or {@code null}
 * @param currency the account's currency; every line and balance is in it
 * @param openingBalance the balance before the first line, or {@code null} when not given
 * @param closingBalance the balance after the last line
 * @param from the first day the statement covers
 * @param to the closing date: the day of the closing balance
 * @param lines in the statement's order, numbered from 1
 */
public record BankStatement(
        StatementFormat format,
        String statementId,
        String account,
        Currency currency,
        Money openingBalance,
        Money closingBalance,
        LocalDate from,
        LocalDate to,
        List<StatementLine> lines) {

    public BankStatement {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(closingBalance, "closingBalance");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        lines = List.copyOf(lines);
    }

    /** The same statement, of that account. */
    public BankStatement withAccount(String account) {
        return new BankStatement(
                format,
                statementId,
                account,
                currency,
                openingBalance,
                closingBalance,
                from,
                to,
                lines);
    }

    /**
     * What the statement says, as one text: its account, id, currency, balances and closing date,
     * and each line (booking and value dates, amount, reference, counterparty, the bank's
     * reference), line breaks as LF. Two files with the same canonical text are the same statement,
     * however they differ otherwise: a new message id or creation time when downloaded again, CRLF
     * line ends, the XML's layout, the period's first day as the file gives it.
     */
    public String canonical() {
        StringBuilder text = new StringBuilder("statement\n");
        field(text, account);
        field(text, statementId);
        field(text, currency.getCurrencyCode());
        field(text, openingBalance == null ? null : openingBalance.amount().toPlainString());
        field(text, closingBalance.amount().toPlainString());
        field(text, to.toString());
        for (StatementLine line : lines) {
            text.append("line ").append(line.number()).append('\n');
            field(text, line.bookingDate().toString());
            field(text, line.valueDate() == null ? null : line.valueDate().toString());
            field(text, line.amount().amount().toPlainString());
            field(text, line.reference());
            field(text, line.counterparty());
            field(text, line.bankTransactionId());
        }
        return text.toString();
    }

    /**
     * A field: its length and its text (so no text can pass for two fields), or {@code -} when
     * absent.
     */
    private static void field(StringBuilder text, String value) {
        if (value == null) {
            text.append("-\n");
            return;
        }
        String plain = value.replace("\r\n", "\n").replace('\r', '\n');
        text.append(plain.length()).append(':').append(plain).append('\n');
    }
}
