package coop.cluster.finance.fee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.Period;
import org.junit.jupiter.api.Test;

class FeeSettingsTest {

    @Test
    void defaultsToCalendarFeeYearsAndThirtyDayTerms() {
        FeeSettings settings = new FeeSettings(null, null, null);
        assertThat(settings.feeYears().firstDay(2026)).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(settings.paymentTerm()).isEqualTo(Period.ofDays(30));
        assertThat(settings.grace()).isEqualTo(Period.ofDays(30));
    }

    @Test
    void readsTheYearStartAsMonthAndDay() {
        assertThat(
                        new FeeSettings("09-01", null, null)
                                .feeYears()
                                .yearOf(LocalDate.of(2026, 8, 31)))
                .isEqualTo(2025);
        assertThat(new FeeSettings("--09-01", null, null).feeYears().firstDay(2026))
                .isEqualTo(LocalDate.of(2026, 9, 1));
        assertThatThrownBy(() -> new FeeSettings("13-01", null, null).feeYears())
                .isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> new FeeSettings(null, Period.ofDays(-1), null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
