package coop.cluster.finance.fee.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a member admitted after the fee year began owes for it, by the schedule's rule. */
class LateAdmissionTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final FeeYears CALENDAR = FeeYears.calendar();
    private static final BigDecimal SME = new BigDecimal("450.00");

    /** Acceptance testing: admitted on 7 December, the member was invoiced the whole year. */
    @Test
    void byDefaultAMemberAdmittedOnSevenDecemberPaysOneTwelfth() {
        FeeCharge charge =
                LateAdmission.of(null).charge(SME, EUR, CALENDAR, 2026, LocalDate.of(2026, 12, 7));
        assertThat(LateAdmission.DEFAULT).isEqualTo(LateAdmission.PRO_RATA_MONTHS);
        assertThat(charge.fee().toPlainString()).isEqualTo("37.50");
        assertThat(charge.months()).isEqualTo(1);
        assertThat(charge.late()).isTrue();
        assertThat(charge.scheduledFee()).isEqualByComparingTo("450.00");
    }

    @ParameterizedTest
    @CsvSource({
        "PRO_RATA_MONTHS, 2026-01-01, 450.00, 12, false",
        "PRO_RATA_MONTHS, 2025-06-30, 450.00, 12, false",
        "PRO_RATA_MONTHS, 2026-01-31, 450.00, 12, true",
        "PRO_RATA_MONTHS, 2026-02-01, 412.50, 11, true",
        "PRO_RATA_MONTHS, 2026-07-15, 225.00, 6, true",
        "PRO_RATA_MONTHS, 2026-12-31, 37.50, 1, true",
        "FULL_YEAR, 2026-12-07, 450.00, 12, true",
        "FULL_YEAR, 2026-01-01, 450.00, 12, false",
        "FREE_UNTIL_NEXT_YEAR, 2026-01-02, 0.00, 0, true",
        "FREE_UNTIL_NEXT_YEAR, 2026-12-07, 0.00, 0, true",
        "FREE_UNTIL_NEXT_YEAR, 2026-01-01, 450.00, 12, false"
    })
    void eachRule(String rule, String admitted, String fee, int months, boolean late) {
        FeeCharge charge =
                LateAdmission.of(rule).charge(SME, EUR, CALENDAR, 2026, LocalDate.parse(admitted));
        assertThat(charge.fee().toPlainString()).isEqualTo(fee);
        assertThat(charge.months()).isEqualTo(months);
        assertThat(charge.late()).isEqualTo(late);
        assertThat(charge.rule().name()).isEqualTo(rule);
    }

    @Test
    void monthsAreTheFeeYearsAndTheShareIsRoundedHalfUpToTheMinorUnit() {
        FeeYears fromSeptember = new FeeYears(MonthDay.of(9, 1));
        // fee year 2026 runs from 2026-09-01; 7 December is in its fourth month: 9 months left
        FeeCharge charge =
                LateAdmission.PRO_RATA_MONTHS.charge(
                        SME, EUR, fromSeptember, 2026, LocalDate.of(2026, 12, 7));
        assertThat(charge.months()).isEqualTo(9);
        assertThat(charge.fee().toPlainString()).isEqualTo("337.50");
        assertThat(
                        LateAdmission.PRO_RATA_MONTHS
                                .charge(
                                        new BigDecimal("99.99"),
                                        EUR,
                                        CALENDAR,
                                        2026,
                                        LocalDate.of(2026, 8, 3))
                                .fee()
                                .toPlainString())
                .as("99.99 x 5/12 = 41.6625")
                .isEqualTo("41.66");
        assertThat(
                        LateAdmission.PRO_RATA_MONTHS
                                .charge(
                                        new BigDecimal("1001"),
                                        Currency.getInstance("JPY"),
                                        CALENDAR,
                                        2026,
                                        LocalDate.of(2026, 12, 7))
                                .fee()
                                .toPlainString())
                .as("1001/12 = 83.4")
                .isEqualTo("83");
        assertThat(LateAdmission.PRO_RATA_MONTHS.charge(SME, EUR, CALENDAR, 2026, null).fee())
                .as("admission day unknown: the whole year")
                .isEqualByComparingTo("450.00");
    }

    @Test
    void aRuleFinanceDoesNotKnowIsRefusedAndAMemberAdmittedAfterTheYearOwesNothingForIt() {
        assertThatThrownBy(() -> LateAdmission.of("PRO_RATA_QUARTERS"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(LateAdmission.of(" full_year ")).isEqualTo(LateAdmission.FULL_YEAR);
        assertThatThrownBy(
                        () ->
                                LateAdmission.FULL_YEAR.charge(
                                        SME, EUR, CALENDAR, 2026, LocalDate.of(2027, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
