package coop.cluster.notification.digest;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

/**
 * When digests are due, in UTC: every day at {@code hour}, and on {@code weeklyDay} at {@code
 * hour}. A digest gathers what came before its boundary; its period is named by the boundary's date
 * ({@code daily:2026-12-07}, {@code weekly:2026-12-07}), so every instance and every run names the
 * same digest the same way.
 */
public record Schedule(int hour, DayOfWeek weeklyDay) {

    /** The latest daily boundary at or before {@code now}. */
    public Instant daily(Instant now) {
        ZonedDateTime at = now.atZone(ZoneOffset.UTC);
        ZonedDateTime today = at.toLocalDate().atTime(hour, 0).atZone(ZoneOffset.UTC);
        return (today.isAfter(at) ? today.minusDays(1) : today).toInstant();
    }

    /** The latest weekly boundary at or before {@code now}. */
    public Instant weekly(Instant now) {
        ZonedDateTime at = now.atZone(ZoneOffset.UTC);
        LocalDate day = at.toLocalDate().with(TemporalAdjusters.previousOrSame(weeklyDay));
        ZonedDateTime boundary = day.atTime(hour, 0).atZone(ZoneOffset.UTC);
        return (boundary.isAfter(at) ? boundary.minusWeeks(1) : boundary).toInstant();
    }

    /** The latest boundary of a daily or weekly period at or before {@code now}. */
    public Instant boundary(Period period, Instant now) {
        return switch (period) {
            case DAILY -> daily(now);
            case WEEKLY -> weekly(now);
            case BURST -> throw new IllegalArgumentException("a burst has no fixed boundary");
        };
    }

    /** The name of the period that ends at {@code boundary}, e.g. {@code daily:2026-12-07}. */
    public static String name(Period period, Instant boundary) {
        return period.code() + ":" + boundary.atZone(ZoneOffset.UTC).toLocalDate();
    }
}
