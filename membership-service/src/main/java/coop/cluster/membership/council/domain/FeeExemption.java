package coop.cluster.membership.council.domain;

import coop.cluster.membership.member.domain.MemberId;
import coop.cluster.plumbing.domain.RuleViolation;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A member is let off all or part of its fee for a period, for a stated reason.
 *
 * @param percent the share of the fee waived: 100 for a full exemption, more than 0 and less than
 *     100 (at most two decimals) for a partial one
 * @param validFrom first day the exemption applies
 * @param validUntil last day it applies (inclusive), at most five years after {@code validFrom}
 */
public record FeeExemption(
        MemberId member,
        Extent extent,
        BigDecimal percent,
        String reason,
        LocalDate validFrom,
        LocalDate validUntil)
        implements Motion {

    public enum Extent {
        FULL,
        PARTIAL
    }

    private static final BigDecimal HUNDRED = new BigDecimal("100");

    public FeeExemption {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(extent, "extent");
        if (reason == null || reason.isBlank()) {
            throw new RuleViolation("exemption-reason-required");
        }
        reason = reason.strip();
        if (extent == Extent.FULL) {
            if (percent != null && percent.compareTo(HUNDRED) != 0) {
                throw new RuleViolation("invalid-exemption-percent", percent.toPlainString());
            }
            percent = HUNDRED.setScale(2);
        } else {
            if (percent == null
                    || percent.signum() <= 0
                    || percent.compareTo(HUNDRED) >= 0
                    || percent.stripTrailingZeros().scale() > 2) {
                throw new RuleViolation(
                        "invalid-exemption-percent",
                        percent == null ? "" : percent.toPlainString());
            }
            percent = percent.setScale(2);
        }
        if (validFrom == null
                || validUntil == null
                || validUntil.isBefore(validFrom)
                || ChronoUnit.YEARS.between(validFrom, validUntil.minusDays(1)) >= 5) {
            throw new RuleViolation("invalid-exemption-period", validFrom, validUntil);
        }
    }

    @Override
    public Kind kind() {
        return Kind.FEE_EXEMPTION;
    }
}
