package coop.cluster.finance.fee.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.Period;
import java.util.Currency;
import java.util.Locale;
import java.util.Objects;

/**
 * The council's rule, adopted with each fee schedule, for a member admitted after the fee year
 * began: what it owes for that first fee year. A member admitted on or before the fee year's first
 * day owes the whole year's fee, whatever the rule. finance-service's own copy of membership's rule
 * (the schedule's {@code lateAdmission}); a schedule that names none (adopted before the rule
 * existed) follows {@link #DEFAULT}.
 */
public enum LateAdmission {

    /** The whole year's fee, whenever in the year the member was admitted. */
    FULL_YEAR,
    /**
     * The fee of the months left in the fee year, counting the month of admission: {@code fee ×
     * months / 12}, rounded half up to the currency's minor unit. Month {@code i} of a fee year
     * runs from its first day plus {@code i} months to the day before its first day plus {@code i +
     * 1} months: with fee years starting on 1 January, the calendar months; admitted on 7 December,
     * 1/12.
     */
    PRO_RATA_MONTHS,
    /** Nothing for the fee year of admission: the member's first fee is the next fee year's. */
    FREE_UNTIL_NEXT_YEAR;

    /** The rule of a schedule that names none. */
    public static final LateAdmission DEFAULT = PRO_RATA_MONTHS;

    private static final BigDecimal TWELVE = BigDecimal.valueOf(12);

    /**
     * The rule named {@code name}; {@link #DEFAULT} for none.
     *
     * @throws IllegalArgumentException for a rule finance does not know (it cannot price by it)
     */
    public static LateAdmission of(String name) {
        if (name == null || name.isBlank()) {
            return DEFAULT;
        }
        return valueOf(name.strip().toUpperCase(Locale.ROOT));
    }

    /**
     * What a member admitted on {@code admittedOn} owes for fee year {@code feeYear} whose full fee
     * is {@code yearFee}.
     *
     * @param admittedOn null when unknown: the whole year
     */
    public FeeCharge charge(
            BigDecimal yearFee,
            Currency currency,
            FeeYears years,
            int feeYear,
            LocalDate admittedOn) {
        Objects.requireNonNull(yearFee, "yearFee");
        LocalDate first = years.firstDay(feeYear);
        if (admittedOn == null || !admittedOn.isAfter(first)) {
            return new FeeCharge(this, yearFee, 12, yearFee, false);
        }
        if (admittedOn.isAfter(years.lastDay(feeYear))) {
            throw new IllegalArgumentException(
                    "a member admitted on " + admittedOn + " owes nothing for " + feeYear);
        }
        int monthsLeft = 12 - (int) Period.between(first, admittedOn).toTotalMonths();
        int digits = Math.max(currency.getDefaultFractionDigits(), 0);
        return switch (this) {
            case FULL_YEAR -> new FeeCharge(this, yearFee, 12, yearFee, true);
            case PRO_RATA_MONTHS ->
                    new FeeCharge(
                            this,
                            yearFee,
                            monthsLeft,
                            yearFee.multiply(BigDecimal.valueOf(monthsLeft))
                                    .divide(TWELVE, digits, RoundingMode.HALF_UP),
                            true);
            case FREE_UNTIL_NEXT_YEAR ->
                    new FeeCharge(this, yearFee, 0, BigDecimal.ZERO.setScale(digits), true);
        };
    }
}
