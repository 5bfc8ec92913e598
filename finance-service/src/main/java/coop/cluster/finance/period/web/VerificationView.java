package coop.cluster.finance.period.web;

import coop.cluster.finance.ledger.domain.SealChain;

/**
 * The seal chain recomputed from the journal.
 *
 * @param firstBreak the first period whose recomputed seal differs from the stored one, or {@code
 *     null}
 */
record VerificationView(boolean valid, int periodsChecked, BreakView firstBreak) {

    /**
     * @param reason {@code seal-mismatch}, {@code entry-count-mismatch}, {@code
     *     previous-hash-mismatch}, {@code period-not-contiguous}, {@code
     *     entry-dated-in-closed-period} or {@code entry-unreadable}
     */
    record BreakView(
            String periodId,
            String expectedHash,
            String storedHash,
            String reason,
            String detail) {}

    static VerificationView of(SealChain.Verification verification) {
        return new VerificationView(
                verification.valid(),
                verification.periodsChecked(),
                verification
                        .firstBreak()
                        .map(
                                broken ->
                                        new BreakView(
                                                broken.periodId(),
                                                broken.expectedHash(),
                                                broken.storedHash(),
                                                broken.reason(),
                                                broken.detail()))
                        .orElse(null));
    }
}
