package coop.cluster.finance.reconciliation.domain;

import coop.cluster.finance.ledger.domain.LedgerViolation;
import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.finance.reconciliation.domain.StatementProblem.Where;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;

/** Checks both parsers share. */
final class StatementChecks {

    /**
     * More lines than this and the statement is refused: a month of a cooperative's bank is far
     * fewer.
     */
    static final int MAX_LINES = 20_000;

    private StatementChecks() {}

    /** An ISO 4217 currency the ledger can keep, or {@code statement-currency-invalid}. */
    static Currency currency(String code, Where where) {
        if (code == null || !code.strip().matches("[A-Z]{3}")) {
            throw StatementProblem.invalid(StatementProblem.CURRENCY_INVALID, where, code);
        }
        try {
            return Money.currency(code.strip());
        } catch (LedgerViolation unknown) {
            throw StatementProblem.invalid(StatementProblem.CURRENCY_INVALID, where, code);
        }
    }

    /**
     * Exact money in the currency's minor unit, or {@code statement-amount-invalid} (never
     * rounded).
     */
    static Money money(BigDecimal amount, Currency currency, Where where, String shown) {
        try {
            return Money.of(amount, currency);
        } catch (LedgerViolation tooPrecise) {
            throw StatementProblem.invalid(StatementProblem.AMOUNT_INVALID, where, shown);
        }
    }

    /**
     * Opening balance plus every line must give the closing balance, when the opening balance is
     * known.
     */
    static void balancesAddUp(
            Money opening, List<StatementLine> lines, Money closing, Where where) {
        if (opening == null) {
            return;
        }
        Money sum = opening;
        for (StatementLine line : lines) {
            sum = sum.add(line.amount());
        }
        if (!sum.equals(closing)) {
            throw StatementProblem.invalid(
                    StatementProblem.BALANCES_INCONSISTENT,
                    where,
                    opening.amount().toPlainString()
                            + " + lines = "
                            + sum.amount().toPlainString()
                            + " ≠ "
                            + closing.amount().toPlainString());
        }
    }

    static LocalDate earliest(List<StatementLine> lines, LocalDate otherwise) {
        return lines.stream()
                .map(StatementLine::bookingDate)
                .min(LocalDate::compareTo)
                .orElse(otherwise);
    }

    static LocalDate latest(List<StatementLine> lines, LocalDate otherwise) {
        return lines.stream()
                .map(StatementLine::bookingDate)
                .max(LocalDate::compareTo)
                .orElse(otherwise);
    }
}
