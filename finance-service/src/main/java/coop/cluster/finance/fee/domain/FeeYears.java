package coop.cluster.finance.fee.domain;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Objects;

/**
 * The cluster's fee years: fee year {@code Y} runs from {@code start} in calendar year {@code Y} to
 * the day before {@code start} in {@code Y + 1}. With the default start, January 1, a fee year is a
 * calendar year. A start of February 29 is refused (it would not exist most years).
 */
public record FeeYears(MonthDay start) {

    public FeeYears {
        Objects.requireNonNull(start, "start");
        if (start.equals(MonthDay.of(2, 29))) {
            throw new IllegalArgumentException("a fee year cannot start on February 29");
        }
    }

    public static FeeYears calendar() {
        return new FeeYears(MonthDay.of(1, 1));
    }

    /** The fee year a day falls in. */
    public int yearOf(LocalDate day) {
        return start.atYear(day.getYear()).isAfter(day) ? day.getYear() - 1 : day.getYear();
    }

    /** The first day of fee year {@code feeYear}. */
    public LocalDate firstDay(int feeYear) {
        return start.atYear(feeYear);
    }

    /** The last day of fee year {@code feeYear}. */
    public LocalDate lastDay(int feeYear) {
        return firstDay(feeYear + 1).minusDays(1);
    }
}
