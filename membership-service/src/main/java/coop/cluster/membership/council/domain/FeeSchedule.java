package coop.cluster.membership.council.domain;

import coop.cluster.membership.member.domain.OrganisationType;
import coop.cluster.plumbing.domain.RuleViolation;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.Currency;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The membership fee of each member category for a fee year, in exact decimal amounts of one
 * currency. Every category has an amount (zero is a decision too); an amount has no more decimals
 * than the currency allows.
 *
 * @param lateAdmission what a member admitted after the fee year began owes for it ({@link
 *     LateAdmission#DEFAULT} when not given)
 */
public record FeeSchedule(
        int feeYear,
        String currency,
        Map<OrganisationType, BigDecimal> amounts,
        LateAdmission lateAdmission)
        implements Motion {

    public static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000");

    public FeeSchedule {
        if (feeYear < 2000 || feeYear > 2100) {
            throw new RuleViolation("invalid-fee-year", feeYear);
        }
        Currency unit = currencyOf(currency);
        currency = unit.getCurrencyCode();
        Objects.requireNonNull(amounts, "amounts");
        EnumMap<OrganisationType, BigDecimal> checked = new EnumMap<>(OrganisationType.class);
        for (OrganisationType category : OrganisationType.values()) {
            BigDecimal amount = amounts.get(category);
            if (amount == null) {
                throw new RuleViolation("fee-category-missing", category);
            }
            if (amount.signum() < 0 || amount.compareTo(MAX_AMOUNT) > 0) {
                throw new RuleViolation("invalid-fee-amount", category, amount.toPlainString());
            }
            int digits = Math.max(unit.getDefaultFractionDigits(), 0);
            if (amount.stripTrailingZeros().scale() > digits) {
                throw new RuleViolation(
                        "fee-amount-precision", category, amount.toPlainString(), currency, digits);
            }
            checked.put(category, amount.setScale(digits));
        }
        amounts = Collections.unmodifiableMap(checked);
        lateAdmission = lateAdmission == null ? LateAdmission.DEFAULT : lateAdmission;
    }

    /** A schedule that follows the default rule for late admissions. */
    public FeeSchedule(int feeYear, String currency, Map<OrganisationType, BigDecimal> amounts) {
        this(feeYear, currency, amounts, null);
    }

    @Override
    public Kind kind() {
        return Kind.FEE_SCHEDULE;
    }

    static Currency currencyOf(String code) {
        try {
            if (code == null || !code.matches("[A-Z]{3}")) {
                throw new IllegalArgumentException(code);
            }
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new RuleViolation("invalid-currency", code);
        }
    }
}
