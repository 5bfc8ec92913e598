package coop.cluster.finance.ledger;

import coop.cluster.finance.ledger.domain.CanonicalEntry;
import coop.cluster.finance.ledger.domain.JournalEntry;
import coop.cluster.finance.ledger.domain.Ledger;
import coop.cluster.finance.ledger.domain.LedgerViolation;
import coop.cluster.finance.ledger.domain.Seal;
import coop.cluster.finance.ledger.domain.SealChain;
import coop.cluster.finance.ledger.persistence.LedgerJournal;
import coop.cluster.finance.ledger.persistence.StoredClosing;
import coop.cluster.plumbing.events.PendingEvent;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Closing the ledger through a date and sealing it, for the periods feature: a closing is a record
 * of the journal at the next sequence, taken as a posting takes it, so closing serialises with
 * posting across instances (the argument is {@link Bookkeeping}'s). Works on the same in-memory
 * ledger as the {@link Bookkeeping} it is made for.
 *
 * <p>The seals are verified ({@link #verify()}) against the journal's documents as stored, not
 * through the ledger's own checks, so that a document changed behind the ledger's back still reads
 * and is reported.
 */
@Service
public class LedgerClosings {

    private static final Logger log = LoggerFactory.getLogger(LedgerClosings.class);

    private final Bookkeeping ledger;
    private final LedgerReplica replica;
    private final LedgerJournal journal;

    public LedgerClosings(Bookkeeping ledger) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.replica = ledger.replica();
        this.journal = ledger.journal();
    }

    /**
     * Closes the ledger through {@code to} under {@code periodId} and seals the period, or answers
     * the closing already written under that id. Correct without transactions: the closing is a
     * record of the journal at the next sequence, taken as an entry takes it, so a posting that
     * races it either comes first (and is sealed) or loses the sequence, reads again and is refused
     * {@code period-closed}. The seal is computed from the entries before that sequence as the
     * in-memory ledger holds them (read from the store; {@link #verify()} recomputes it from the
     * stored documents), and the event {@code announce} builds is written in the same insert.
     *
     * @param namedFrom the named period's first day (the first closing starts there, or at an
     *     earlier entry)
     * @throws LedgerViolation {@code period-already-closed} when the ledger is already closed
     *     through {@code to} or later under another id
     * @throws LedgerContentionException when other writers took the next sequence {@code
     *     maxAttempts} times
     */
    public ClosedPeriod close(
            String periodId,
            LocalDate namedFrom,
            LocalDate to,
            String closedBy,
            Function<ClosedPeriod, PendingEvent> announce) {
        Objects.requireNonNull(periodId, "periodId");
        Objects.requireNonNull(namedFrom, "namedFrom");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(closedBy, "closedBy");
        Objects.requireNonNull(announce, "announce");
        return ledger.retry()
                .run(
                        () -> tryClose(periodId, namedFrom, to, closedBy, announce),
                        () ->
                                new LedgerContentionException(
                                        "period "
                                                + periodId
                                                + " was not closed: other writers took the "
                                                + "next sequence "
                                                + ledger.retry().maxAttempts()
                                                + " times running"),
                        Bookkeeping::interrupted);
    }

    /** One attempt; empty when another writer took the sequence first. */
    private Optional<ClosedPeriod> tryClose(
            String periodId,
            LocalDate namedFrom,
            LocalDate to,
            String closedBy,
            Function<ClosedPeriod, PendingEvent> announce) {
        return replica.locked(
                () -> {
                    Ledger current = replica.caughtUp();
                    List<ClosedPeriod> closings = replica.closings();
                    for (ClosedPeriod closed : closings) {
                        if (closed.seal().periodId().equals(periodId)) {
                            return Optional.of(closed.asReplay());
                        }
                    }
                    Optional<Seal> previous =
                            closings.isEmpty()
                                    ? Optional.empty()
                                    : Optional.of(closings.getLast().seal());
                    long at = replica.sequence() + 1;
                    current.checkCloseThrough(
                            to); // period-already-closed when covered; nothing changed yet
                    Seal seal =
                            SealChain.seal(
                                    previous,
                                    periodId,
                                    namedFrom,
                                    to,
                                    sealable(current, previous.map(Seal::to).orElse(null), to));
                    ClosedPeriod closed =
                            new ClosedPeriod(
                                    at,
                                    seal,
                                    ledger.clock().instant().truncatedTo(ChronoUnit.MILLIS),
                                    closedBy,
                                    false); // as the store keeps it
                    try {
                        journal.appendClosing(
                                new StoredClosing(at, seal, closed.closedAt(), closedBy),
                                announce.apply(closed));
                    } catch (DuplicateKeyException taken) {
                        // the in-memory ledger is unchanged: the next attempt only reads what the
                        // other writer wrote
                        ledger.conflicts().increment();
                        log.debug(
                                "Sequence {} was taken by another writer while closing {}; reading"
                                        + " again",
                                at,
                                periodId);
                        return Optional.empty();
                    }
                    replica.closed(closed);
                    return Optional.of(closed);
                });
    }

    /**
     * The entries a closing through {@code to} seals, in sequence order: those dated after {@code
     * after} (any date when {@code null}) and on or before {@code to}. Read from the in-memory
     * ledger, which holds exactly the stored entries up to the current sequence, so that a closing
     * decides as fast as a posting and is not starved by writers posting meanwhile; {@link
     * #verify()} recomputes every seal from the stored documents.
     */
    private List<SealChain.Entry> sealable(Ledger current, LocalDate after, LocalDate to) {
        List<SealChain.Entry> sealed = new ArrayList<>();
        for (JournalEntry entry : current.entries()) {
            LocalDate date = entry.effectiveDate();
            if (!date.isAfter(to) && (after == null || date.isAfter(after))) {
                long at = replica.sequenceOf(entry.id());
                sealed.add(new SealChain.Entry(at, date, CanonicalEntry.of(at, entry)));
            }
        }
        return sealed;
    }

    /**
     * Every closing in the journal, in order: those the ledger replayed, once brought up to the
     * journal's last sequence (the store holds closings among the entries, which no index separates
     * in the embedded store).
     */
    public List<ClosedPeriod> closings() {
        return replica.locked(
                () -> {
                    replica.caughtUp();
                    return List.copyOf(replica.closings());
                });
    }

    /** The closing written under {@code periodId}, read from the store. */
    public Optional<ClosedPeriod> closing(String periodId) {
        return journal.closing(periodId).map(ClosedPeriod::of);
    }

    /**
     * Recomputes every seal from the journal as stored ({@link LedgerJournal#audit}: an auditor's
     * view, the domain's checks not applied, so that a document changed in the store still reads)
     * and reports the first period that no longer matches.
     */
    public SealChain.Verification verify() {
        LedgerJournal.Audit audit = journal.audit();
        return SealChain.verify(audit.entries(), audit.closings());
    }
}
