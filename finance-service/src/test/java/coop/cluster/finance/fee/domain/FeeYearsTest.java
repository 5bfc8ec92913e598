package coop.cluster.finance.fee.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.MonthDay;
import org.junit.jupiter.api.Test;

class FeeYearsTest {

    @Test
    void byDefaultAFeeYearIsACalendarYear() {
        FeeYears years = FeeYears.calendar();
        assertThat(years.yearOf(LocalDate.of(2026, 1, 1))).isEqualTo(2026);
        assertThat(years.yearOf(LocalDate.of(2026, 12, 31))).isEqualTo(2026);
        assertThat(years.firstDay(2026)).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(years.lastDay(2026)).isEqualTo(LocalDate.of(2026, 12, 31));
    }

    @Test
    void aFeeYearStartingInSeptemberIsNamedAfterTheYearItStarts() {
        FeeYears years = new FeeYears(MonthDay.of(9, 1));
        assertThat(years.yearOf(LocalDate.of(2026, 8, 31))).isEqualTo(2025);
        assertThat(years.yearOf(LocalDate.of(2026, 9, 1))).isEqualTo(2026);
        assertThat(years.yearOf(LocalDate.of(2027, 3, 1))).isEqualTo(2026);
        assertThat(years.lastDay(2026)).isEqualTo(LocalDate.of(2027, 8, 31));
    }

    @Test
    void february29IsNoStart() {
        assertThatThrownBy(() -> new FeeYears(MonthDay.of(2, 29)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
