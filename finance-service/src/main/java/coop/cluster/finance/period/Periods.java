package coop.cluster.finance.period;

import coop.cluster.finance.ledger.ClosedPeriod;
import coop.cluster.finance.ledger.LedgerClosings;
import coop.cluster.finance.ledger.LedgerContentionException;
import coop.cluster.finance.ledger.domain.LedgerViolation;
import coop.cluster.finance.ledger.domain.Seal;
import coop.cluster.finance.ledger.domain.SealChain;
import coop.cluster.finance.period.events.PeriodClosed;
import coop.cluster.plumbing.events.EventFactory;
import coop.cluster.plumbing.web.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Closing and sealing the ledger's periods, and verifying the seals.
 *
 * <p>Periods are closed in date order: closing {@code 2026-Q1} covers every day after the previous
 * closing through 31 March. The closing itself is written by the ledger ({@link
 * LedgerClosings#close}) as a record of the journal at the next sequence, so it serialises with
 * posting across instances without transactions; its {@code cluster.finance.period.closed.v1} event
 * is in the same document. Closing a period already closed under the same id answers that closing
 * again and writes nothing.
 *
 * <p>For other features (public reports): {@link #seal(String)} and {@link #closedPeriods()}.
 */
@Service
public class Periods {

    public static final String CLOSED_METRIC = "cluster.finance.periods.closed";
    public static final String VERIFY_METRIC = "cluster.finance.periods.verify";
    private static final Logger log = LoggerFactory.getLogger(Periods.class);

    private final LedgerClosings ledger;
    private final EventFactory events;
    private final Clock clock;
    private final Counter closed;
    private final Timer verifyTimer;

    public Periods(LedgerClosings ledger, EventFactory events, Clock clock, MeterRegistry meters) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.closed =
                Counter.builder(CLOSED_METRIC)
                        .description("Periods closed and sealed")
                        .register(meters);
        this.verifyTimer =
                Timer.builder(VERIFY_METRIC)
                        .description("Recomputing the chain of period seals from the journal")
                        .register(meters);
    }

    /** Where a named period stands. */
    public enum Status {
        /** Closed and sealed under this id. */
        CLOSED,
        /** Closed as part of a closing under another id (a month of a closed quarter). */
        COVERED,
        /** Not closed (or only its first days, by an earlier closing). */
        OPEN
    }

    /**
     * A named period and where it stands.
     *
     * @param closing its closing, when {@code CLOSED}
     * @param coveredBy the closing that covers it, when {@code COVERED}
     */
    public record Period(
            PeriodId period,
            Status status,
            Optional<ClosedPeriod> closing,
            Optional<ClosedPeriod> coveredBy) {}

    /**
     * Closes and seals a period.
     *
     * @param closedBy who closes it (recorded in the closing and its event)
     * @return the closing; {@code replayed} when it was already closed under this id (nothing
     *     written)
     * @throws ProblemException 400 {@code period-id-invalid}, 422 {@code period-not-ended}
     * @throws LedgerViolation {@code period-already-closed} when a closing under another id covers
     *     it
     * @throws LedgerContentionException when other writers kept the ledger busy; retry
     */
    public ClosedPeriod close(String periodId, String closedBy) {
        PeriodId period = parse(periodId);
        Optional<ClosedPeriod> earlier = ledger.closing(period.id());
        if (earlier.isPresent()) {
            return earlier.get().asReplay();
        }
        LocalDate today = LocalDate.now(clock);
        if (!period.endedBy(today)) {
            throw ProblemException.unprocessable(
                    "period-not-ended", period.id(), period.to(), today);
        }
        ClosedPeriod closing =
                ledger.close(
                        period.id(),
                        period.from(),
                        period.to(),
                        closedBy,
                        written ->
                                events.create(
                                        PeriodClosed.AGGREGATE,
                                        period.id(),
                                        PeriodClosed.of(written)));
        if (!closing.replayed()) {
            closed.increment();
            Seal seal = closing.seal();
            log.info(
                    "Period {} closed by {}: {}..{}, {} entries (sequences {}..{}), closing at"
                            + " sequence {}, seal {}",
                    seal.periodId(),
                    closedBy,
                    seal.from(),
                    seal.to(),
                    seal.entryCount(),
                    seal.firstSequence(),
                    seal.lastSequence(),
                    closing.sequence(),
                    seal.hash());
        }
        return closing;
    }

    /** The seal of a period closed under {@code periodId}, if it is. */
    public Optional<Seal> seal(String periodId) {
        return ledger.closing(periodId).map(ClosedPeriod::seal);
    }

    /** Every closing, in date (and sequence) order. */
    public List<ClosedPeriod> closedPeriods() {
        return ledger.closings();
    }

    /** The last day of the last closed period, if any. */
    public Optional<LocalDate> closedThrough() {
        List<ClosedPeriod> closings = ledger.closings();
        return closings.isEmpty() ? Optional.empty() : Optional.of(closings.getLast().seal().to());
    }

    /**
     * Where a named period stands.
     *
     * @throws ProblemException 400 {@code period-id-invalid}
     */
    public Period period(String periodId) {
        PeriodId period = parse(periodId);
        List<ClosedPeriod> closings = ledger.closings();
        for (ClosedPeriod closing : closings) {
            if (closing.seal().periodId().equals(period.id())) {
                return new Period(period, Status.CLOSED, Optional.of(closing), Optional.empty());
            }
        }
        for (ClosedPeriod closing : closings) {
            if (!period.to().isAfter(closing.seal().to())) {
                return new Period(period, Status.COVERED, Optional.empty(), Optional.of(closing));
            }
        }
        return new Period(period, Status.OPEN, Optional.empty(), Optional.empty());
    }

    /**
     * Recomputes every seal from the journal as stored ({@link LedgerClosings#verify}) and reports
     * the first period that no longer matches (WARN in the log).
     */
    public SealChain.Verification verify() {
        SealChain.Verification verification = verifyTimer.record(ledger::verify);
        verification
                .firstBreak()
                .ifPresent(
                        broken ->
                                log.warn(
                                        "Seal chain broken at period {} ({}): {}; expected "
                                                + "{}, stored {}",
                                        broken.periodId(),
                                        broken.reason(),
                                        broken.detail(),
                                        broken.expectedHash(),
                                        broken.storedHash()));
        return verification;
    }

    private static PeriodId parse(String periodId) {
        return PeriodId.parse(periodId)
                .orElseThrow(
                        () ->
                                new ProblemException(
                                        HttpStatus.BAD_REQUEST,
                                        "period-id-invalid",
                                        String.valueOf(periodId)));
    }
}
