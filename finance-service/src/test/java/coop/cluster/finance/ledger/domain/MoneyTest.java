package coop.cluster.finance.ledger.domain;

import static coop.cluster.finance.ledger.domain.Fixtures.EUR;
import static coop.cluster.finance.ledger.domain.Fixtures.assertViolation;
import static coop.cluster.finance.ledger.domain.Fixtures.eur;
import static coop.cluster.finance.ledger.domain.Fixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void amountsHaveTheCurrencysMinorUnitScale() {
        assertThat(eur("12.5"))
                .isEqualTo(eur("12.50"))
                .isEqualTo(Money.of(new BigDecimal("1.25E+1"), EUR));
        assertThat(eur("12.5").amount().scale()).isEqualTo(2);
        assertThat(eur("1E+3").toString()).isEqualTo("1000.00 EUR");
        assertThat(Money.of("100", "JPY").toString()).isEqualTo("100 JPY");
        assertThat(Money.of("1.234", "BHD").toString()).isEqualTo("1.234 BHD");
    }

    @Test
    void amountsFinerThanTheMinorUnitAreRefusedNotRounded() {
        assertViolation(() -> eur("1.005"), "amount-too-precise");
        assertViolation(() -> Money.of("1.5", "JPY"), "amount-too-precise");
        assertThat(eur("1.0000")).isEqualTo(eur("1"));
    }

    @Test
    void absurdMagnitudesAreRefused() {
        assertViolation(() -> eur("1E+40"), "amount-out-of-range");
        assertThat(eur("1E+20").isPositive()).isTrue();
    }

    @Test
    void unknownCurrenciesAndCurrenciesWithoutMinorUnitAreRefused() {
        assertViolation(() -> Money.of("1", "ZZZ"), "currency-unsupported");
        assertViolation(() -> Money.of("1", "XAU"), "currency-unsupported");
    }

    @Test
    void nullsAreRefused() {
        assertThatNullPointerException().isThrownBy(() -> new Money(null, EUR));
        assertThatNullPointerException().isThrownBy(() -> new Money(BigDecimal.ONE, null));
        assertThatNullPointerException().isThrownBy(() -> Money.of(null, "EUR"));
    }

    @Test
    void arithmeticWithinOneCurrency() {
        assertThat(eur("10.10").add(eur("0.90"))).isEqualTo(eur("11"));
        assertThat(eur("10").subtract(eur("12.5"))).isEqualTo(eur("-2.50"));
        assertThat(eur("3").negate()).isEqualTo(eur("-3"));
        assertThat(Money.zero(EUR).isZero()).isTrue();
        assertThat(eur("-0.01").isNegative()).isTrue();
        assertThat(eur("-0.01").signum()).isEqualTo(-1);
    }

    @Test
    void arithmeticAcrossCurrenciesIsRefusedNamingBoth() {
        assertThatThrownBy(() -> eur("1").add(usd("1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EUR")
                .hasMessageContaining("USD");
        assertViolation(() -> eur("1").subtract(usd("1")), "currency-mismatch");
    }
}
