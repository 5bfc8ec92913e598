package coop.cluster.infra.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * Opens the store's H2 MVStore file, or says why it cannot and how to recover, without ever
 * starting an empty store where one with data was.
 *
 * <ul>
 *   <li>The file is opened with H2's background thread off (no auto-commit, no auto-compaction:
 *       {@link GroupCommit} commits, {@link StoreMaintenance} compacts) and with no commit
 *       triggered by unsaved memory: nothing reaches the file except through {@link GroupCommit}.
 *   <li>A file that H2 cannot open (corrupt) is left as it was: the store exits with the reason and
 *       the repair command ({@link StoreRepair}). A file locked by another process: another store
 *       runs on it.
 *   <li>Once a store file has been opened, a marker file ({@value #MARKER_SUFFIX} beside it)
 *       records that a store lives here. If the marker is there but the store file is missing or
 *       empty (deleted, truncated to nothing, a volume that did not mount), the store refuses to
 *       start rather than start empty: starting empty would let the services run on, and write
 *       into, a store that lost everything. To start anew on purpose, delete both (the whole data
 *       directory, as {@code rm -rf run/data} does).
 *   <li>At a clean close the marker records the store's version; a file that opens at an older
 *       version (truncated, or an older copy put in its place) is refused too: opening it would go
 *       on without what was written since.
 * </ul>
 */
final class StoreFile {

    static final String MARKER_SUFFIX = ".in-use";
    private static final String CLOSED_AT = "closed cleanly at version ";

    private StoreFile() {}

    /** Why the store does not start: the message is for the operator, complete with what to do. */
    static final class CannotOpen extends Exception {
        CannotOpen(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static Path marker(Path file) {
        return file.resolveSibling(file.getFileName() + MARKER_SUFFIX);
    }

    static MVStore open(Path file) throws CannotOpen {
        Path marker = marker(file);
        boolean exists = Files.exists(file);
        long size = exists ? size(file) : 0;
        if (Files.exists(marker) && size == 0) {
            throw new CannotOpen(
                    "the store file "
                            + file
                            + (exists ? " is empty" : " is missing")
                            + ", but "
                            + marker
                            + " says a store lived there. The store does not start empty over a"
                            + " store that had data: restore the file from a backup (or the copy a"
                            + " repair kept: "
                            + file.getFileName()
                            + ".*.broken), or, to "
                            + "start with an empty store on purpose, delete "
                            + marker
                            + (exists ? " and the empty file" : "")
                            + ". Nothing was changed.",
                    null);
        }
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
        } catch (IOException e) {
            throw new CannotOpen("cannot create the directory of " + file + ": " + e, e);
        }
        MVStore store;
        try {
            store =
                    new MVStore.Builder()
                            .fileName(file.toString())
                            // no H2 background thread: no auto-commit, no chunk moving (see
                            // StoreMaintenance)
                            .autoCommitDisabled()
                            // no commit from a writing thread when unsaved changes pile up: only
                            // GroupCommit commits
                            .autoCommitBufferSize(0)
                            .open();
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw new CannotOpen(
                        "the store file "
                                + file
                                + " is locked: another store process uses it"
                                + " (./platform status, or: fuser "
                                + file
                                + "). Nothing was changed.",
                        e);
            }
            throw new CannotOpen(
                    "the store file "
                            + file
                            + " ("
                            + size / (1024 * 1024)
                            + " MB) cannot be opened: "
                            + e.getMessage()
                            + ". Nothing was changed: the file is as it was. To recover, with the"
                            + " store stopped: ./platform store repair --file "
                            + file
                            + " (it keeps a copy of the file as it is now, then rolls the store"
                            + " back to its newest readable state and says what it could not read);"
                            + " see docs/store.md.",
                    e);
        } catch (RuntimeException e) {
            throw new CannotOpen(
                    "the store file "
                            + file
                            + " cannot be opened: "
                            + e
                            + ". Nothing was changed. See docs/store.md (repair).",
                    e);
        }
        long closedAt = closedVersion(marker);
        if (store.getCurrentVersion() < closedAt) {
            long found = store.getCurrentVersion();
            store.closeImmediately(); // writes nothing
            throw new CannotOpen(
                    "the store file "
                            + file
                            + " holds version "
                            + found
                            + ", but the store was last closed"
                            + " at version "
                            + closedAt
                            + " ("
                            + marker
                            + "): the file was truncated, or replaced by an older copy, and opening"
                            + " it would lose what was written since. Nothing was changed. Put the"
                            + " newer file back; or, to go on from this older state on purpose,"
                            + " delete "
                            + marker
                            + ".",
                    null);
        }
        try {
            if (!Files.exists(marker)) {
                writeMarker(file, marker, -1);
            }
        } catch (IOException e) {
            store.closeImmediately();
            throw new CannotOpen("cannot write " + marker + ": " + e, e);
        }
        return store;
    }

    /**
     * Records in the marker the version at which the store was closed cleanly: a later open that
     * finds an older version refuses (a truncated file, an older copy put in place). After a crash
     * the file holds that version or a newer one.
     */
    static void closed(Path file, long version) {
        try {
            writeMarker(file, marker(file), version);
        } catch (IOException e) {
            // the check at the next open is lost, nothing else
            System.err.println("could not write " + marker(file) + ": " + e);
        }
    }

    private static void writeMarker(Path file, Path marker, long closedVersion) throws IOException {
        Path temp = marker.resolveSibling(marker.getFileName() + ".new");
        Files.writeString(
                temp,
                "A store lives in "
                        + file.getFileName()
                        + ". While this file exists, the store"
                        + " refuses to start if "
                        + file.getFileName()
                        + " is missing, empty, or older than below; see"
                        + " docs/store.md.\n"
                        + (closedVersion >= 0 ? CLOSED_AT + closedVersion + "\n" : ""));
        Files.move(
                temp, marker, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static long closedVersion(Path marker) throws CannotOpen {
        try {
            if (!Files.exists(marker)) {
                return -1;
            }
            return Files.readAllLines(marker).stream()
                    .filter(l -> l.startsWith(CLOSED_AT))
                    .mapToLong(l -> Long.parseLong(l.substring(CLOSED_AT.length()).trim()))
                    .findFirst()
                    .orElse(-1);
        } catch (IOException | NumberFormatException e) {
            throw new CannotOpen("cannot read " + marker + ": " + e + ". Nothing was changed.", e);
        }
    }

    private static long size(Path file) throws CannotOpen {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new CannotOpen("cannot read the size of " + file + ": " + e, e);
        }
    }
}
