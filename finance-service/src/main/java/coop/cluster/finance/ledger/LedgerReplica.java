package coop.cluster.finance.ledger;

import coop.cluster.finance.ledger.domain.ChartOfAccounts;
import coop.cluster.finance.ledger.domain.Ledger;
import coop.cluster.finance.ledger.domain.LedgerViolation;
import coop.cluster.finance.ledger.domain.Recorded;
import coop.cluster.finance.ledger.persistence.JournalRecord;
import coop.cluster.finance.ledger.persistence.LedgerJournal;
import coop.cluster.finance.ledger.persistence.StoredClosing;
import coop.cluster.finance.ledger.persistence.StoredEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * This instance's copy of the journal in memory: the {@link Ledger} with every record up to {@link
 * #sequence()} applied, the sequence of each entry, and the closings. The argument for why deciding
 * on it is sound, and when it must be brought up to date first, is {@link Bookkeeping}'s.
 *
 * <p>Loaded by replaying the whole journal from sequence 1 the first time ({@link #caughtUp()}),
 * then kept up to date incrementally: what this instance writes is applied once written ({@link
 * #appended}, {@link #closed}), what other instances wrote is read a window of sequences at a time.
 * Records are applied only while their sequences run on without a gap: a gap can only be a write in
 * flight, whose sequence its writer then fails to take. Dropped ({@link #discard()}) when a record
 * does not replay or a write of a batch, whose entries were applied as they were decided, fails;
 * the next use loads it again. (The domain has no way to resume from the head's balances: its
 * duplicate-id, idempotency and reversal checks need every earlier entry. A snapshot-and-resume is
 * for later, when the journal grows large.)
 *
 * <p>Not thread-safe by itself: everything but {@link #locked} is called holding its lock, which
 * serialises this instance's writers (instances serialise among themselves through the journal).
 */
final class LedgerReplica {

    /** Sequences read together when catching up with other writers. */
    static final int CATCH_UP_WINDOW = 64;

    private final LedgerJournal journal;
    private final ChartOfAccounts chart;
    private final ReentrantLock lock = new ReentrantLock();

    /** {@code null} until loaded and after {@link #discard()}. */
    private Ledger ledger;

    private long sequence;
    private final Map<String, Long> sequenceById = new HashMap<>();

    /**
     * Whether the next posting must read the journal past {@link #sequence} before deciding: after
     * another writer took a sequence this instance wanted (or a write failed), until the next
     * catch-up.
     */
    private boolean probe = true;

    /** The last sequence this instance wrote to the journal itself. */
    private long wroteThrough;

    /** The closings replayed or written, in order. */
    private final List<ClosedPeriod> closings = new ArrayList<>();

    LedgerReplica(LedgerJournal journal, ChartOfAccounts chart) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.chart = Objects.requireNonNull(chart, "chart");
    }

    /** Runs {@code action} holding the replica's lock. */
    <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The ledger with every journal record applied. The first load reads the journal in one pass;
     * after that, the next records are looked up by sequence ({@link LedgerJournal#window}, a
     * lookup by {@code _id}), so keeping up costs the same however long the journal is.
     */
    Ledger caughtUp() {
        if (ledger == null) {
            ledger = Ledger.empty(chart);
            sequence = 0;
            sequenceById.clear();
            journal.forEachAfter(
                    0,
                    stored -> {
                        if (stored.sequence() != sequence + 1) {
                            return false;
                        }
                        apply(stored);
                        return true;
                    });
            probe = false;
            return ledger;
        }
        // what others wrote since, a window of sequences per read: a closing (or a lagging
        // instance) catches up with
        // busy writers in a read per CATCH_UP_WINDOW records, not a read per record
        for (boolean more = true; more; ) {
            int applied = 0;
            for (JournalRecord next : journal.window(sequence, CATCH_UP_WINDOW)) {
                if (next.sequence() != sequence + 1) {
                    break; // a gap: a write in flight, whose sequence its writer then fails to take
                }
                apply(next);
                applied++;
            }
            more = applied == CATCH_UP_WINDOW;
        }
        probe = false;
        return ledger;
    }

    /**
     * Whether the replica must be caught up before a posting is decided on it: not loaded yet, or
     * known to be behind since another writer took a sequence this instance wanted (or a write
     * failed).
     */
    boolean behind() {
        return probe || ledger == null;
    }

    /** The ledger as it stands, without reading the journal; {@code null} when not loaded. */
    Ledger ledger() {
        return ledger;
    }

    /** Marks the replica behind: the next posting catches up before deciding. */
    void markBehind() {
        probe = true;
    }

    /** The last sequence applied. */
    long sequence() {
        return sequence;
    }

    /** The sequence of entry {@code entryId}, applied. */
    long sequenceOf(String entryId) {
        return sequenceById.get(entryId);
    }

    /** The last sequence this instance wrote to the journal itself. */
    long wroteThrough() {
        return wroteThrough;
    }

    /** The closings applied, in order. */
    List<ClosedPeriod> closings() {
        return closings;
    }

    /** This instance wrote entry {@code entryId} at {@code at}, already applied to the ledger. */
    void appended(long at, String entryId) {
        sequence = at;
        wroteThrough = at;
        sequenceById.put(entryId, at);
    }

    /**
     * This instance wrote a batch through {@code at}, its entries already applied: {@code written}
     * by id.
     */
    void appendedAll(long at, Map<String, Long> written) {
        sequence = at;
        wroteThrough = at;
        sequenceById.putAll(written);
    }

    /** This instance wrote {@code closed}, not yet applied to the ledger. */
    void closed(ClosedPeriod closed) {
        ledger.closeThrough(closed.seal().to());
        sequence = closed.sequence();
        wroteThrough = closed.sequence();
        closings.add(closed);
    }

    /** Forgets everything: the next use loads the journal again. */
    void discard() {
        ledger = null;
        sequence = 0;
        sequenceById.clear();
        closings.clear();
    }

    private void apply(JournalRecord stored) {
        switch (stored) {
            case StoredEntry entry -> apply(entry);
            case StoredClosing closing -> apply(closing);
        }
    }

    private void apply(StoredEntry stored) {
        Recorded recorded;
        try {
            recorded = ledger.post(stored.entry());
        } catch (LedgerViolation violation) {
            discard();
            throw new IllegalStateException(
                    "journal entry "
                            + stored.sequence()
                            + " ("
                            + stored.entry().id()
                            + ") is refused on replay: "
                            + violation.getMessage(),
                    violation);
        }
        if (recorded.replayed()) {
            discard();
            throw new IllegalStateException(
                    "journal entry "
                            + stored.sequence()
                            + " repeats idempotency key "
                            + stored.entry().idempotencyKey());
        }
        sequence = stored.sequence();
        sequenceById.put(stored.entry().id(), sequence);
    }

    private void apply(StoredClosing stored) {
        try {
            ledger.closeThrough(stored.seal().to());
        } catch (LedgerViolation violation) {
            discard();
            throw new IllegalStateException(
                    "journal closing "
                            + stored.sequence()
                            + " ("
                            + stored.seal().periodId()
                            + ") does not follow the previous one: "
                            + violation.getMessage(),
                    violation);
        }
        sequence = stored.sequence();
        closings.add(ClosedPeriod.of(stored));
    }
}
