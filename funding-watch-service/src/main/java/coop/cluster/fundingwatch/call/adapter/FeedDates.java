package coop.cluster.fundingwatch.call.adapter;

import coop.cluster.fundingwatch.call.domain.Rejection;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dates feeds send, read into instants. Accepted:
 *
 * <ul>
 *   <li>an ISO-8601 date-time with an offset: {@code 2026-09-15T17:00:00Z}, {@code
 *       2026-09-15T17:00:00+02:00}, the Search API's {@code 2026-09-15T00:00:00.000+0000} (offset
 *       without a colon) and {@code +02} (hours only); seconds and fractions optional; a space
 *       instead of the {@code T} is accepted;
 *   <li>a date-time without an offset, {@code 2026-09-15T17:00:00}: local time in Europe/Brussels;
 *   <li>a date only, {@code 2026-09-15}: the start of that day in Europe/Brussels ({@code
 *       2026-09-14T22:00:00Z} in summer). The EU portal states its deadlines in Brussels time, and
 *       a day given without a time is read as when that day begins there; daylight saving time is
 *       applied;
 *   <li>epoch milliseconds, as a JSON integer or a string of digits ({@code 1651536000000}).
 * </ul>
 *
 * Anything else, and any instant before {@value #EARLIEST_YEAR} or from {@value #LATEST_YEAR} on
 * (epoch <em>seconds</em> sent as milliseconds land in 1970), is refused with {@code invalid-date}
 * naming the field.
 */
public final class FeedDates {

    /** The zone of dates and date-times that carry no offset. */
    public static final ZoneId FEED_ZONE = ZoneId.of("Europe/Brussels");

    static final int EARLIEST_YEAR = 1990;
    static final int LATEST_YEAR = 2200;

    private static final Instant EARLIEST =
            LocalDate.of(EARLIEST_YEAR, 1, 1).atStartOfDay(FEED_ZONE).toInstant();
    private static final Instant LATEST =
            LocalDate.of(LATEST_YEAR, 1, 1).atStartOfDay(FEED_ZONE).toInstant();

    private static final Pattern MILLIS = Pattern.compile("-?\\d{1,18}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DATE_TIME =
            Pattern.compile(
                    "(\\d{4}-\\d{2}-\\d{2})[Tt ](\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d{1,9})?)?)"
                            + "(?:([Zz])|([+-]\\d{2})(?::?(\\d{2}))?)?");

    private FeedDates() {}

    /** Reads a date given as text; {@code field} names it in the rejection. */
    public static Instant parse(String text, String field) {
        String value = text == null ? "" : text.strip();
        try {
            Instant instant = read(value);
            if (instant != null) {
                return inRange(instant, value, field);
            }
        } catch (DateTimeException | NumberFormatException e) {
            // falls through to the rejection
        }
        throw invalid(value, field);
    }

    /** Reads a date given as epoch milliseconds; {@code field} names it in the rejection. */
    public static Instant fromEpochMillis(long millis, String field) {
        return inRange(Instant.ofEpochMilli(millis), Long.toString(millis), field);
    }

    private static Instant read(String value) {
        if (MILLIS.matcher(value).matches()) {
            return Instant.ofEpochMilli(Long.parseLong(value));
        }
        if (DATE.matcher(value).matches()) {
            return LocalDate.parse(value).atStartOfDay(FEED_ZONE).toInstant();
        }
        Matcher m = DATE_TIME.matcher(value);
        if (!m.matches()) {
            return null;
        }
        String local = m.group(1) + "T" + m.group(2).replace(',', '.');
        if (m.group(3) != null) {
            return OffsetDateTime.parse(local + "Z").toInstant();
        }
        if (m.group(4) != null) {
            String minutes = m.group(5) == null ? "00" : m.group(5);
            return OffsetDateTime.parse(local + m.group(4) + ":" + minutes).toInstant();
        }
        return LocalDateTime.parse(local).atZone(FEED_ZONE).toInstant();
    }

    private static Instant inRange(Instant instant, String value, String field) {
        if (instant.isBefore(EARLIEST) || !instant.isBefore(LATEST)) {
            throw new RecordProblem(
                    Rejection.Reason.INVALID_DATE,
                    field
                            + ": '"
                            + Fields.shorten(value)
                            + "' is out of range ("
                            + EARLIEST_YEAR
                            + " to "
                            + (LATEST_YEAR - 1)
                            + ")");
        }
        return instant;
    }

    private static RecordProblem invalid(String value, String field) {
        return new RecordProblem(
                Rejection.Reason.INVALID_DATE,
                field
                        + ": '"
                        + Fields.shorten(value)
                        + "' is not a date (ISO-8601 date-time with offset, date, or epoch"
                        + " milliseconds)");
    }
}
