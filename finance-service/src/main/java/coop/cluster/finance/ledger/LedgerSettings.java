package coop.cluster.finance.ledger;

import coop.cluster.finance.ledger.domain.EntryLimits;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the ledger takes ({@code cluster.finance.ledger.*}), checked when an entry is offered (never
 * on replay).
 *
 * @param openedOn the day the books were opened: no entry may be dated before it (optional)
 * @param maxPast how far before today an entry may be dated (default {@code P10Y}); a closed period
 *     refuses entries anyway
 * @param maxFuture how far after today an entry may be dated (default {@code P1Y})
 * @param maxAmount the largest amount of a posting or a conversion, in its currency's units
 *     (default 1,000,000,000)
 */
@ConfigurationProperties("cluster.finance.ledger")
public record LedgerSettings(
        LocalDate openedOn, Period maxPast, Period maxFuture, BigDecimal maxAmount) {

    public static final LedgerSettings DEFAULTS = new LedgerSettings(null, null, null, null);

    public LedgerSettings {
        maxPast = maxPast == null ? Period.ofYears(10) : maxPast;
        maxFuture = maxFuture == null ? Period.ofYears(1) : maxFuture;
        maxAmount = maxAmount == null ? new BigDecimal("1000000000") : maxAmount;
        if (maxPast.isNegative() || maxFuture.isNegative() || maxAmount.signum() <= 0) {
            throw new IllegalArgumentException(
                    "cluster.finance.ledger: max-past and max-future cannot be negative, "
                            + "max-amount must be positive");
        }
    }

    /**
     * The limits on {@code today}: from the later of the opening and today less {@code maxPast}.
     */
    public EntryLimits limits(LocalDate today) {
        LocalDate earliest = today.minus(maxPast);
        if (openedOn != null && openedOn.isAfter(earliest)) {
            earliest = openedOn;
        }
        return new EntryLimits(earliest, today.plus(maxFuture), maxAmount);
    }
}
