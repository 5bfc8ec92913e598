package coop.cluster.infra.store;

import coop.cluster.infra.store.StoreOptions.Durability;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits the H2 file before the store answers, grouping the requests that arrive together into one
 * commit.
 *
 * <h2>Why answers wait</h2>
 *
 * mongo-java-server applies a request to the MVStore's maps in memory and answers at once; the maps
 * reach the file only at the next commit. With H2's own 200 ms auto-commit, a client could get its
 * answer (and the platform its 201) for a write that a kill -9 of the store then lost. So an answer
 * that reflects changes not yet in the file waits until a commit that began after the request was
 * processed has completed ({@link Durability#FSYNC}: and the file was flushed to the disk). That
 * holds for every answer, reads included: a client that read a change (the outbox relay reading an
 * event to publish, say) must never see it vanish in a crash.
 *
 * <h2>How</h2>
 *
 * Requests that may change data are processed under the read lock of {@link #lock} ({@link
 * #process}); a commit takes the write lock, so it starts between them, never in the middle of one:
 * each request's changes to its collection's maps (the documents, the indexes, the size counter)
 * reach the file together or not at all. Reads do not take it: a scan of a large collection would
 * hold every commit, and so every write, up for seconds. (Nor does a commit wait more than {@value
 * #COMMIT_LOCK_WAIT_MS} ms for it, see {@link #commit}.) Whether an answer must wait, and for which
 * group, needs no lock ({@link #groupFor}). An answer that must wait joins {@link #next}, the group
 * that the next commit will make durable; the committer thread swaps it for a fresh group, commits,
 * flushes, then releases the group's answers ({@link Group#whenDurable}). The answers are held in
 * the Netty pipeline ({@code DurableReplies}), never by blocking an event loop, and every request
 * that arrived while a commit ran shares the next one: one commit and one fsync per group, whatever
 * the number of clients.
 *
 * <p>An answer that reflects nothing unsaved (the store has no unsaved changes and no commit is
 * being flushed) leaves at once: an idle store answers reads without waiting.
 *
 * <p>If a commit or the flush fails, the waiting answers are never sent: their connections are
 * closed, the clients see a network error, not a success, and the store stops ({@code onFailure}):
 * its file holds the last good commit.
 *
 * <p>Besides, this thread commits whatever is left unsaved at least once a second (writes the
 * client asked no answer for) and runs {@link StoreMaintenance} between commits.
 */
final class GroupCommit implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    /**
     * How long a commit waits for the requests changing data to finish before it goes ahead without
     * them.
     */
    private static final long COMMIT_LOCK_WAIT_MS = 20;

    /** The longest that changes nobody waits for stay unsaved; and the housekeeping's pace. */
    private static final long IDLE_COMMIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final MVStore store;
    private final FileWrites file;
    private final Durability durability;
    private final long legacyDelayNanos;
    private final StoreMaintenance maintenance;
    private final Runnable onFailure;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    /**
     * The group that the next commit makes durable; swapped by the committer thread before it
     * commits.
     */
    private final AtomicReference<Group> next = new AtomicReference<>(new Group());

    /** The group whose commit is being written or flushed; null when none. */
    private volatile Group inFlight;

    private volatile Throwable failure;

    /** Set by {@link #fail} only (the committer thread). */
    private boolean failed;

    private volatile boolean closing;
    private volatile boolean refusing;

    private final ReentrantLock wakeLock = new ReentrantLock();
    private final Condition wake = wakeLock.newCondition();
    private final Thread committer;

    private long commits;
    private long flushes;

    /** --durability commit: the last flushed version, pinned (see flushNow). */
    private MVStore.TxCounter flushedVersionPin;

    /**
     * @param onFailure called once, from the committer thread, after a failed commit or flush (the
     *     store then stops)
     */
    GroupCommit(
            MVStore store,
            Durability durability,
            int legacyDelayMs,
            StoreMaintenance maintenance,
            Runnable onFailure) {
        this(
                store,
                new FileWrites() {
                    @Override
                    public long commit() {
                        return store.commit();
                    }

                    @Override
                    public void sync() {
                        store.sync();
                    }
                },
                durability,
                legacyDelayMs,
                maintenance,
                onFailure);
    }

    /** The two ways the committer writes the file; tests make them fail. */
    interface FileWrites {
        /** {@link MVStore#commit}: the new version, or -1 if there was nothing to write. */
        long commit();

        /** {@link MVStore#sync}. */
        void sync();
    }

    GroupCommit(
            MVStore store,
            FileWrites file,
            Durability durability,
            int legacyDelayMs,
            StoreMaintenance maintenance,
            Runnable onFailure) {
        this.store = store;
        this.file = file;
        this.durability = durability;
        this.legacyDelayNanos = TimeUnit.MILLISECONDS.toNanos(legacyDelayMs);
        this.maintenance = maintenance;
        this.onFailure = onFailure;
        // H2 keeps a dead chunk's space unused for 45 s after the chunk was written, in case the
        // disk has not yet
        // written what replaced it. Here every commit is flushed before the next one can reuse
        // space (fsync), or
        // the space of chunks that died since the last flush is kept (commit, see run()); and
        // queries pin the
        // version they read (StoreServer). With a commit per group, 45 s of chunks made the file
        // grow by GBs.
        if (durability != Durability.NONE) {
            store.setRetentionTime(0);
        }
        if (durability == Durability.COMMIT) {
            flushedVersionPin =
                    store.registerVersionUsage(); // the version opened, on the disk already
        }
        this.committer = new Thread(this::run, "store-committer");
        committer.setDaemon(true);
        committer.start();
    }

    /**
     * Processes a request (and takes its answer's place in a group, see {@link #groupFor}) between
     * commits. The read lock is shared: requests run concurrently with each other, only not during
     * a commit. False, and the request is not processed, once the store is stopping ({@link
     * #refuseRequests}).
     */
    boolean process(Runnable request) {
        lock.readLock().lock();
        try {
            if (refusing) {
                return false;
            }
            request.run();
            return true;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * From now on {@link #process} processes nothing. Returns once no request is being processed:
     * every change made is then in the maps, and the last commit ({@link #close}) takes them all.
     */
    void refuseRequests() {
        boolean locked = false;
        try {
            // a write queued behind a long query on its collection must not hold the stop up past
            // the launcher's grace
            locked = lock.writeLock().tryLock(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        refusing = true;
        if (locked) {
            lock.writeLock().unlock();
        } else {
            log.warn(
                    "a request changing data was still running after 5 s; stopping without waiting"
                            + " for it");
        }
    }

    /**
     * The group whose commit an answer must wait for, or null if it may leave now; called when the
     * answer is written, after its request was processed. No lock is needed:
     *
     * <ul>
     *   <li>A commit marks itself in flight before it collects the maps' changes, and stays so
     *       until it is flushed. So if there are no unsaved changes, and then no commit in flight,
     *       every change the answer can reflect is in a completed (flushed) commit: it leaves now.
     *       (In that order: the other way round, a commit could start and collect the changes
     *       between the two looks.)
     *   <li>Otherwise it joins the group that is {@link #next} at that moment. A commit swaps its
     *       group out before it collects the maps' changes, so the commit of the group joined
     *       collects them after the request was processed, and includes its changes.
     * </ul>
     */
    Group groupFor() {
        if (failure != null) {
            return Group.FAILED;
        }
        if (durability == Durability.NONE) {
            return null;
        }
        if (!store.hasUnsavedChanges() && inFlight == null) {
            return null;
        }
        Group group = next.get();
        if (group.join()) {
            signal();
        }
        return group;
    }

    private void signal() {
        wakeLock.lock();
        try {
            wake.signal();
        } finally {
            wakeLock.unlock();
        }
    }

    private void run() {
        long lastCommit = System.nanoTime();
        long lastFlush = lastCommit;
        boolean unflushed = false;
        boolean rewrote = false;
        while (!failed) {
            try {
                if (!rewrote) {
                    awaitWork(lastCommit);
                }
                boolean stop = closing;
                long now = System.nanoTime();
                long every = durability == Durability.NONE ? legacyDelayNanos : IDLE_COMMIT_NANOS;
                if (next.get().hasWaiters() || rewrote || stop || now - lastCommit >= every) {
                    boolean flush = durability == Durability.FSYNC || stop;
                    boolean wrote = commit(flush);
                    lastCommit = System.nanoTime();
                    unflushed = !flush && (unflushed || wrote);
                    if (stop) {
                        if (flushedVersionPin != null) {
                            store.deregisterVersionUsage(flushedVersionPin);
                        }
                        return;
                    }
                }
                if (unflushed && now - lastFlush >= IDLE_COMMIT_NANOS) {
                    flushNow();
                    unflushed = false;
                    lastFlush = now;
                }
                // housekeeping only while no answer waits; its rewritten pages are committed at
                // once
                rewrote = maintenance != null && !next.get().hasWaiters() && maintenance.step();
            } catch (Throwable e) {
                fail(e);
            }
        }
    }

    /**
     * --durability commit (and none): what the OS holds reaches the disk within about a second. The
     * version flushed stays pinned until the next flush, so that H2 reuses no chunk that it still
     * needs: after a power cut the file holds that version at least, and none of its chunks was
     * written over by a later, unflushed commit.
     */
    private void flushNow() {
        MVStore.TxCounter pin =
                durability == Durability.COMMIT ? store.registerVersionUsage() : null;
        file.sync();
        flushes++;
        if (flushedVersionPin != null) {
            store.deregisterVersionUsage(flushedVersionPin);
        }
        flushedVersionPin = pin;
    }

    private void awaitWork(long lastCommit) throws InterruptedException {
        wakeLock.lock();
        try {
            long pause =
                    (durability == Durability.NONE ? legacyDelayNanos : IDLE_COMMIT_NANOS)
                            - (System.nanoTime() - lastCommit);
            if (!next.get().hasWaiters() && !closing && pause > 0) {
                wake.awaitNanos(pause);
            }
        } finally {
            wakeLock.unlock();
        }
    }

    /**
     * One commit: the group that was filling is swapped for a new one and its answers released once
     * the file holds (and, with {@code flush}, the disk has) everything that was processed before.
     * True if anything was written.
     */
    private boolean commit(boolean flush) {
        long version;
        // Normally a commit starts between the requests that change data (see the class comment). A
        // request may
        // be held up inside the read lock, though, waiting for its collection behind a long query
        // on it: then,
        // rather than hold every commit (and so every write) up for as long, the commit goes ahead
        // without the
        // lock; answers stay correct either way (see groupFor), only such a request's changes might
        // be split
        // between two commits.
        boolean locked = tryWriteLock();
        Group group = next.getAndSet(new Group());
        try {
            // in flight before the maps' changes are collected: see groupFor
            inFlight = group;
            // -1 when there was nothing to write
            version = file.commit();
        } catch (Throwable e) {
            failure = e; // before inFlight is cleared: no answer may leave on what this commit did
            // not write
            inFlight = null;
            group.fail();
            throw e;
        } finally {
            if (locked) {
                lock.writeLock().unlock();
            }
        }
        try {
            if (flush && version >= 0) {
                file.sync();
                flushes++;
            }
        } catch (Throwable e) {
            failure = e;
            group.fail();
            throw e;
        } finally {
            inFlight = null;
        }
        if (version >= 0) {
            commits++;
        }
        group.complete();
        return version >= 0;
    }

    private boolean tryWriteLock() {
        try {
            return lock.writeLock().tryLock(COMMIT_LOCK_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void fail(Throwable e) {
        if (failed) {
            return;
        }
        failed = true;
        failure = e;
        log.error(
                "the store could not write its file; answers that were waiting are dropped, the"
                        + " store stops",
                e);
        System.err.println(
                "MONGO STORE WRITE FAILED: "
                        + e
                        + " — the waiting clients' connections are closed and"
                        + " the store stops; its file keeps the last complete commit");
        next.getAndSet(Group.FAILED).fail();
        onFailure.run();
    }

    boolean failed() {
        return failure != null;
    }

    /** Commits made and flushes done (for the store's log at close). */
    String counts() {
        return commits + " commits, " + flushes + " flushes";
    }

    /**
     * Runs the last commit (flushed, whatever the durability), releases its answers and ends the
     * committer thread. Call {@link #refuseRequests} first, so that nothing changes after that
     * commit.
     */
    @Override
    public void close() {
        closing = true;
        signal();
        try {
            committer.join(TimeUnit.SECONDS.toMillis(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The answers waiting for one commit. {@link #whenDurable} callbacks run on the committer
     * thread once the commit is durable, or with {@code false} if it failed.
     */
    static final class Group {

        static final Group FAILED = new Group();

        static {
            FAILED.fail();
        }

        /** 0 filling, 1 durable, -1 failed. */
        private volatile int state;

        private final Queue<Callback> callbacks = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean joined = new AtomicBoolean();

        interface Callback {
            void done(boolean durable);
        }

        /** True for the first answer to join (the one that wakes the committer). */
        private boolean join() {
            return joined.compareAndSet(false, true);
        }

        private boolean hasWaiters() {
            return joined.get();
        }

        boolean isDone() {
            return state != 0;
        }

        boolean isDurable() {
            return state > 0;
        }

        /** Runs {@code callback} once the group is done (at once if it is). */
        void whenDurable(Callback callback) {
            callbacks.add(callback);
            if (state != 0) {
                drain();
            }
        }

        private void complete() {
            state = 1;
            drain();
        }

        private void fail() {
            state = -1;
            drain();
        }

        private void drain() {
            Callback c;
            while ((c = callbacks.poll()) != null) {
                c.done(state > 0);
            }
        }
    }
}
