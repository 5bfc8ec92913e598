package coop.cluster.finance.fee.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Comparator;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

/**
 * What an invoice asks: the scheduled fee (gross), the part an exemption lets off, and the rest
 * (net), all exact at the currency's minor unit, with {@code gross = exemption + net}.
 *
 * <p><b>Rounding.</b> A percentage of an amount can fall between two minor units. The exemption is
 * {@code gross × percent / 100} rounded to the currency's minor unit half up (49.995 becomes
 * 50.00), and the net is whatever remains, so the two always add up to the gross exactly and no
 * cent is lost or made up. A 100 % exemption leaves exactly zero.
 *
 * @param exemption zero when no exemption applies
 * @param exemptionPercent the percentage applied, or {@code null}
 * @param exemptionRef the resolution that granted it, or {@code null}
 */
public record FeeAmounts(
        Currency currency,
        BigDecimal gross,
        BigDecimal exemption,
        BigDecimal net,
        BigDecimal exemptionPercent,
        String exemptionRef) {

    public FeeAmounts {
        Objects.requireNonNull(currency, "currency");
        int digits = Math.max(currency.getDefaultFractionDigits(), 0);
        gross = gross.setScale(digits, RoundingMode.UNNECESSARY);
        exemption = exemption.setScale(digits, RoundingMode.UNNECESSARY);
        net = net.setScale(digits, RoundingMode.UNNECESSARY);
        if (gross.compareTo(exemption.add(net)) != 0
                || net.signum() < 0
                || exemption.signum() < 0) {
            throw new IllegalArgumentException(
                    "gross " + gross + " is not exemption " + exemption + " + net " + net);
        }
    }

    /**
     * The fee under {@code schedule} for a member of {@code category}, less the best exemption
     * among {@code exemptions} that covers the schedule's fee year (the highest percentage;
     * exemptions are not added up).
     *
     * @return empty when the schedule has no fee for the category
     */
    public static Optional<FeeAmounts> compute(
            FeeSchedule schedule,
            String category,
            Collection<FeeExemption> exemptions,
            FeeYears years) {
        return schedule.feeOf(category)
                .map(
                        gross ->
                                of(
                                        schedule.currency(),
                                        gross,
                                        best(exemptions, years, schedule.feeYear())));
    }

    /** {@code gross} less the exemption, if any. */
    public static FeeAmounts of(
            Currency currency, BigDecimal gross, Optional<FeeExemption> exemption) {
        return exemption
                .map(e -> exempt(currency, gross, e.percent(), e.resolutionId()))
                .orElseGet(
                        () -> new FeeAmounts(currency, gross, BigDecimal.ZERO, gross, null, null));
    }

    /**
     * The exemption that applies to the fee of {@code feeYear}: the highest percentage of those
     * covering it.
     */
    public static Optional<FeeExemption> best(
            Collection<FeeExemption> exemptions, FeeYears years, int feeYear) {
        return exemptions.stream()
                .filter(e -> e.coversFeeYear(years, feeYear))
                .max(
                        Comparator.comparing(FeeExemption::percent)
                                .thenComparing(FeeExemption::resolutionId));
    }

    /**
     * {@code gross} less {@code percent} percent of it, the exemption rounded half up to the minor
     * unit.
     */
    public static FeeAmounts exempt(
            Currency currency, BigDecimal gross, BigDecimal percent, String ref) {
        int digits = Math.max(currency.getDefaultFractionDigits(), 0);
        BigDecimal exemption =
                gross.multiply(percent).divide(FeeExemption.HUNDRED, digits, RoundingMode.HALF_UP);
        return new FeeAmounts(currency, gross, exemption, gross.subtract(exemption), percent, ref);
    }

    /** Nothing to pay: the whole fee is exempt, or the fee is zero. */
    public boolean nothingDue() {
        return net.signum() == 0;
    }
}
