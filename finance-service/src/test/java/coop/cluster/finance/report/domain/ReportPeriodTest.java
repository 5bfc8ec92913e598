package coop.cluster.finance.report.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReportPeriodTest {

    @Test
    void aMonthAQuarterAndAYear() {
        ReportPeriod february = ReportPeriod.parse("2028-02");
        assertThat(february.kind()).isEqualTo(ReportPeriod.Kind.MONTH);
        assertThat(february.from()).isEqualTo(LocalDate.of(2028, 2, 1));
        assertThat(february.to()).isEqualTo(LocalDate.of(2028, 2, 29));
        assertThat(february.months()).containsExactly("2028-02");

        ReportPeriod q4 = ReportPeriod.parse("2026-Q4");
        assertThat(q4.from()).isEqualTo(LocalDate.of(2026, 10, 1));
        assertThat(q4.to()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(q4.months()).containsExactly("2026-10", "2026-11", "2026-12");

        ReportPeriod year = ReportPeriod.parse("2026");
        assertThat(year.kind()).isEqualTo(ReportPeriod.Kind.YEAR);
        assertThat(year.months()).hasSize(12).startsWith("2026-01").endsWith("2026-12");
        assertThat(year.endedBy(LocalDate.of(2026, 12, 31))).isFalse();
        assertThat(year.endedBy(LocalDate.of(2027, 1, 1))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "2026-13",
                "2026-00",
                "2026-Q5",
                "2026-q1",
                "26",
                "1999",
                "3000-01",
                "2026-3",
                "2026-03-01",
                "<script>"
            })
    void refusesAnythingElse(String id) {
        assertThatThrownBy(() -> ReportPeriod.parse(id))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
