package coop.cluster.finance.report;

import coop.cluster.finance.report.domain.SealInfo;
import java.util.Optional;

/**
 * The port through which reports learn whether a period is closed and sealed. The periods feature
 * provides the real one; until it is wired, {@link #NONE} says no period is sealed.
 */
public interface PeriodSeals {

    /** Never sealed: a report then says "not sealed yet". */
    PeriodSeals NONE = periodId -> Optional.empty();

    /**
     * @param periodId {@code 2026-03}, {@code 2026-Q1} or {@code 2026}
     * @return the period's seal if it is closed and sealed
     */
    Optional<SealInfo> sealOf(String periodId);
}
