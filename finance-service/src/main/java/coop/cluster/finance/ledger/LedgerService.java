package coop.cluster.finance.ledger;

import coop.cluster.finance.ledger.domain.AccountBalance;
import coop.cluster.finance.ledger.domain.Balances;
import coop.cluster.finance.ledger.domain.CanonicalEntry;
import coop.cluster.finance.ledger.domain.ChartOfAccounts;
import coop.cluster.finance.ledger.domain.EntryLimits;
import coop.cluster.finance.ledger.domain.JournalEntry;
import coop.cluster.finance.ledger.domain.Ledger;
import coop.cluster.finance.ledger.domain.LedgerViolation;
import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.finance.ledger.domain.Recorded;
import coop.cluster.finance.ledger.events.EntryPosted;
import coop.cluster.finance.ledger.domain.Seal;
import coop.cluster.finance.ledger.domain.SealChain;
import coop.cluster.finance.ledger.persistence.JournalRecord;
import coop.cluster.finance.ledger.persistence.LedgerJournal;
import coop.cluster.finance.ledger.persistence.StoredClosing;
import coop.cluster.finance.ledger.persistence.StoredEntry;
import coop.cluster.finance.ledger.persistence.StoredHead;
import coop.cluster.plumbing.events.EventFactory;
import coop.cluster.plumbing.events.PendingEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The cluster's ledger over MongoDB, correct without transactions: the journal ({@link LedgerJournal}) is the
 * truth, and taking sequence n+1 (a unique {@code _id}) is what serialises posting across instances.
 *
 * <p>To post: let the in-memory {@link Ledger}, which holds the journal up to some sequence n, decide (replay,
 * {@code idempotency-conflict}, any other {@link LedgerViolation}: nothing is written); write the entry at n+1; if
 * another writer took n+1 first, read on from n and decide again (bounded). A posting costs the store one insert:
 * nothing is read before it and nothing else is written after it.
 *
 * <p><b>Why a posting need not read the journal first.</b> Three facts of the store:
 * <ol>
 * <li>The journal has no gaps: a writer only ever writes n+1 after applying n (a batch is an ordered
 * {@code insertMany} of consecutive sequences, which stops at its first failure), so whenever sequence k is
 * stored, so are 1..k-1.</li>
 * <li>The journal is never rewritten: what this instance has applied up to n is exactly the journal's 1..n.</li>
 * <li>{@code _id} is unique: the insert at n+1 succeeds only if nobody stored n+1 before it.</li>
 * </ol>
 * So when the insert at n+1 succeeds, the journal held exactly 1..n at that instant (by 1, nothing beyond n either),
 * and that is what the decision was made on: the posting is linearised at its insert, however old the in-memory
 * view was. When it fails with a duplicate key, another writer got there first; this instance then reads the
 * records after n (the probe: {@code journal.window(n, 64)}, the next sequences read by id, window after window)
 * and decides again after the usual back-off, its in-memory ledger untouched by the attempt ({@code Ledger.prepare}
 * decides without changing it). The probe before deciding is therefore only
 * an optimisation for a view known to be behind, and a posting makes it only after such a lost race (or a failed
 * write) and before the first posting of the instance, which loads the journal. The unique indexes on the entry id
 * and the idempotency key are a second guard of the same kind.
 *
 * <p>That argument covers what is written, not what is refused: a refusal writes nothing, so no insert checks it.
 * A refusal ({@code account-would-go-negative} because another instance's funding is not applied yet,
 * {@code period-closed}, a limit on an entry another instance already accepted...) decided on an unprobed view is
 * therefore never answered as such: the instance probes and decides again, and the refusal answered is one that
 * holds against the journal as it was at that probe. A replay needs no probe: the first posting under the key is in
 * the journal, which is never rewritten. A batch ({@link #postAll}) probes once before deciding, because its
 * entries are applied in memory as they are decided and a lost race then costs a reload; a closing ({@link #close})
 * and every read ({@link #chart}, {@link #closings}, {@link #closedThrough}, {@link #balances}) probe too, so that
 * they see every write that completed before they began.
 *
 * <p>A period's closing ({@link #close}) is a record of the same journal at the next sequence, taken the same way,
 * so closing serialises with posting: a posting that loses the sequence to a closing reads on, replays it, and is
 * refused {@code period-closed} if it is dated in the closed period; one that decided before the closing was stored
 * finds n+1 taken. Replaying the journal replays closings too.
 *
 * <p>Every entry written carries its {@link EntryPosted} event in the same journal document (the outbox), so it is
 * published exactly when the entry is stored: a replay, a refusal or a lost race for the sequence publishes nothing.
 *
 * <p>The in-memory ledger is rebuilt by replaying the whole journal from sequence 1 the first time, then kept up
 * to date incrementally. A posting or a closing is decided without changing it ({@code Ledger.prepare}) and applied
 * only once written, so a lost race costs a read of the other writers' entries, not a replay; a batch, whose
 * entries build on each other in memory, discards it when its write fails. (The domain has no way to resume from
 * the head's balances: its duplicate-id, idempotency and reversal checks need every earlier entry. A
 * snapshot-and-resume is for later, when the journal grows large.)
 *
 * <p>The head ({@code ledger_heads}) caches the balances after some sequence for {@link #balances()}: it is moved
 * forward by a background tick ({@link #flushHead}) when this instance has written since, by a read that found it
 * behind, and on shutdown, each time by one conditional write that never moves it back; never per posting. A head
 * behind the journal is only slower: {@link #balances()} serves it only when no record follows it.
 *
 * <p>Thread-safe: an instance serialises its own callers; instances serialise among themselves through the
 * journal. Concurrent single postings of one instance are written by group commit ({@link #post}): while one is
 * being written the others wait, then whichever of them finds the combiner free posts them all as one batch
 * ({@link #postAll}: decided in arrival order, each on the ones before it, one ordered insert, one probe), and each
 * caller gets its own outcome, as if it had posted alone after the ones before it. A posting with no other waiting
 * is posted alone, without a probe.
 */
@Service
public class LedgerService implements DisposableBean {

    public static final String ENTRIES_METRIC = "cluster.finance.ledger.entries";
    public static final String POST_METRIC = "cluster.finance.ledger.post";
    public static final String CONFLICTS_METRIC = "cluster.finance.ledger.sequence.conflicts";
    static final int DEFAULT_MAX_ATTEMPTS = 50;
    private static final Logger log = LoggerFactory.getLogger(LedgerService.class);

    private final LedgerJournal journal;
    private final EventFactory events;
    private final ChartOfAccounts chart;
    private final int maxAttempts;
    private final Clock clock;
    private final Counter posted;
    private final Counter replayed;
    private final Counter refused;
    private final Timer postTimer;
    private final Counter conflicts;
    private final LedgerSettings settings;
    private final ReentrantLock lock = new ReentrantLock();
    /** Postings waiting to be written, and who writes them ({@link #post}: group commit). */
    private final ConcurrentLinkedQueue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    private final ReentrantLock combiner = new ReentrantLock();

    /** Guarded by {@link #lock}; {@code null} until loaded and after a failed write. */
    private Ledger ledger;
    private long sequence;
    private final Map<String, Long> sequenceById = new HashMap<>();
    /**
     * Whether the next posting must read the journal past {@link #sequence} before deciding: after another writer
     * took a sequence this instance wanted (or a write failed), until the next catch-up. Guarded by {@link #lock}.
     */
    private boolean probe = true;
    /** The last sequence this instance wrote to the head or found it at: the head needs no write up to there. */
    private final AtomicLong headAt = new AtomicLong();
    /** The last sequence this instance wrote to the journal itself; guarded by {@link #lock}. */
    private long wroteThrough;
    /** The closings replayed, in order; guarded by {@link #lock}. */
    private final List<ClosedPeriod> closings = new ArrayList<>();

    public LedgerService(LedgerJournal journal, EventFactory events, MeterRegistry meters) {
        this(journal, events, meters, Clock.systemUTC(), LedgerSettings.DEFAULTS);
    }

    @Autowired
    public LedgerService(LedgerJournal journal, EventFactory events, MeterRegistry meters, Clock clock,
                         LedgerSettings settings) {
        this(journal, events, meters, ChartOfAccounts.standard(Currency.getInstance("EUR")), DEFAULT_MAX_ATTEMPTS,
                clock, settings);
    }

    public LedgerService(LedgerJournal journal, EventFactory events, MeterRegistry meters, ChartOfAccounts chart,
            int maxAttempts, Clock clock) {
        this(journal, events, meters, chart, maxAttempts, clock, LedgerSettings.DEFAULTS);
    }

    public LedgerService(LedgerJournal journal, EventFactory events, MeterRegistry meters, ChartOfAccounts chart,
            int maxAttempts, Clock clock, LedgerSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.events = Objects.requireNonNull(events, "events");
        this.chart = Objects.requireNonNull(chart, "chart");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
        this.posted = outcome(meters, "posted");
        this.replayed = outcome(meters, "replayed");
        this.refused = outcome(meters, "refused");
        this.postTimer = Timer.builder(POST_METRIC).description("Posting a journal entry, retries included")
                .register(meters);
        this.conflicts = Counter.builder(CONFLICTS_METRIC)
                .description("Attempts that found the next sequence taken by another writer and read again")
                .register(meters);
    }

    private static Counter outcome(MeterRegistry meters, String outcome) {
        return Counter.builder(ENTRIES_METRIC).description("Journal entries offered to the ledger, by outcome")
                .tag("outcome", outcome).register(meters);
    }

    /** The chart as it stands: the standard accounts and every sub-account an entry has opened. */
    public ChartOfAccounts chart() {
        lock.lock();
        try {
            return catchUp().chart();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The limits a new entry must keep today ({@link LedgerSettings}): its date within the window, no amount above the
     * maximum. Entries already in the journal are never checked again.
     */
    public EntryLimits limits() {
        return settings.limits(LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC));
    }

    /**
     * Posts an entry, or refuses it with a {@link LedgerViolation} having written nothing: the ledger's rules, and
     * {@link #limits()} for an entry that is not the replay of one already posted.
     *
     * @throws LedgerContentionException when other writers took the next sequence {@code maxAttempts} times
     *                                   running; nothing was written and the same call may be retried
     */
    public PostedEntry post(JournalEntry entry) {
        Objects.requireNonNull(entry, "entry");
        Waiting mine = new Waiting(entry, new CompletableFuture<>());
        waiting.add(mine);
        while (!mine.answer().isDone()) {
            if (combiner.tryLock()) {
                try {
                    postWaiting();
                } finally {
                    combiner.unlock();
                }
            } else {
                try {
                    mine.answer().get(COMBINE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillWaiting) {
                    // the posting in flight is not ours: try to lead the next group
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new LedgerContentionException("interrupted while waiting for entry " + entry.id()
                            + " to be posted; posting it again under its key answers what became of it");
                } catch (ExecutionException answered) {
                    break; // the answer is a failure: unwrapped below
                }
            }
        }
        try {
            return mine.answer().join();
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw failed;
        }
    }

    /**
     * Group commit: the postings that arrived while one was being written go together, decided in arrival order as
     * {@link #postAll} decides a batch, and written in one ordered insert. A posting alone is posted alone
     * ({@link #postTimed}). Called by one thread at a time, whichever posting thread finds the combiner free.
     */
    private void postWaiting() {
        List<Waiting> group = new ArrayList<>();
        for (Waiting next = waiting.poll(); next != null; next = group.size() < GROUP_MAX ? waiting.poll() : null) {
            group.add(next);
        }
        if (group.isEmpty()) {
            return;
        }
        try {
            if (group.size() == 1) {
                JournalEntry entry = group.getFirst().entry();
                group.getFirst().answer().complete(postTimer.record(() -> postTimed(entry)));
                return;
            }
            List<BatchOutcome> outcomes = postAll(group.stream().map(Waiting::entry).toList());
            for (int i = 0; i < group.size(); i++) {
                BatchOutcome outcome = outcomes.get(i);
                if (outcome.refused() != null) {
                    group.get(i).answer().completeExceptionally(outcome.refused());
                } else {
                    group.get(i).answer().complete(outcome.posted());
                }
            }
        } catch (RuntimeException failed) {
            group.forEach(w -> w.answer().completeExceptionally(failed));
        }
    }

    /** A posting waiting for its group. */
    private record Waiting(JournalEntry entry, CompletableFuture<PostedEntry> answer) {
    }

    /** Postings written together at most. */
    static final int GROUP_MAX = 500;
    /** How often a posting waiting for another thread's group looks whether it should lead the next one. */
    private static final long COMBINE_POLL_MILLIS = 2;

    private PostedEntry postTimed(JournalEntry entry) {
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            Optional<PostedEntry> outcome = tryPost(entry);
            if (outcome.isPresent()) {
                (outcome.get().replayed() ? replayed : posted).increment();
                return outcome.get();
            }
            backOff(attempt);
        }
        throw new LedgerContentionException("entry " + entry.id() + " (key " + entry.idempotencyKey()
                + ") was not posted: other writers took the next sequence " + maxAttempts + " times running");
    }

    /**
     * One attempt; empty when another writer took the sequence first. Decides on the in-memory ledger as it stands
     * unless a lost race said it is behind (see the class comment: the insert at n+1 is the check), and confirms a
     * refusal made without a probe against the journal as it is now.
     */
    private Optional<PostedEntry> tryPost(JournalEntry entry) {
        lock.lock();
        try {
            boolean probed = probe || ledger == null;
            Ledger current = probed ? catchUp() : ledger;
            while (true) {
                Ledger.Prepared prepared;
                try {
                    prepared = current.prepare(entry); // decided, nothing changed yet
                    if (prepared.replay() == null) {
                        limits().check(entry); // a replay (or a conflict) is the ledger's to decide
                    }
                } catch (LedgerViolation violation) {
                    if (!probed) {
                        // a refusal must hold against the journal as it is now, not as this instance last wrote it
                        current = catchUp();
                        probed = true;
                        continue;
                    }
                    refused.increment();
                    throw violation;
                }
                if (prepared.replay() != null) {
                    // right whatever the view's age: the first posting is in the journal, which is never rewritten
                    Recorded first = prepared.replay();
                    return Optional.of(new PostedEntry(sequenceById.get(first.entry().id()), first.entry(), true));
                }
                long at = sequence + 1;
                StoredEntry stored = new StoredEntry(at, entry, clock.instant().truncatedTo(ChronoUnit.MILLIS));
                try {
                    PendingEvent announced = events.create(EntryPosted.AGGREGATE, entry.id(),
                            EntryPosted.of(at, entry, stored.postedAt()));
                    journal.append(stored, announced); // the entry and its event in one insert
                } catch (DuplicateKeyException taken) {
                    // the in-memory ledger is unchanged: only what the other writers wrote is left to read
                    // (backing off as after any lost race, not retrying at once: writers racing for the next
                    // sequences must leave a closing, which reads before it writes, its chance)
                    conflicts.increment();
                    log.debug("Sequence {} was taken by another writer; reading the journal again", at);
                    probe = true;
                    return Optional.empty();
                } catch (RuntimeException failed) {
                    // unchanged in memory too: had the insert been stored after all, a probe reads it like another
                    // writer's
                    probe = true;
                    throw failed;
                }
                current.apply(prepared);
                sequence = at;
                wroteThrough = at;
                sequenceById.put(entry.id(), at);
                return Optional.of(new PostedEntry(at, entry, false, stored.postedAt()));
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The outcome of one entry of a batch: {@code posted} (accepted, or a replay) or {@code refused}, never both.
     */
    public record BatchOutcome(PostedEntry posted, LedgerViolation refused) {

        public BatchOutcome {
            if ((posted == null) == (refused == null)) {
                throw new IllegalArgumentException("an entry of a batch is either posted or refused");
            }
        }
    }

    /**
     * Posts entries in order, each decided on its own as {@link #post} would (a refused entry changes nothing and
     * does not stop the others; a later entry sees the earlier ones), and writes the accepted ones together in one
     * ordered insert of consecutive sequences. When another writer takes one of those sequences first, the stored
     * prefix stays and the whole batch is decided again: its stored entries are then replays.
     *
     * @return one outcome per entry, in the same order
     * @throws LedgerContentionException as {@link #post}; entries already stored stay, and the same call may be
     *                                   retried
     */
    public List<BatchOutcome> postAll(List<JournalEntry> entries) {
        Objects.requireNonNull(entries, "entries");
        return postTimer.record(() -> {
            for (int attempt = 1; attempt <= maxAttempts; attempt++) {
                Optional<List<BatchOutcome>> outcomes = tryPostAll(entries);
                if (outcomes.isPresent()) {
                    for (BatchOutcome outcome : outcomes.get()) {
                        (outcome.refused() != null ? refused : outcome.posted().replayed() ? replayed : posted)
                                .increment();
                    }
                    return outcomes.get();
                }
                backOff(attempt);
            }
            throw new LedgerContentionException("a batch of " + entries.size() + " entries was not posted whole: "
                    + "other writers took the next sequences " + maxAttempts + " times running");
        });
    }

    /** One attempt at a batch; empty when another writer took one of its sequences first. */
    private Optional<List<BatchOutcome>> tryPostAll(List<JournalEntry> entries) {
        long at;
        List<BatchOutcome> outcomes = new java.util.ArrayList<>(entries.size());
        lock.lock();
        try {
            Ledger current = catchUp(); // one probe per batch: a batch lost to a race is decided again from scratch
            Map<String, Long> written = new HashMap<>();
            List<StoredEntry> stored = new java.util.ArrayList<>();
            List<PendingEvent> announced = new java.util.ArrayList<>();
            at = sequence;
            java.time.Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // as the store keeps it
            EntryLimits limits = limits();
            for (JournalEntry entry : entries) {
                Recorded recorded;
                try {
                    if (current.entryForKey(entry.idempotencyKey()).isEmpty()) {
                        limits.check(entry); // a replay (or a conflict) is the ledger's to decide
                    }
                    recorded = current.post(entry);
                } catch (LedgerViolation violation) {
                    outcomes.add(new BatchOutcome(null, violation));
                    continue;
                }
                String id = recorded.entry().id();
                if (recorded.replayed()) {
                    Long first = written.containsKey(id) ? written.get(id) : sequenceById.get(id);
                    outcomes.add(new BatchOutcome(new PostedEntry(first, recorded.entry(), true), null));
                    continue;
                }
                at++;
                StoredEntry next = new StoredEntry(at, entry, now);
                stored.add(next);
                announced.add(events.create(EntryPosted.AGGREGATE, entry.id(), EntryPosted.of(at, entry, now)));
                written.put(id, at);
                outcomes.add(new BatchOutcome(new PostedEntry(at, entry, false, now), null));
            }
            if (stored.isEmpty()) {
                return Optional.of(outcomes);
            }
            try {
                journal.appendAll(stored, announced);
            } catch (DuplicateKeyException taken) {
                discard();
                conflicts.increment();
                log.debug("A sequence after {} was taken by another writer; deciding the batch again", sequence);
                return Optional.empty();
            } catch (RuntimeException failed) {
                discard();
                throw failed;
            }
            sequence = at;
            wroteThrough = at;
            sequenceById.putAll(written);
        } finally {
            lock.unlock();
        }
        return Optional.of(outcomes);
    }

    private static void backOff(int attempt) {
        long capMillis = Math.min(1L << Math.min(attempt, 5), 25L);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(capMillis + 1));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new LedgerContentionException("interrupted while waiting to retry a posting");
        }
    }

    /**
     * Closes the ledger through {@code to} under {@code periodId} and seals the period, or answers the closing
     * already written under that id. Correct without transactions: the closing is a record of the journal at the
     * next sequence, taken as an entry takes it, so a posting that races it either comes first (and is sealed) or
     * loses the sequence, reads again and is refused {@code period-closed}. The seal is computed from the entries
     * before that sequence as the in-memory ledger holds them (read from the store; verification recomputes it from
     * the stored documents), and the event {@code announce} builds is written in
     * the same insert.
     *
     * @param namedFrom the named period's first day (the first closing starts there, or at an earlier entry)
     * @throws LedgerViolation           {@code period-already-closed} when the ledger is already closed through
     *                                   {@code to} or later under another id
     * @throws LedgerContentionException when other writers took the next sequence {@code maxAttempts} times
     */
    public ClosedPeriod close(String periodId, LocalDate namedFrom, LocalDate to, String closedBy,
                              Function<ClosedPeriod, PendingEvent> announce) {
        Objects.requireNonNull(periodId, "periodId");
        Objects.requireNonNull(namedFrom, "namedFrom");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(closedBy, "closedBy");
        Objects.requireNonNull(announce, "announce");
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            Optional<ClosedPeriod> outcome = tryClose(periodId, namedFrom, to, closedBy, announce);
            if (outcome.isPresent()) {
                return outcome.get();
            }
            backOff(attempt);
        }
        throw new LedgerContentionException("period " + periodId + " was not closed: other writers took the next "
                + "sequence " + maxAttempts + " times running");
    }

    private Optional<ClosedPeriod> tryClose(String periodId, LocalDate namedFrom, LocalDate to, String closedBy,
                                            Function<ClosedPeriod, PendingEvent> announce) {
        lock.lock();
        try {
            Ledger current = catchUp();
            for (ClosedPeriod closed : closings) {
                if (closed.seal().periodId().equals(periodId)) {
                    return Optional.of(closed.asReplay());
                }
            }
            Optional<Seal> previous = closings.isEmpty() ? Optional.empty()
                    : Optional.of(closings.getLast().seal());
            long at = sequence + 1;
            current.checkCloseThrough(to); // period-already-closed when covered; nothing changed yet
            Seal seal = SealChain.seal(previous, periodId, namedFrom, to,
                    sealable(current, previous.map(Seal::to).orElse(null), to));
            ClosedPeriod closed = new ClosedPeriod(at, seal, clock.instant().truncatedTo(ChronoUnit.MILLIS),
                    closedBy, false); // the store keeps milliseconds
            try {
                journal.appendClosing(new StoredClosing(at, seal, closed.closedAt(), closedBy),
                        announce.apply(closed));
            } catch (DuplicateKeyException taken) {
                // the in-memory ledger is unchanged: the next attempt only reads what the other writer wrote
                conflicts.increment();
                log.debug("Sequence {} was taken by another writer while closing {}; reading again", at, periodId);
                return Optional.empty();
            }
            current.closeThrough(to);
            sequence = at;
            wroteThrough = at;
            closings.add(closed);
            return Optional.of(closed);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The entries a closing through {@code to} seals, in sequence order: those dated after {@code after} (any date
     * when {@code null}) and on or before {@code to}. Read from the in-memory ledger, which holds exactly the stored
     * entries up to the current sequence, so that a closing decides as fast as a posting and is not starved by
     * writers posting meanwhile; {@code GET /periods/verify} recomputes every seal from the stored documents.
     */
    private List<SealChain.Entry> sealable(Ledger current, LocalDate after, LocalDate to) {
        List<SealChain.Entry> sealed = new ArrayList<>();
        for (JournalEntry entry : current.entries()) {
            LocalDate date = entry.effectiveDate();
            if (!date.isAfter(to) && (after == null || date.isAfter(after))) {
                long at = sequenceById.get(entry.id());
                sealed.add(new SealChain.Entry(at, date, CanonicalEntry.of(at, entry)));
            }
        }
        return sealed;
    }

    /**
     * Every closing in the journal, in order: those the ledger replayed, once brought up to the journal's last
     * sequence (the store holds closings among the entries, which no index separates in the embedded store).
     */
    public List<ClosedPeriod> closings() {
        lock.lock();
        try {
            catchUp();
            return List.copyOf(closings);
        } finally {
            lock.unlock();
        }
    }

    /** The closing written under {@code periodId}, read from the store. */
    public Optional<ClosedPeriod> closing(String periodId) {
        return journal.closing(periodId).map(ClosedPeriod::of);
    }

    /** The last day of the last closed period, as the journal stands. */
    public Optional<LocalDate> closedThrough() {
        lock.lock();
        try {
            return catchUp().closedThrough();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Every account's balance. Served from the head when no entry follows it, otherwise from the journal (and the
     * head is then moved forward).
     */
    public Balances balances() {
        Optional<StoredHead> head = journal.head();
        if (head.isPresent() && !journal.has(head.get().sequence() + 1)) {
            headAt.accumulateAndGet(head.get().sequence(), Math::max);
            return fromHead(head.get());
        }
        Balances balances;
        long at;
        lock.lock();
        try {
            balances = catchUp().balances();
            at = sequence;
        } finally {
            lock.unlock();
        }
        if (at > 0) {
            advanceHead(at, balances);
        }
        return balances;
    }

    /**
     * Moves the head forward to this instance's sequence when this instance has written to the journal since the
     * head was last written (or read) here, in one conditional write and without reading the head: a background tick
     * ({@code cluster.finance.ledger.head-interval}, default 1 s) and on shutdown, never per posting.
     */
    @Scheduled(fixedDelayString = "${cluster.finance.ledger.head-interval:PT1S}",
            initialDelayString = "${cluster.finance.ledger.head-interval:PT1S}")
    public void flushHead() {
        Balances balances;
        long at;
        lock.lock();
        try {
            if (ledger == null || wroteThrough <= headAt.get()) {
                // nothing written here since: a reader of other instances' entries leaves the head to them
                return;
            }
            at = sequence;
            balances = ledger.balances();
        } finally {
            lock.unlock();
        }
        advanceHead(at, balances);
    }

    /** The entry at {@code sequence}, if there is one. */
    public Optional<LedgerEntry> entry(long sequence) {
        return journal.at(sequence).filter(StoredEntry.class::isInstance).map(StoredEntry.class::cast)
                .map(stored -> new LedgerEntry(stored.sequence(), stored.entry(), stored.postedAt()));
    }

    /** The journal from {@code fromSequence} (inclusive), in order, at most {@code limit} entries. */
    public List<LedgerEntry> entries(long fromSequence, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        return journal.after(Math.max(fromSequence, 1) - 1, limit).stream()
                .map(stored -> new LedgerEntry(stored.sequence(), stored.entry(), stored.postedAt())).toList();
    }

    /**
     * The in-memory ledger with every journal entry applied. Entries are applied only while their sequences run
     * on without a gap: a gap can only be a write in flight, whose sequence a writer then fails to take. The first
     * load reads the journal in one pass; after that, the next entries are looked up by sequence (a lookup by
     * {@code _id}), so keeping up costs the same however long the journal is.
     */
    /** Sequences read together when catching up with other writers. */
    static final int CATCH_UP_WINDOW = 64;

    private Ledger catchUp() {
        if (ledger == null) {
            ledger = Ledger.empty(chart);
            sequence = 0;
            sequenceById.clear();
            journal.forEachAfter(0, stored -> {
                if (stored.sequence() != sequence + 1) {
                    return false;
                }
                apply(stored);
                return true;
            });
            probe = false;
            return ledger;
        }
        // what others wrote since, a window of sequences per read: a closing (or a lagging instance) catches up with
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
            throw new IllegalStateException("journal entry " + stored.sequence() + " (" + stored.entry().id()
                    + ") is refused on replay: " + violation.getMessage(), violation);
        }
        if (recorded.replayed()) {
            discard();
            throw new IllegalStateException("journal entry " + stored.sequence() + " repeats idempotency key "
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
            throw new IllegalStateException("journal closing " + stored.sequence() + " (" + stored.seal().periodId()
                    + ") does not follow the previous one: " + violation.getMessage(), violation);
        }
        sequence = stored.sequence();
        closings.add(ClosedPeriod.of(stored));
    }

    private void discard() {
        ledger = null;
        sequence = 0;
        sequenceById.clear();
        closings.clear();
    }

    /** On shutdown: leaves the head at this instance's sequence, so that the next start reads balances from it. */
    @Override
    public void destroy() {
        try {
            flushHead();
        } catch (RuntimeException failed) {
            log.debug("Could not move the ledger head on shutdown; the journal is unaffected", failed);
        }
    }

    private void advanceHead(long at, Balances balances) {
        Map<String, Money> byCode = new LinkedHashMap<>();
        for (AccountBalance balance : balances.accounts()) {
            if (!balance.balance().isZero()) {
                byCode.put(balance.account().code(), balance.balance());
            }
        }
        try {
            if (!journal.advanceHead(at, byCode, balances.conversions())) {
                log.debug("Head not moved to {}: another writer moved it there or beyond", at);
            }
            headAt.accumulateAndGet(at, Math::max); // written, or already at least as far
        } catch (RuntimeException failed) {
            log.warn("Could not move the ledger head to sequence {}; the journal is unaffected", at, failed);
        }
    }

    private Balances fromHead(StoredHead head) {
        ChartOfAccounts opened = chart;
        for (String code : head.balances().keySet()) {
            opened = opened.withOpened(code);
        }
        Map<String, AccountBalance> byCode = new LinkedHashMap<>();
        for (var account : opened.accounts()) {
            Money balance = head.balances().getOrDefault(account.code(), Money.zero(account.currency()));
            byCode.put(account.code(), new AccountBalance(account, balance));
        }
        return new Balances(byCode, head.conversions());
    }
}
