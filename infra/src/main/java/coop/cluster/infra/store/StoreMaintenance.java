package coop.cluster.infra.store;

import java.util.concurrent.TimeUnit;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;

/**
 * The store file's housekeeping, run by the committer thread between commits ({@link GroupCommit}):
 * it rewrites the live pages of the chunks that are mostly dead, so that those chunks die and their
 * space is used again for new chunks. The file stops growing once its free space covers the chunks
 * written in H2's retention time (45 s); it does not shrink, except when its end is free.
 *
 * <p><b>No chunk moving.</b> H2's own background thread (its auto-commit) also "compacts" the file
 * by moving whole chunks towards its start ({@code RandomAccessStore.compactMoveChunks}, which
 * {@code compactFile} and {@code close(n > 0)} use as well). That code overwrites chunks in place
 * and rewrites the store header in between, and it has known bugs in H2 2.3 and 2.4 (h2database
 * issues #4123, an AssertionError in {@code moveChunkInside} with lost data, and #4382/#4383,
 * "Chunk N not found" on the next open): the store's file was found corrupt that way after a normal
 * stop. The store never runs H2's background thread (its auto-commit is off, see {@link StoreFile})
 * and never calls those methods. Rewriting chunks ({@link MVStore#compact}, i.e. {@code
 * FileStore.rewriteChunks}) only writes the live pages anew, as any change would, into new chunks:
 * the usual copy-on-write path that every commit takes.
 */
final class StoreMaintenance {

    /** Below this share of live data in the chunks, the emptiest chunks are rewritten. */
    static final int TARGET_FILL_RATE = 80;

    /** Live bytes rewritten per step: a step holds the store lock, so commits wait for it. */
    static final int WRITE_LIMIT = 2 * 1024 * 1024;

    private static final long PAUSE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long BUSY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final MVStore store;
    private long nextStep = System.nanoTime() + PAUSE_NANOS;
    private long rewrites;

    StoreMaintenance(MVStore store) {
        this.store = store;
    }

    /**
     * One step if it is time: true if pages were rewritten (they are unsaved changes: the caller
     * commits next).
     */
    boolean step() {
        long now = System.nanoTime();
        if (now - nextStep < 0) {
            return false;
        }
        FileStore<?> file = store.getFileStore();
        boolean rewrote =
                file != null
                        && file.getChunksFillRate() < TARGET_FILL_RATE
                        && store.compact(TARGET_FILL_RATE, WRITE_LIMIT);
        if (rewrote) {
            rewrites++;
        }
        // while there is work, keep at it, a step every 50 ms at most; else look again in a second
        nextStep = System.nanoTime() + (rewrote ? BUSY_PAUSE_NANOS : PAUSE_NANOS);
        return rewrote;
    }

    long rewrites() {
        return rewrites;
    }

    /** The chunks' fill rate and the file's, for the store's log lines. */
    String describe() {
        FileStore<?> file = store.getFileStore();
        return file == null
                ? ""
                : "chunks "
                        + file.getChunksFillRate()
                        + "% live, file "
                        + file.getFillRate()
                        + "% used, "
                        + file.size() / (1024 * 1024)
                        + " MB";
    }
}
