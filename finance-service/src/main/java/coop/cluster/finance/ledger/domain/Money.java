package coop.cluster.finance.ledger.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact amount of money in an ISO 4217 currency. It may be negative or zero (a balance can be);
 * a {@link Posting} insists on a positive one.
 *
 * <p><b>Scale.</b> The amount always has exactly the currency's number of minor-unit digits: {@code
 * 12.5 EUR} becomes {@code 12.50 EUR}, {@code 100 JPY} stays {@code 100 JPY}. So equal amounts are
 * equal records, and {@code toString} is what a statement shows. An amount finer than the minor
 * unit ({@code 1.005 EUR}) is refused, never rounded; so is a currency without a minor unit (such
 * as {@code XAU}).
 *
 * <p>Arithmetic works within one currency only; mixing two throws a {@link LedgerViolation} (an
 * {@link IllegalArgumentException}) with code {@code currency-mismatch} naming both.
 *
 * @param amount exact, scaled to the currency's minor unit
 * @param currency the ISO 4217 currency
 */
public record Money(BigDecimal amount, Currency currency) {

    /**
     * Digits allowed before the decimal point: a guard against absurd input such as {@code
     * 1E+1000000}.
     */
    public static final int MAX_INTEGER_DIGITS = 30;

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        int digits = minorUnitDigits(currency);
        if (amount.precision() - amount.scale() > MAX_INTEGER_DIGITS) {
            throw new LedgerViolation(
                    LedgerViolation.Reason.AMOUNT_OUT_OF_RANGE,
                    "amount has more than " + MAX_INTEGER_DIGITS + " integer digits");
        }
        try {
            amount = amount.setScale(digits, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new LedgerViolation(
                    LedgerViolation.Reason.AMOUNT_TOO_PRECISE,
                    amount.toPlainString()
                            + " "
                            + currency.getCurrencyCode()
                            + " has more than "
                            + digits
                            + " decimals");
        }
    }

    /** Parses a plain decimal and an ISO 4217 code, e.g. {@code Money.of("12.50", "EUR")}. */
    public static Money of(String amount, String currencyCode) {
        Objects.requireNonNull(amount, "amount");
        return new Money(new BigDecimal(amount), currency(currencyCode));
    }

    public static Money of(BigDecimal amount, Currency currency) {
        return new Money(amount, currency);
    }

    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    /**
     * The ISO 4217 currency for a code, refusing unknown codes and currencies without a minor unit.
     */
    public static Currency currency(String code) {
        Objects.requireNonNull(code, "currency");
        Currency currency;
        try {
            currency = Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new LedgerViolation(
                    LedgerViolation.Reason.CURRENCY_UNSUPPORTED,
                    "not an ISO 4217 currency code: " + code);
        }
        minorUnitDigits(currency);
        return currency;
    }

    static int minorUnitDigits(Currency currency) {
        int digits = currency.getDefaultFractionDigits();
        if (digits < 0) {
            throw new LedgerViolation(
                    LedgerViolation.Reason.CURRENCY_UNSUPPORTED,
                    currency.getCurrencyCode()
                            + " has no minor unit and cannot be kept in the ledger");
        }
        return digits;
    }

    public Money add(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    public Money subtract(Money other) {
        requireSameCurrency(other);
        return new Money(amount.subtract(other.amount), currency);
    }

    public Money negate() {
        return new Money(amount.negate(), currency);
    }

    public int signum() {
        return amount.signum();
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    /**
     * Refuses, with {@code currency-mismatch} naming both currencies, money in another currency.
     */
    public void requireSameCurrency(Money other) {
        Objects.requireNonNull(other, "other");
        if (!currency.equals(other.currency)) {
            throw new LedgerViolation(
                    LedgerViolation.Reason.CURRENCY_MISMATCH,
                    "cannot combine "
                            + currency.getCurrencyCode()
                            + " and "
                            + other.currency.getCurrencyCode());
        }
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }
}
