package coop.cluster.finance.fee.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The council's fee schedule for a fee year, as finance read it: the fee of each member category
 * (membership's organisation types: SME, LARGE_COMPANY, ...) in one currency. A later schedule for
 * the same year (by {@code adoptedAt}) replaces it.
 *
 * @param resolutionId the council resolution that adopted it
 * @param lateAdmission what a member admitted after the fee year began owes for it ({@link
 *     LateAdmission#DEFAULT} when the schedule names no rule)
 */
public record FeeSchedule(
        int feeYear,
        Currency currency,
        Map<String, BigDecimal> amounts,
        String resolutionId,
        Instant adoptedAt,
        LateAdmission lateAdmission) {

    public FeeSchedule {
        Objects.requireNonNull(currency, "currency");
        amounts = Map.copyOf(Objects.requireNonNull(amounts, "amounts"));
        Objects.requireNonNull(resolutionId, "resolutionId");
        Objects.requireNonNull(adoptedAt, "adoptedAt");
        lateAdmission = lateAdmission == null ? LateAdmission.DEFAULT : lateAdmission;
        int digits = currency.getDefaultFractionDigits();
        amounts.forEach(
                (category, amount) -> {
                    if (amount.signum() < 0
                            || amount.stripTrailingZeros().scale() > Math.max(digits, 0)) {
                        throw new IllegalArgumentException(
                                "fee of "
                                        + category
                                        + " is not an amount of "
                                        + currency.getCurrencyCode()
                                        + ": "
                                        + amount.toPlainString());
                    }
                });
    }

    /** A schedule under the default rule for late admissions. */
    public FeeSchedule(
            int feeYear,
            Currency currency,
            Map<String, BigDecimal> amounts,
            String resolutionId,
            Instant adoptedAt) {
        this(feeYear, currency, amounts, resolutionId, adoptedAt, null);
    }

    /** The fee of a member category, if the schedule names it. */
    public Optional<BigDecimal> feeOf(String category) {
        return Optional.ofNullable(category).map(amounts::get);
    }
}
