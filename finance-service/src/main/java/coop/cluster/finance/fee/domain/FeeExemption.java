package coop.cluster.finance.fee.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A member is let off {@code percent} percent of its fee for every fee year that its validity,
 * {@code validFrom} to {@code validUntil} (both inclusive), overlaps, by a council resolution. An
 * exemption "for 2027" (2027-01-01 to 2027-12-31) lets off the 2027 fee only, whenever that invoice
 * is issued or falls due: the fee year decides, never the due date (a member admitted on 7 December
 * 2026 is invoiced its 2026 fee due in January 2027, which an exemption for 2027 does not touch).
 *
 * @param percent more than 0, at most 100
 */
public record FeeExemption(
        String resolutionId,
        String memberId,
        BigDecimal percent,
        LocalDate validFrom,
        LocalDate validUntil,
        String reason) {

    static final BigDecimal HUNDRED = new BigDecimal("100");

    public FeeExemption {
        Objects.requireNonNull(resolutionId, "resolutionId");
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(percent, "percent");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
        if (percent.signum() <= 0 || percent.compareTo(HUNDRED) > 0) {
            throw new IllegalArgumentException(
                    "exemption percent must be more than 0 and at most 100: "
                            + percent.toPlainString());
        }
        if (validUntil.isBefore(validFrom)) {
            throw new IllegalArgumentException(
                    "exemption ends before it starts: " + validFrom + ".." + validUntil);
        }
    }

    /**
     * Whether it lets off part of the fee of the fee year running from {@code firstDay} to {@code
     * lastDay} (both inclusive): its validity has at least one day in common with that fee year.
     */
    public boolean coversFeeYear(LocalDate firstDay, LocalDate lastDay) {
        return !validFrom.isAfter(lastDay) && !validUntil.isBefore(firstDay);
    }

    /** Whether it lets off part of the fee of fee year {@code feeYear} of {@code years}. */
    public boolean coversFeeYear(FeeYears years, int feeYear) {
        return coversFeeYear(years.firstDay(feeYear), years.lastDay(feeYear));
    }
}
