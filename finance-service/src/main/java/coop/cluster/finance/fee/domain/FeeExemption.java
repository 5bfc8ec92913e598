package coop.cluster.finance.fee.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A member is let off {@code percent} percent of the fees falling due from {@code validFrom} to {@code validUntil}
 * (both inclusive), by a council resolution: membership's own definition.
 *
 * @param percent more than 0, at most 100
 */
public record FeeExemption(String resolutionId, String memberId, BigDecimal percent, LocalDate validFrom,
                           LocalDate validUntil, String reason) {

    static final BigDecimal HUNDRED = new BigDecimal("100");

    public FeeExemption {
        Objects.requireNonNull(resolutionId, "resolutionId");
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(percent, "percent");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
        if (percent.signum() <= 0 || percent.compareTo(HUNDRED) > 0) {
            throw new IllegalArgumentException("exemption percent must be more than 0 and at most 100: "
                    + percent.toPlainString());
        }
        if (validUntil.isBefore(validFrom)) {
            throw new IllegalArgumentException("exemption ends before it starts: " + validFrom + ".." + validUntil);
        }
    }

    /** Whether it covers a fee falling due on {@code dueDate}. */
    public boolean covers(LocalDate dueDate) {
        return !dueDate.isBefore(validFrom) && !dueDate.isAfter(validUntil);
    }
}
