package coop.cluster.finance.period;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PeriodIdTest {

    @ParameterizedTest
    @CsvSource({
        "2026-03, 2026-03-01, 2026-03-31",
        "2024-02, 2024-02-01, 2024-02-29",
        "2026-Q1, 2026-01-01, 2026-03-31",
        "2026-Q2, 2026-04-01, 2026-06-30",
        "2026-Q4, 2026-10-01, 2026-12-31",
        "2026-12, 2026-12-01, 2026-12-31"
    })
    void aMonthOrAQuarterNamesItsDays(String id, LocalDate from, LocalDate to) {
        assertThat(PeriodId.parse(id)).contains(new PeriodId(id, from, to));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "2026",
                "2026-3",
                "2026-13",
                "2026-00",
                "2026-Q0",
                "2026-Q5",
                "2026-q1",
                "26-03",
                "0999-01",
                "2026-03-01",
                " 2026-03",
                "2026-Q1 "
            })
    void anythingElseIsNotAPeriod(String id) {
        assertThat(PeriodId.parse(id)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "2026-03, 2026-04-01, true",
        "2026-03, 2026-03-31, false",
        "2026-Q1, 2026-03-31, false",
        "2026-Q1, 2026-04-01, true"
    })
    void aPeriodIsOverTheDayAfterItsLastDay(String id, LocalDate today, boolean ended) {
        assertThat(PeriodId.parse(id).orElseThrow().endedBy(today)).isEqualTo(ended);
    }
}
