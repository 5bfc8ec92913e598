package coop.cluster.fundingwatch.call.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cluster.fundingwatch.call.domain.Rejection.Reason;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FeedDatesTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
                    2026-09-15T17:00:00Z           | 2026-09-15T17:00:00Z
                    2026-09-15T17:00:00.123z       | 2026-09-15T17:00:00.123Z
                    2026-09-15T17:00:00+02:00      | 2026-09-15T15:00:00Z
                    2026-09-15T00:00:00.000+0000   | 2026-09-15T00:00:00Z
                    2026-09-15T17:00:00.000+0200   | 2026-09-15T15:00:00Z
                    2026-09-15T17:00-05:30         | 2026-09-15T22:30:00Z
                    2026-09-15T17:00+02            | 2026-09-15T15:00:00Z
                    2026-09-15 17:00:00Z           | 2026-09-15T17:00:00Z
                    2026-09-15T17:00:00,5+00:00    | 2026-09-15T17:00:00.500Z
                    2026-09-15T17:00:00            | 2026-09-15T15:00:00Z
                    2026-01-15T17:00               | 2026-01-15T16:00:00Z
                    2026-09-15                     | 2026-09-14T22:00:00Z
                    2026-01-15                     | 2026-01-14T23:00:00Z
                    1789491600000                  | 2026-09-15T17:00:00Z
                    ' 1651536000000 '              | 2022-05-03T00:00:00Z
                    """)
    void readsTheFormsFeedsSend(String text, String expected) {
        assertThat(FeedDates.parse(text, "deadline")).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "15/09/2026",
                "2026-09-15T25:00:00Z",
                "2026-02-30",
                "next Monday",
                "2026-09-15T17:00:00 CET",
                "2026-09-15T17:00:00+25:00",
                "20260915T170000Z",
                "",
                "1651536000",
                "2026-09-15T17:00:00Z[Europe/Brussels]",
                "99999999999999999999"
            })
    void refusesAnythingElseNamingTheField(String text) {
        assertThatThrownBy(() -> FeedDates.parse(text, "deadlines[2]"))
                .isInstanceOfSatisfying(
                        RecordProblem.class,
                        problem -> {
                            assertThat(problem.reason()).isEqualTo(Reason.INVALID_DATE);
                            assertThat(problem.getMessage()).startsWith("deadlines[2]: '");
                        });
    }

    @ParameterizedTest
    @ValueSource(longs = {1651536000L, -1L, 7258118400000L})
    void refusesEpochMillisOutsideTheRangeOfFundingCalls(long millis) {
        assertThatThrownBy(() -> FeedDates.fromEpochMillis(millis, "openingDate"))
                .isInstanceOfSatisfying(
                        RecordProblem.class,
                        problem ->
                                assertThat(problem.getMessage())
                                        .isEqualTo(
                                                "openingDate: '"
                                                        + millis
                                                        + "' is out of range (1990 to 2199)"));
    }
}
