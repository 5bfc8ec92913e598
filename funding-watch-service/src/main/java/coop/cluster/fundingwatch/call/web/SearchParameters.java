package coop.cluster.fundingwatch.call.web;

import coop.cluster.plumbing.web.ProblemException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;

/**
 * Reads the query parameters of the call searches; a bad one is 400 {@code invalid-parameter},
 * naming it.
 */
final class SearchParameters {

    private SearchParameters() {}

    static <E extends Enum<E>> Set<E> enums(String parameter, List<String> values, Class<E> type) {
        Set<E> found = EnumSet.noneOf(type);
        if (values == null) {
            return found;
        }
        for (String value : values) {
            if (value == null || value.isBlank()) {
                continue;
            }
            for (String one : value.split(",")) {
                try {
                    found.add(Enum.valueOf(type, one.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw invalid(
                            parameter,
                            one,
                            "one of "
                                    + Arrays.stream(type.getEnumConstants())
                                            .map(Enum::name)
                                            .collect(Collectors.joining(", ")));
                }
            }
        }
        return found;
    }

    /**
     * An instant ({@code 2026-09-15T17:00:00+02:00}) or a date ({@code 2026-09-15}, UTC): the start
     * of that day for a lower bound, its last millisecond for an upper one.
     */
    static Instant instant(String parameter, String value, boolean upper) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
                return upper
                        ? day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1)
                        : start;
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(
                    parameter,
                    value,
                    "a date (2026-09-15) or a date-time with its offset "
                            + "(2026-09-15T17:00:00+02:00)");
        }
    }

    /** Checks that the range is not upside down. */
    static void range(Instant from, Instant to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw invalid("deadlineFrom", from.toString(), "not after deadlineTo (" + to + ")");
        }
    }

    static ProblemException invalid(String parameter, String value, String expected) {
        return new ProblemException(
                HttpStatus.BAD_REQUEST, "invalid-parameter", parameter, value, expected);
    }
}
