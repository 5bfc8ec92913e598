package coop.cluster.finance.fee.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeeAmountsTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency JPY = Currency.getInstance("JPY");
    private static final Currency BHD = Currency.getInstance("BHD");
    private static final LocalDate DUE = LocalDate.of(2026, 3, 31);
    private static final FeeYears YEARS = FeeYears.calendar();

    private static FeeSchedule schedule(String sme, String large) {
        return new FeeSchedule(
                2026,
                EUR,
                Map.of("SME", new BigDecimal(sme), "LARGE_COMPANY", new BigDecimal(large)),
                "res-schedule",
                Instant.parse("2026-01-10T10:00:00Z"));
    }

    private static FeeExemption exemption(
            String ref, String percent, LocalDate from, LocalDate until) {
        return new FeeExemption(ref, "m1", new BigDecimal(percent), from, until, "hardship");
    }

    @Test
    void withoutAnExemptionTheScheduledFeeIsInvoiced() {
        FeeAmounts amounts =
                FeeAmounts.compute(schedule("450", "1200.00"), "SME", List.of(), YEARS)
                        .orElseThrow();
        assertThat(amounts.gross()).isEqualByComparingTo("450.00");
        assertThat(amounts.gross().toPlainString()).isEqualTo("450.00");
        assertThat(amounts.exemption().toPlainString()).isEqualTo("0.00");
        assertThat(amounts.net().toPlainString()).isEqualTo("450.00");
        assertThat(amounts.exemptionRef()).isNull();
        assertThat(amounts.nothingDue()).isFalse();
    }

    @Test
    void aHalfExemptionInvoicesHalf() {
        FeeAmounts amounts =
                FeeAmounts.compute(
                                schedule("450.00", "1200.00"),
                                "SME",
                                List.of(exemption("res-1", "50.00", DUE.minusDays(1), DUE)),
                                YEARS)
                        .orElseThrow();
        assertThat(amounts.exemption().toPlainString()).isEqualTo("225.00");
        assertThat(amounts.net().toPlainString()).isEqualTo("225.00");
        assertThat(amounts.exemptionPercent()).isEqualByComparingTo("50");
        assertThat(amounts.exemptionRef()).isEqualTo("res-1");
    }

    @Test
    void aFullExemptionLeavesExactlyNothingDue() {
        FeeAmounts amounts =
                FeeAmounts.compute(
                                schedule("333.33", "1200.00"),
                                "SME",
                                List.of(exemption("res-1", "100.00", DUE, DUE)),
                                YEARS)
                        .orElseThrow();
        assertThat(amounts.net().toPlainString()).isEqualTo("0.00");
        assertThat(amounts.exemption().toPlainString()).isEqualTo("333.33");
        assertThat(amounts.nothingDue()).isTrue();
    }

    /**
     * The exemption is rounded half up to the minor unit; the net is the rest, so the two add up
     * exactly.
     */
    @ParameterizedTest
    @CsvSource({
        "EUR, 99.99, 50, 50.00, 49.99",
        "EUR, 99.99, 33.33, 33.33, 66.66",
        "EUR, 0.01, 50, 0.01, 0.00",
        "EUR, 0.03, 50, 0.02, 0.01",
        "EUR, 100.00, 12.345, 12.35, 87.65",
        "JPY, 1001, 33.33, 334, 667",
        "JPY, 5, 50, 3, 2",
        "BHD, 10.005, 50, 5.003, 5.002"
    })
    void aPercentageIsRoundedHalfUpToTheMinorUnitAndNothingIsLost(
            String code, String gross, String percent, String exemption, String net) {
        FeeAmounts amounts =
                FeeAmounts.exempt(
                        Currency.getInstance(code),
                        new BigDecimal(gross),
                        new BigDecimal(percent),
                        "res");
        assertThat(amounts.exemption().toPlainString()).isEqualTo(exemption);
        assertThat(amounts.net().toPlainString()).isEqualTo(net);
        assertThat(amounts.exemption().add(amounts.net())).isEqualByComparingTo(gross);
    }

    @Test
    void onlyAnExemptionCoveringTheFeeYearCountsAndTheLargestWins() {
        List<FeeExemption> exemptions =
                List.of(
                        exemption(
                                "expired",
                                "100",
                                LocalDate.of(2024, 1, 1),
                                LocalDate.of(2025, 12, 31)),
                        exemption(
                                "quarter",
                                "25",
                                LocalDate.of(2026, 1, 1),
                                LocalDate.of(2026, 12, 31)),
                        exemption(
                                "half", "50", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31)),
                        exemption(
                                "next-year",
                                "100",
                                LocalDate.of(2027, 1, 1),
                                LocalDate.of(2027, 12, 31)));
        FeeAmounts amounts =
                FeeAmounts.compute(schedule("400.00", "1200.00"), "SME", exemptions, YEARS)
                        .orElseThrow();
        assertThat(amounts.exemptionRef()).isEqualTo("half");
        assertThat(amounts.net().toPlainString()).isEqualTo("200.00");
    }

    /**
     * Acceptance testing: a member admitted on 7 December 2026 is invoiced its 2026 fee, due
     * 2027-01-06; a 50 % exemption "for 2027" cut it from 450.00 to 225.00, because exemptions were
     * matched by due date. The fee year decides: the 2026 fee stays whole, the 2027 fee is halved,
     * whenever either is issued or falls due.
     */
    @Test
    void anExemptionForNextYearDoesNotTouchThisYearsFeeFallingDueNextYear() {
        List<FeeExemption> for2027 =
                List.of(
                        exemption(
                                "for-2027",
                                "50",
                                LocalDate.of(2027, 1, 1),
                                LocalDate.of(2027, 12, 31)));
        FeeAmounts fee2026 =
                FeeAmounts.compute(schedule("450.00", "1200.00"), "SME", for2027, YEARS)
                        .orElseThrow();
        assertThat(fee2026.net().toPlainString()).isEqualTo("450.00");
        assertThat(fee2026.exemptionRef()).isNull();

        FeeSchedule schedule2027 =
                new FeeSchedule(
                        2027,
                        EUR,
                        Map.of("SME", new BigDecimal("450.00")),
                        "res-2027",
                        Instant.parse("2026-11-10T10:00:00Z"));
        FeeAmounts fee2027 = FeeAmounts.compute(schedule2027, "SME", for2027, YEARS).orElseThrow();
        assertThat(fee2027.net().toPlainString()).isEqualTo("225.00");
        assertThat(fee2027.exemptionRef()).isEqualTo("for-2027");
    }

    @Test
    void anExemptionCoversEveryFeeYearItsValidityOverlaps() {
        FeeExemption spanning =
                exemption("span", "50", LocalDate.of(2026, 7, 1), LocalDate.of(2027, 6, 30));
        assertThat(spanning.coversFeeYear(YEARS, 2025)).isFalse();
        assertThat(spanning.coversFeeYear(YEARS, 2026)).isTrue();
        assertThat(spanning.coversFeeYear(YEARS, 2027)).isTrue();
        assertThat(spanning.coversFeeYear(YEARS, 2028)).isFalse();
        FeeYears fromSeptember = new FeeYears(java.time.MonthDay.of(9, 1));
        // fee year 2026 runs 2026-09-01 .. 2027-08-31 there; 2025 ends on 2026-08-31
        FeeExemption calendar2027 =
                exemption("c27", "50", LocalDate.of(2027, 1, 1), LocalDate.of(2027, 12, 31));
        assertThat(calendar2027.coversFeeYear(fromSeptember, 2025)).isFalse();
        assertThat(calendar2027.coversFeeYear(fromSeptember, 2026)).isTrue();
        assertThat(calendar2027.coversFeeYear(fromSeptember, 2027)).isTrue();
    }

    @Test
    void aCategoryTheScheduleDoesNotPriceIsNotInvoiced() {
        assertThat(FeeAmounts.compute(schedule("400", "1200"), "RESEARCH", List.of(), YEARS))
                .isEmpty();
        assertThat(FeeAmounts.compute(schedule("400", "1200"), null, List.of(), YEARS)).isEmpty();
    }

    @Test
    void aZeroFeeIsNothingDue() {
        FeeAmounts amounts =
                FeeAmounts.compute(schedule("0", "1200"), "SME", List.of(), YEARS).orElseThrow();
        assertThat(amounts.nothingDue()).isTrue();
        assertThat(amounts.exemptionRef()).isNull();
    }

    @Test
    void refusesImpossibleInput() {
        assertThatThrownBy(() -> new FeeExemption("r", "m", BigDecimal.ZERO, DUE, DUE, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () -> new FeeExemption("r", "m", new BigDecimal("100.01"), DUE, DUE, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () ->
                                new FeeExemption(
                                        "r", "m", BigDecimal.TEN, DUE, DUE.minusDays(1), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> schedule("10.001", "1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> schedule("-1", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () ->
                                new FeeAmounts(
                                        EUR,
                                        new BigDecimal("10"),
                                        new BigDecimal("1"),
                                        new BigDecimal("8"),
                                        null,
                                        null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(JPY.getDefaultFractionDigits()).isZero();
        assertThat(BHD.getDefaultFractionDigits()).isEqualTo(3);
    }
}
