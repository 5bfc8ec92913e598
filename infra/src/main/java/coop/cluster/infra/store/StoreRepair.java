package coop.cluster.infra.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeSet;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * Repairs a store file that does not open ({@code ./platform store repair --file
 * run/data/mongo/store.mv}), with the store stopped.
 *
 * <ol>
 *   <li>Copies the file as it is to {@code store.mv.<time>.broken} first: whatever happens next,
 *       the original bytes stay there (for another try, or a bug report).
 *   <li>Opens the file in H2's recovery mode: H2 reads the whole file for chunks and takes the
 *       newest version whose chunks are all there and valid (a crash or a bad chunk move rolls back
 *       to the last good commit); a page it still cannot read is taken as empty.
 *   <li>Reads every map through (every document and index entry), compares what it read with the
 *       counts that the file records, says, per collection, what could not be read (lost), and
 *       writes each map that lost entries anew with what could be read.
 *   <li>Commits and closes the file cleanly: the store opens it normally from then on.
 * </ol>
 *
 * If the repaired store misses documents, a unique index may still name them: the report says so; a
 * rebuild of that collection (export, drop, import) puts it right. H2's own {@code
 * MVStoreTool.repair} was not used: it tries one version after another, copying the whole file each
 * time (minutes per try on a large file), and judges a try by opening it in recovery mode, which
 * hides unreadable pages.
 */
public final class StoreRepair {

    private StoreRepair() {}

    public static void main(String[] args) {
        if (args.length != 2 || !args[0].equals("--file")) {
            System.err.println("usage: StoreRepair --file PATH (with the store stopped)");
            System.exit(2);
            return;
        }
        try {
            System.exit(repair(Path.of(args[1]).toAbsolutePath().normalize()) ? 0 : 1);
        } catch (Exception e) {
            System.err.println("REPAIR FAILED: " + e);
            e.printStackTrace(System.err);
            System.exit(1);
        }
    }

    /**
     * Copies what can be read of a map into a new map that takes its name: the new version of the
     * file no longer refers to the pages that could not be read (recovery mode reads them as empty,
     * but only in memory).
     */
    private static void rewrite(MVStore store, MVMap<Object, Object> map, String name) {
        MVMap<Object, Object> copy = store.openMap(name + ".repairing");
        copy.clear();
        for (Map.Entry<Object, Object> entry : map.entrySet()) {
            if (entry.getValue() != null) {
                copy.put(entry.getKey(), entry.getValue());
            }
        }
        store.removeMap(map);
        store.renameMap(copy, name);
    }

    /** True if every entry of every map could be read. */
    static boolean repair(Path file) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
            throw new IOException(
                    file + " is missing or empty: nothing to repair (restore it from a backup)");
        }
        try (FileChannel channel =
                        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new IOException(file + " is locked: stop the store first (./platform stop)");
            }
        }
        Path backup =
                file.resolveSibling(
                        file.getFileName()
                                + "."
                                + LocalDateTime.now()
                                        .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                                + ".broken");
        System.out.printf(
                "copying %s (%d MB) to %s%n", file, Files.size(file) / (1024 * 1024), backup);
        Files.copy(file, backup, StandardCopyOption.COPY_ATTRIBUTES);

        System.out.println(
                "opening in recovery mode (reads the whole file for the newest complete version)");
        boolean complete = true;
        long repairedVersion;
        MVStore opened;
        try {
            opened =
                    new MVStore.Builder()
                            .fileName(file.toString())
                            .recoveryMode()
                            .autoCommitDisabled()
                            .open();
        } catch (MVStoreException e) {
            throw new IOException(
                    "H2 cannot recover this file ("
                            + e.getMessage()
                            + "): restore it from a backup."
                            + " It is unchanged, and a copy is at "
                            + backup,
                    e);
        }
        try (MVStore store = opened) {
            System.out.println("recovered version " + store.getCurrentVersion());
            for (String name : new TreeSet<>(store.getMapNames())) {
                MVMap<Object, Object> map = store.openMap(name);
                long recorded = map.sizeAsLong();
                long read = 0;
                long unreadable = 0;
                for (Map.Entry<Object, Object> entry : map.entrySet()) {
                    if (entry.getValue() == null) {
                        unreadable++;
                    } else {
                        read++;
                    }
                }
                boolean ok = read == recorded && unreadable == 0;
                if (!ok) {
                    rewrite(store, map, name);
                }
                complete &= ok;
                if (!ok || name.startsWith("databases.")) {
                    System.out.printf(
                            "  %-60s %d entries%s%n",
                            name,
                            read,
                            ok
                                    ? ""
                                    : " — LOST: the file recorded "
                                            + recorded
                                            + (unreadable > 0
                                                    ? ", " + unreadable + " unreadable"
                                                    : ""));
                }
            }
            store.commit();
            repairedVersion = store.getCurrentVersion();
        }
        // the repaired store is the one to go on from, even if older than the one last closed
        StoreFile.closed(file, repairedVersion);
        System.out.println(
                complete
                        ? "repaired: every entry could be read. The store opens normally now; the"
                                + " original is kept at "
                                + backup
                        : "repaired with losses (above): the store opens now, without what was"
                                + " lost. The original is kept at "
                                + backup
                                + ". A collection with losses may have index entries for lost"
                                + " documents: export it, drop it and import it again to rebuild"
                                + " its indexes.");
        return complete;
    }
}
