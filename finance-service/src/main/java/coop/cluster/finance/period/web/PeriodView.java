package coop.cluster.finance.period.web;

import coop.cluster.finance.ledger.ClosedPeriod;
import coop.cluster.finance.ledger.domain.Seal;
import coop.cluster.finance.period.Periods;
import java.util.List;

/**
 * A period as the API shows it. For a closed period: its seal and the closing's journal sequence;
 * for a period covered by another closing, that closing's id in {@code coveredBy}; for an open one,
 * neither.
 *
 * @param status {@code CLOSED}, {@code COVERED} or {@code OPEN}
 * @param from the first day the closing covered (for a closed period), else the named period's
 *     first day
 * @param to the named period's last day
 * @param replayed whether this answer to a close is the closing written earlier (nothing written)
 */
record PeriodView(
        String periodId,
        String status,
        String from,
        String to,
        SealView seal,
        Long sequence,
        String closedAt,
        String closedBy,
        String coveredBy,
        boolean replayed) {

    /**
     * @param hash SHA-256, lower-case hex
     * @param previousHash the previous closing's hash, 64 zeros for the first
     * @param entryCount the entries sealed
     * @param firstSequence the lowest sequence among them, 0 when none
     * @param lastSequence the highest, 0 when none
     */
    record SealView(
            String hash,
            String previousHash,
            int entryCount,
            long firstSequence,
            long lastSequence) {

        static SealView of(Seal seal) {
            return new SealView(
                    seal.hash(),
                    seal.previousHash(),
                    seal.entryCount(),
                    seal.firstSequence(),
                    seal.lastSequence());
        }
    }

    static PeriodView of(ClosedPeriod closed) {
        Seal seal = closed.seal();
        return new PeriodView(
                seal.periodId(),
                Periods.Status.CLOSED.name(),
                seal.from().toString(),
                seal.to().toString(),
                SealView.of(seal),
                closed.sequence(),
                closed.closedAt().toString(),
                closed.closedBy(),
                null,
                closed.replayed());
    }

    static PeriodView of(Periods.Period period) {
        if (period.closing().isPresent()) {
            return of(period.closing().get());
        }
        return new PeriodView(
                period.period().id(),
                period.status().name(),
                period.period().from().toString(),
                period.period().to().toString(),
                null,
                null,
                null,
                null,
                period.coveredBy().map(closing -> closing.seal().periodId()).orElse(null),
                false);
    }

    /**
     * A page of the closed periods, oldest first.
     *
     * @param closedThrough the last day of the last closed period, or {@code null}
     * @param total how many periods are closed
     */
    record Page(List<PeriodView> periods, int page, int size, long total, String closedThrough) {}
}
