package coop.cluster.finance.report.domain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period: a month ({@code 2026-03}), a quarter ({@code 2026-Q1}) or a year ({@code
 * 2026}). Every period is a whole number of calendar months, which is why the totals are kept per
 * month.
 *
 * @param id the period's id, as written above
 * @param kind month, quarter or year
 * @param from the first day, inclusive
 * @param to the last day, inclusive
 */
public record ReportPeriod(String id, Kind kind, LocalDate from, LocalDate to) {

    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(0[1-9]|1[0-2])");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})");
    private static final int MIN_YEAR = 2000;
    private static final int MAX_YEAR = 2999;

    public enum Kind {
        MONTH,
        QUARTER,
        YEAR
    }

    public ReportPeriod {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /**
     * Parses a period id.
     *
     * @throws IllegalArgumentException when it is none of the three forms, or its year is outside
     *     2000..2999
     */
    public static ReportPeriod parse(String id) {
        if (id == null) {
            throw new IllegalArgumentException("no period");
        }
        Matcher month = MONTH.matcher(id);
        if (month.matches()) {
            YearMonth yearMonth =
                    YearMonth.of(year(month.group(1)), Integer.parseInt(month.group(2)));
            return new ReportPeriod(id, Kind.MONTH, yearMonth.atDay(1), yearMonth.atEndOfMonth());
        }
        Matcher quarter = QUARTER.matcher(id);
        if (quarter.matches()) {
            int first = (Integer.parseInt(quarter.group(2)) - 1) * 3 + 1;
            YearMonth start = YearMonth.of(year(quarter.group(1)), first);
            return new ReportPeriod(
                    id, Kind.QUARTER, start.atDay(1), start.plusMonths(2).atEndOfMonth());
        }
        Matcher year = YEAR.matcher(id);
        if (year.matches()) {
            int value = year(year.group(1));
            return new ReportPeriod(
                    id, Kind.YEAR, LocalDate.of(value, 1, 1), LocalDate.of(value, 12, 31));
        }
        throw new IllegalArgumentException("not a period (2026-03, 2026-Q1 or 2026): " + id);
    }

    private static int year(String digits) {
        int year = Integer.parseInt(digits);
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw new IllegalArgumentException(
                    "year out of range " + MIN_YEAR + ".." + MAX_YEAR + ": " + year);
        }
        return year;
    }

    /** The months of the period, as {@code yyyy-MM}, in order. */
    public List<String> months() {
        List<String> months = new ArrayList<>();
        for (YearMonth month = YearMonth.from(from);
                !month.isAfter(YearMonth.from(to));
                month = month.plusMonths(1)) {
            months.add(month.toString());
        }
        return months;
    }

    /** The month bucket ({@code yyyy-MM}) of a date. */
    public static String monthOf(LocalDate date) {
        return YearMonth.from(date).toString();
    }

    /** Whether the period is over on {@code today}: its last day is before it. */
    public boolean endedBy(LocalDate today) {
        return to.isBefore(today);
    }
}
