package coop.cluster.finance.period;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A named accounting period: a month ({@code 2026-03}) or a quarter ({@code 2026-Q1}), with its
 * first and last day.
 *
 * @param id the name, as given
 * @param from the first day
 * @param to the last day
 */
public record PeriodId(String id, LocalDate from, LocalDate to) {

    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(0[1-9]|1[0-2])");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");

    public PeriodId {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /**
     * The period a name stands for; empty unless it is {@code yyyy-MM} or {@code yyyy-Qn} (year
     * 1000 to 9999).
     */
    public static Optional<PeriodId> parse(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Matcher month = MONTH.matcher(id);
        if (month.matches() && year(month) >= 1000) {
            YearMonth named = YearMonth.of(year(month), Integer.parseInt(month.group(2)));
            return Optional.of(new PeriodId(id, named.atDay(1), named.atEndOfMonth()));
        }
        Matcher quarter = QUARTER.matcher(id);
        if (quarter.matches() && year(quarter) >= 1000) {
            int first = (Integer.parseInt(quarter.group(2)) - 1) * 3 + 1;
            return Optional.of(
                    new PeriodId(
                            id,
                            YearMonth.of(year(quarter), first).atDay(1),
                            YearMonth.of(year(quarter), first + 2).atEndOfMonth()));
        }
        return Optional.empty();
    }

    private static int year(Matcher matcher) {
        return Integer.parseInt(matcher.group(1));
    }

    /** Whether the period is over on {@code today}: its last day is before it. */
    public boolean endedBy(LocalDate today) {
        return to.isBefore(today);
    }
}
