package coop.cluster.finance.reconciliation.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cluster.finance.ledger.domain.LedgerViolation;
import coop.cluster.finance.ledger.domain.Money;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class BalanceCheckTest {

    private static final LocalDate END = LocalDate.of(2026, 3, 31);

    @Test
    void agreesWhenTheLedgerHasTheStatementsBalance() {
        BalanceCheck check =
                BalanceCheck.of(END, Money.of("1193.16", "EUR"), Money.of("1193.16", "EUR"));

        assertThat(check.agrees()).isTrue();
        assertThat(check.difference()).isEqualTo(Money.of("0.00", "EUR"));
        assertThat(check.asOf()).isEqualTo(END);
    }

    @Test
    void theDifferenceIsWhatTheLedgerIsMissing() {
        BalanceCheck missingFees =
                BalanceCheck.of(END, Money.of("1205.50", "EUR"), Money.of("1193.16", "EUR"));
        BalanceCheck overdrawn =
                BalanceCheck.of(END, Money.of("10.00", "EUR"), Money.of("-5.00", "EUR"));

        assertThat(missingFees.agrees()).isFalse();
        assertThat(missingFees.difference()).isEqualTo(Money.of("-12.34", "EUR"));
        assertThat(overdrawn.difference()).isEqualTo(Money.of("-15.00", "EUR"));
    }

    @Test
    void currenciesMustMatch() {
        assertThatThrownBy(
                        () ->
                                BalanceCheck.of(
                                        END, Money.of("1.00", "EUR"), Money.of("1.00", "CHF")))
                .isInstanceOf(LedgerViolation.class);
    }
}
