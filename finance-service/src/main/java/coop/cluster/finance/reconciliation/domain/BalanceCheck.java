package coop.cluster.finance.reconciliation.domain;

import coop.cluster.finance.ledger.domain.Money;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The ledger's bank balance against the statement's closing balance, on the statement's closing
 * date.
 *
 * @param asOf the closing date: bank postings with an effective date up to it, included, are
 *     counted
 * @param ledgerBalance the bank (account 1000 and its sub-accounts) in the ledger, debits less
 *     credits
 * @param statementBalance the statement's closing balance
 * @param difference statement less ledger: what the ledger is missing
 * @param agrees whether the difference is zero
 */
public record BalanceCheck(
        LocalDate asOf,
        Money ledgerBalance,
        Money statementBalance,
        Money difference,
        boolean agrees) {

    public BalanceCheck {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(ledgerBalance, "ledgerBalance");
        Objects.requireNonNull(statementBalance, "statementBalance");
        Objects.requireNonNull(difference, "difference");
    }

    public static BalanceCheck of(LocalDate asOf, Money ledgerBalance, Money statementBalance) {
        Money difference = statementBalance.subtract(ledgerBalance);
        return new BalanceCheck(
                asOf, ledgerBalance, statementBalance, difference, difference.isZero());
    }
}
