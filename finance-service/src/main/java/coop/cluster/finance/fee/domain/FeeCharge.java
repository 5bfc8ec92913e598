package coop.cluster.finance.fee.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The fee a member owes for a fee year before any exemption: the schedule's year fee, or part of it
 * for a member admitted after the year began ({@link LateAdmission}).
 *
 * @param rule the schedule's rule for late admissions
 * @param scheduledFee the schedule's fee for the member's category, for a whole year
 * @param months the months of the fee year charged, of 12
 * @param fee what is charged: the gross amount of the invoice
 * @param late whether the member was admitted after the fee year's first day (the rule applied)
 */
public record FeeCharge(
        LateAdmission rule, BigDecimal scheduledFee, int months, BigDecimal fee, boolean late) {

    public FeeCharge {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(scheduledFee, "scheduledFee");
        Objects.requireNonNull(fee, "fee");
        if (months < 0 || months > 12 || fee.signum() < 0 || fee.compareTo(scheduledFee) > 0) {
            throw new IllegalArgumentException(
                    "impossible charge: " + fee + " for " + months + " months of " + scheduledFee);
        }
    }
}
