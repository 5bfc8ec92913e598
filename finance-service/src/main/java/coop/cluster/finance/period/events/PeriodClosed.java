package coop.cluster.finance.period.events;

import coop.cluster.finance.ledger.ClosedPeriod;
import coop.cluster.finance.ledger.domain.Seal;
import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A period of the ledger was closed and sealed. Published once per closing (closing the same period
 * again publishes nothing), from the closing's own journal document. Topic {@code finance.ledger};
 * key and subject ({@code ledger-periods/<periodId>}): the period id.
 *
 * @param periodId {@code 2026-03} or {@code 2026-Q1}
 * @param from the first day the closing covers
 * @param to the last day: entries dated on or before it are refused from now on
 * @param sealHash SHA-256 (hex) over the previous hash and the period's entries (see the finance
 *     canvas)
 * @param previousHash the previous closing's hash, or 64 zeros for the first
 * @param entryCount the entries sealed
 * @param firstSequence the lowest journal sequence among them (0 when none)
 * @param lastSequence the highest journal sequence among them (0 when none)
 * @param sequence the closing's own journal sequence
 * @param closedAt when it was written
 * @param closedBy who closed it
 */
@IntegrationEvent(type = "cluster.finance.period.closed", version = 1, topic = "finance.ledger")
public record PeriodClosed(
        String periodId,
        LocalDate from,
        LocalDate to,
        String sealHash,
        String previousHash,
        int entryCount,
        long firstSequence,
        long lastSequence,
        long sequence,
        Instant closedAt,
        String closedBy) {

    /** Aggregate type in the subject. */
    public static final String AGGREGATE = "ledger-periods";

    public static PeriodClosed of(ClosedPeriod closed) {
        Seal seal = closed.seal();
        return new PeriodClosed(
                seal.periodId(),
                seal.from(),
                seal.to(),
                seal.hash(),
                seal.previousHash(),
                seal.entryCount(),
                seal.firstSequence(),
                seal.lastSequence(),
                closed.sequence(),
                closed.closedAt(),
                closed.closedBy());
    }
}
