package coop.cluster.finance.ledger;

import coop.cluster.finance.ConflictRetry;
import coop.cluster.finance.ledger.domain.Balances;
import coop.cluster.finance.ledger.domain.ChartOfAccounts;
import coop.cluster.finance.ledger.domain.EntryLimits;
import coop.cluster.finance.ledger.domain.JournalEntry;
import coop.cluster.finance.ledger.domain.Ledger;
import coop.cluster.finance.ledger.domain.LedgerViolation;
import coop.cluster.finance.ledger.domain.Recorded;
import coop.cluster.finance.ledger.events.EntryPosted;
import coop.cluster.finance.ledger.persistence.LedgerJournal;
import coop.cluster.finance.ledger.persistence.StoredEntry;
import coop.cluster.plumbing.events.EventFactory;
import coop.cluster.plumbing.events.PendingEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The cluster's ledger over MongoDB, correct without transactions: the journal ({@link
 * LedgerJournal}) is the truth, and taking sequence n+1 (a unique {@code _id}) is what serialises
 * posting across instances. This comment is the whole concurrency argument; the classes it names
 * each hold one part of the mechanism.
 *
 * <p><b>Who writes the journal.</b> Only this class and {@link LedgerClosings} (a period's
 * closing), each through {@link LedgerJournal}'s inserts, and only ever at the sequence after the
 * last one they applied: a posting at n+1, a batch at n+1..n+k in one ordered {@code insertMany}, a
 * closing at n+1. Nothing is ever updated or deleted in the journal but the events its documents
 * carry, which the outbox relay removes once published.
 *
 * <p><b>How a sequence is claimed.</b> Each instance keeps the journal up to some sequence n in
 * memory ({@link LedgerReplica}: the in-memory {@link Ledger}, the sequence of each entry, the
 * closings). To post: let that {@link Ledger} decide (replay, {@code idempotency-conflict}, any
 * other {@link LedgerViolation}: nothing is written), without changing it ({@code Ledger.prepare});
 * insert the entry at n+1; once stored, apply what was decided. A posting costs the store one
 * insert: nothing is read before it and nothing else is written after it. Three facts of the store
 * make the insert the check:
 *
 * <ol>
 *   <li>The journal has no gaps: a writer only ever writes n+1 after applying n (a batch's ordered
 *       insert stops at its first failure), so whenever sequence k is stored, so are 1..k-1.
 *   <li>The journal is never rewritten: what this instance has applied up to n is exactly the
 *       journal's 1..n.
 *   <li>{@code _id} is unique: the insert at n+1 succeeds only if nobody stored n+1 before it.
 * </ol>
 *
 * So when the insert at n+1 succeeds, the journal held exactly 1..n at that instant (by 1, nothing
 * beyond n either), and that is what the decision was made on: the posting is linearised at its
 * insert, however old the in-memory view was. The unique indexes on the entry id and the
 * idempotency key are a second guard of the same kind.
 *
 * <p><b>A conflicting write from another instance.</b> When the insert at n+1 fails with a
 * duplicate key, another writer got there first. Nothing of this attempt was stored and the
 * in-memory ledger is as it was; the instance marks its replica behind, backs off ({@link
 * ConflictRetry}: a random pause of a few milliseconds, at most {@value #DEFAULT_MAX_ATTEMPTS}
 * attempts, then {@link LedgerContentionException}, which writes nothing and may be retried under
 * the same key), reads the records after n (the probe: the next sequences by id, window after
 * window) and decides again. The probe before deciding is thus only an optimisation for a view
 * known to be behind: a posting makes it only after such a lost race (or a failed write) and before
 * the first posting of the instance, which loads the journal. A write that fails otherwise also
 * marks the replica behind: had it been stored after all, the probe reads it like another writer's.
 *
 * <p>That argument covers what is written, not what is refused: a refusal writes nothing, so no
 * insert checks it. A refusal ({@code account-would-go-negative} because another instance's funding
 * is not applied yet, {@code period-closed}, a limit on an entry another instance already
 * accepted...) decided on an unprobed view is therefore never answered as such: the instance probes
 * and decides again, and the refusal answered is one that holds against the journal as it was at
 * that probe. A replay needs no probe: the first posting under the key is in the journal, which is
 * never rewritten. A batch ({@link #postAll}) probes once before deciding, because its entries are
 * applied in memory as they are decided and a lost race then discards the replica (a reload); a
 * closing and every read ({@link #chart}, {@link #closedThrough}, {@link #balances}, {@link
 * LedgerClosings#closings}) probe too, so that they see every write that completed before they
 * began.
 *
 * <p>A period's closing ({@link LedgerClosings#close}) is a record of the same journal at the next
 * sequence, claimed the same way, so closing serialises with posting: a posting that loses the
 * sequence to a closing reads on, replays it, and is refused {@code period-closed} if it is dated
 * in the closed period; one that decided before the closing was stored finds n+1 taken. Replaying
 * the journal replays closings too.
 *
 * <p><b>Why no transaction is needed.</b> Every write is one insert (or one ordered {@code
 * insertMany}, whose stored prefix is itself a valid journal), and single-document atomicity is all
 * it relies on: the entry and its {@link EntryPosted} event are one document (the outbox), so the
 * event is published exactly when the entry is stored, and a replay, a refusal or a lost race
 * publishes nothing. Nothing else has to change with it: the balances are derived from the journal,
 * in memory, and the head ({@link LedgerHead}) is a cache that may lag it.
 *
 * <p><b>Within an instance.</b> The replica's lock serialises this instance's callers. Concurrent
 * single postings are written by group commit ({@link #post}): while one is being written the
 * others wait, then whichever of them finds the combiner free posts them all as one batch ({@link
 * #postAll}: decided in arrival order, each on the ones before it, one ordered insert, one probe),
 * and each caller gets its own outcome, as if it had posted alone after the ones before it. A
 * posting with no other waiting is posted alone, without a probe.
 *
 * <p>The head ({@value LedgerJournal#HEADS}) caches the balances after some sequence for {@link
 * #balances()}: moved forward by a background tick ({@link #flushHead}) when this instance has
 * written since, by a read that found it behind, and on shutdown, each time by one conditional
 * write that never moves it back; never per posting. A head behind the journal is only slower: it
 * is served only when no record follows it.
 */
@Service
public class Bookkeeping implements DisposableBean {

    public static final String ENTRIES_METRIC = "cluster.finance.ledger.entries";
    public static final String POST_METRIC = "cluster.finance.ledger.post";
    public static final String CONFLICTS_METRIC = "cluster.finance.ledger.sequence.conflicts";
    static final int DEFAULT_MAX_ATTEMPTS = 50;

    /** Postings written together at most. */
    static final int GROUP_MAX = 500;

    /**
     * How often a posting waiting for another thread's group looks whether it should lead the next
     * one.
     */
    private static final long COMBINE_POLL_MILLIS = 2;

    private static final Logger log = LoggerFactory.getLogger(Bookkeeping.class);

    private final LedgerJournal journal;
    private final EventFactory events;
    private final ChartOfAccounts chart;
    private final Clock clock;
    private final LedgerSettings settings;
    private final LedgerReplica replica;
    private final LedgerHead head;
    private final ConflictRetry retry;
    private final Counter posted;
    private final Counter replayed;
    private final Counter refused;
    private final Timer postTimer;
    private final Counter conflicts;

    /** Postings waiting to be written, and who writes them ({@link #post}: group commit). */
    private final ConcurrentLinkedQueue<Waiting> waiting = new ConcurrentLinkedQueue<>();

    private final ReentrantLock combiner = new ReentrantLock();

    public Bookkeeping(LedgerJournal journal, EventFactory events, MeterRegistry meters) {
        this(journal, events, meters, Clock.systemUTC(), LedgerSettings.DEFAULTS);
    }

    @Autowired
    public Bookkeeping(
            LedgerJournal journal,
            EventFactory events,
            MeterRegistry meters,
            Clock clock,
            LedgerSettings settings) {
        this(
                journal,
                events,
                meters,
                ChartOfAccounts.standard(Currency.getInstance("EUR")),
                DEFAULT_MAX_ATTEMPTS,
                clock,
                settings);
    }

    public Bookkeeping(
            LedgerJournal journal,
            EventFactory events,
            MeterRegistry meters,
            ChartOfAccounts chart,
            int maxAttempts,
            Clock clock) {
        this(journal, events, meters, chart, maxAttempts, clock, LedgerSettings.DEFAULTS);
    }

    public Bookkeeping(
            LedgerJournal journal,
            EventFactory events,
            MeterRegistry meters,
            ChartOfAccounts chart,
            int maxAttempts,
            Clock clock,
            LedgerSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.events = Objects.requireNonNull(events, "events");
        this.chart = Objects.requireNonNull(chart, "chart");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retry = new ConflictRetry(maxAttempts);
        this.replica = new LedgerReplica(journal, chart);
        this.head = new LedgerHead(journal, chart);
        this.posted = outcome(meters, "posted");
        this.replayed = outcome(meters, "replayed");
        this.refused = outcome(meters, "refused");
        this.postTimer =
                Timer.builder(POST_METRIC)
                        .description("Posting a journal entry, retries included")
                        .register(meters);
        this.conflicts =
                Counter.builder(CONFLICTS_METRIC)
                        .description(
                                "Attempts that found the next sequence taken by another writer and"
                                        + " read again")
                        .register(meters);
    }

    private static Counter outcome(MeterRegistry meters, String outcome) {
        return Counter.builder(ENTRIES_METRIC)
                .description("Journal entries offered to the ledger, by outcome")
                .tag("outcome", outcome)
                .register(meters);
    }

    /** The chart as it stands: the standard accounts and every sub-account an entry has opened. */
    public ChartOfAccounts chart() {
        return replica.locked(() -> replica.caughtUp().chart());
    }

    /**
     * The limits a new entry must keep today ({@link LedgerSettings}): its date within the window,
     * no amount above the maximum. Entries already in the journal are never checked again.
     */
    public EntryLimits limits() {
        return settings.limits(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    }

    /**
     * Posts an entry, or refuses it with a {@link LedgerViolation} having written nothing: the
     * ledger's rules, and {@link #limits()} for an entry that is not the replay of one already
     * posted.
     *
     * @throws LedgerContentionException when other writers took the next sequence {@code
     *     maxAttempts} times running; nothing was written and the same call may be retried
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
                    throw new LedgerContentionException(
                            "interrupted while waiting for entry "
                                    + entry.id()
                                    + " to be posted; posting it again under its key answers what"
                                    + " became of it");
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
     * Group commit: the postings that arrived while one was being written go together, decided in
     * arrival order as {@link #postAll} decides a batch, and written in one ordered insert. A
     * posting alone is posted alone ({@link #postAlone}). Called by one thread at a time, whichever
     * posting thread finds the combiner free.
     */
    private void postWaiting() {
        List<Waiting> group = new ArrayList<>();
        for (Waiting next = waiting.poll();
                next != null;
                next = group.size() < GROUP_MAX ? waiting.poll() : null) {
            group.add(next);
        }
        if (group.isEmpty()) {
            return;
        }
        try {
            if (group.size() == 1) {
                JournalEntry entry = group.getFirst().entry();
                group.getFirst().answer().complete(postTimer.record(() -> postAlone(entry)));
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
    private record Waiting(JournalEntry entry, CompletableFuture<PostedEntry> answer) {}

    private PostedEntry postAlone(JournalEntry entry) {
        PostedEntry outcome =
                retry.run(
                        () -> tryPost(entry),
                        () ->
                                new LedgerContentionException(
                                        "entry "
                                                + entry.id()
                                                + " (key "
                                                + entry.idempotencyKey()
                                                + ") was not posted: other writers took the next"
                                                + " sequence "
                                                + retry.maxAttempts()
                                                + " times running"),
                        Bookkeeping::interrupted);
        (outcome.replayed() ? replayed : posted).increment();
        return outcome;
    }

    /**
     * One attempt; empty when another writer took the sequence first. Decides on the in-memory
     * ledger as it stands unless it is known to be behind (see the class comment: the insert at n+1
     * is the check), and confirms a refusal made without a probe against the journal as it is now.
     */
    private Optional<PostedEntry> tryPost(JournalEntry entry) {
        return replica.locked(
                () -> {
                    boolean probed = replica.behind();
                    Ledger current = probed ? replica.caughtUp() : replica.ledger();
                    while (true) {
                        Ledger.Prepared prepared;
                        try {
                            prepared = current.prepare(entry); // decided, nothing changed yet
                            if (prepared.replay() == null) {
                                limits().check(entry); // a replay (or a conflict) is the ledger's
                                // to decide
                            }
                        } catch (LedgerViolation violation) {
                            if (!probed) {
                                // a refusal must hold against the journal as it is now, not as this
                                // instance last wrote it
                                current = replica.caughtUp();
                                probed = true;
                                continue;
                            }
                            refused.increment();
                            throw violation;
                        }
                        if (prepared.replay() != null) {
                            // right whatever the view's age: the first posting is in the journal,
                            // which is never rewritten
                            Recorded first = prepared.replay();
                            return Optional.of(
                                    new PostedEntry(
                                            replica.sequenceOf(first.entry().id()),
                                            first.entry(),
                                            true));
                        }
                        long at = replica.sequence() + 1;
                        StoredEntry stored = new StoredEntry(at, entry, now());
                        try {
                            PendingEvent announced =
                                    events.create(
                                            EntryPosted.AGGREGATE,
                                            entry.id(),
                                            EntryPosted.of(at, entry, stored.postedAt()));
                            journal.append(
                                    stored, announced); // the entry and its event in one insert
                        } catch (DuplicateKeyException taken) {
                            // the in-memory ledger is unchanged: only what the other writers wrote
                            // is left to read
                            // (backing off as after any lost race, not retrying at once: writers
                            // racing for the next
                            // sequences must leave a closing, which reads before it writes, its
                            // chance)
                            conflicts.increment();
                            log.debug(
                                    "Sequence {} was taken by another writer; reading the journal"
                                            + " again",
                                    at);
                            replica.markBehind();
                            return Optional.empty();
                        } catch (RuntimeException failed) {
                            // unchanged in memory too: had the insert been stored after all, a
                            // probe reads it like another
                            // writer's
                            replica.markBehind();
                            throw failed;
                        }
                        current.apply(prepared);
                        replica.appended(at, entry.id());
                        return Optional.of(new PostedEntry(at, entry, false, stored.postedAt()));
                    }
                });
    }

    /**
     * The outcome of one entry of a batch: {@code posted} (accepted, or a replay) or {@code
     * refused}, never both.
     */
    public record BatchOutcome(PostedEntry posted, LedgerViolation refused) {

        public BatchOutcome {
            if ((posted == null) == (refused == null)) {
                throw new IllegalArgumentException(
                        "an entry of a batch is either posted or refused");
            }
        }
    }

    /**
     * Posts entries in order, each decided on its own as {@link #post} would (a refused entry
     * changes nothing and does not stop the others; a later entry sees the earlier ones), and
     * writes the accepted ones together in one ordered insert of consecutive sequences. When
     * another writer takes one of those sequences first, the stored prefix stays and the whole
     * batch is decided again: its stored entries are then replays.
     *
     * @return one outcome per entry, in the same order
     * @throws LedgerContentionException as {@link #post}; entries already stored stay, and the same
     *     call may be retried
     */
    public List<BatchOutcome> postAll(List<JournalEntry> entries) {
        Objects.requireNonNull(entries, "entries");
        return postTimer.record(
                () -> {
                    List<BatchOutcome> outcomes =
                            retry.run(
                                    () -> tryPostAll(entries),
                                    () ->
                                            new LedgerContentionException(
                                                    "a batch of "
                                                            + entries.size()
                                                            + " entries was not posted whole: other"
                                                            + " writers took the next sequences "
                                                            + retry.maxAttempts()
                                                            + " times running"),
                                    Bookkeeping::interrupted);
                    for (BatchOutcome outcome : outcomes) {
                        (outcome.refused() != null
                                        ? refused
                                        : outcome.posted().replayed() ? replayed : posted)
                                .increment();
                    }
                    return outcomes;
                });
    }

    /** One attempt at a batch; empty when another writer took one of its sequences first. */
    private Optional<List<BatchOutcome>> tryPostAll(List<JournalEntry> entries) {
        return replica.locked(
                () -> {
                    List<BatchOutcome> outcomes = new ArrayList<>(entries.size());
                    Ledger current =
                            replica.caughtUp(); // one probe per batch: a batch lost to a race is
                    // decided again
                    Map<String, Long> written = new HashMap<>();
                    List<StoredEntry> stored = new ArrayList<>();
                    List<PendingEvent> announced = new ArrayList<>();
                    long from = replica.sequence();
                    long at = from;
                    Instant now = now();
                    EntryLimits limits = limits();
                    for (JournalEntry entry : entries) {
                        Recorded recorded;
                        try {
                            if (current.entryForKey(entry.idempotencyKey()).isEmpty()) {
                                limits.check(entry); // a replay (or a conflict) is the ledger's to
                                // decide
                            }
                            recorded = current.post(entry);
                        } catch (LedgerViolation violation) {
                            outcomes.add(new BatchOutcome(null, violation));
                            continue;
                        }
                        String id = recorded.entry().id();
                        if (recorded.replayed()) {
                            long first =
                                    written.containsKey(id)
                                            ? written.get(id)
                                            : replica.sequenceOf(id);
                            outcomes.add(
                                    new BatchOutcome(
                                            new PostedEntry(first, recorded.entry(), true), null));
                            continue;
                        }
                        at++;
                        stored.add(new StoredEntry(at, entry, now));
                        announced.add(
                                events.create(
                                        EntryPosted.AGGREGATE,
                                        entry.id(),
                                        EntryPosted.of(at, entry, now)));
                        written.put(id, at);
                        outcomes.add(
                                new BatchOutcome(new PostedEntry(at, entry, false, now), null));
                    }
                    if (stored.isEmpty()) {
                        return Optional.of(outcomes);
                    }
                    try {
                        journal.appendAll(stored, announced);
                    } catch (DuplicateKeyException taken) {
                        replica.discard(); // its entries were applied as they were decided
                        conflicts.increment();
                        log.debug(
                                "A sequence after {} was taken by another writer; deciding the"
                                        + " batch again",
                                from);
                        return Optional.empty();
                    } catch (RuntimeException failed) {
                        replica.discard();
                        throw failed;
                    }
                    replica.appendedAll(at, written);
                    return Optional.of(outcomes);
                });
    }

    /** The last day of the last closed period, as the journal stands. */
    public Optional<LocalDate> closedThrough() {
        return replica.locked(() -> replica.caughtUp().closedThrough());
    }

    /**
     * Every account's balance. Served from the head when no entry follows it, otherwise from the
     * journal (and the head is then moved forward).
     */
    public Balances balances() {
        Optional<Balances> cached = head.ifCurrent();
        if (cached.isPresent()) {
            return cached.get();
        }
        Snapshot now =
                replica.locked(
                        () -> new Snapshot(replica.caughtUp().balances(), replica.sequence()));
        if (now.sequence() > 0) {
            head.advance(now.sequence(), now.balances());
        }
        return now.balances();
    }

    /** The balances after {@code sequence}. */
    private record Snapshot(Balances balances, long sequence) {}

    /**
     * Moves the head forward to this instance's sequence when this instance has written to the
     * journal since the head was last written (or read) here, in one conditional write and without
     * reading the head: a background tick ({@code cluster.finance.ledger.head-interval}, default 1
     * s) and on shutdown, never per posting.
     */
    @Scheduled(
            fixedDelayString = "${cluster.finance.ledger.head-interval:PT1S}",
            initialDelayString = "${cluster.finance.ledger.head-interval:PT1S}")
    public void flushHead() {
        Snapshot written =
                replica.locked(
                        () -> {
                            if (replica.ledger() == null || !head.behind(replica.wroteThrough())) {
                                // nothing written here since: a reader of other instances' entries
                                // leaves the head to them
                                return null;
                            }
                            return new Snapshot(replica.ledger().balances(), replica.sequence());
                        });
        if (written != null) {
            head.advance(written.sequence(), written.balances());
        }
    }

    /** The entry at {@code sequence}, if there is one. */
    public Optional<LedgerEntry> entry(long sequence) {
        return journal.at(sequence)
                .filter(StoredEntry.class::isInstance)
                .map(StoredEntry.class::cast)
                .map(
                        stored ->
                                new LedgerEntry(
                                        stored.sequence(), stored.entry(), stored.postedAt()));
    }

    /**
     * The journal from {@code fromSequence} (inclusive), in order, at most {@code limit} entries.
     */
    public List<LedgerEntry> entries(long fromSequence, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        return journal.after(Math.max(fromSequence, 1) - 1, limit).stream()
                .map(
                        stored ->
                                new LedgerEntry(
                                        stored.sequence(), stored.entry(), stored.postedAt()))
                .toList();
    }

    /**
     * On shutdown: leaves the head at this instance's sequence, so that the next start reads
     * balances from it.
     */
    @Override
    public void destroy() {
        try {
            flushHead();
        } catch (RuntimeException failed) {
            log.debug(
                    "Could not move the ledger head on shutdown; the journal is unaffected",
                    failed);
        }
    }

    /** Now, to the millisecond, as the store keeps it. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static LedgerContentionException interrupted() {
        return new LedgerContentionException("interrupted while waiting to retry a posting");
    }

    // what LedgerClosings shares with this instance: the same replica, journal, clock, retries and
    // conflict count

    LedgerReplica replica() {
        return replica;
    }

    LedgerJournal journal() {
        return journal;
    }

    Clock clock() {
        return clock;
    }

    ConflictRetry retry() {
        return retry;
    }

    Counter conflicts() {
        return conflicts;
    }
}
