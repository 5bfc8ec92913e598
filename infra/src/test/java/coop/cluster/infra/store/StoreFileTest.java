package coop.cluster.infra.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link StoreFile}: a store never starts empty where one with data was, and a file that does not
 * open is left as it was, with a message that says how to recover ({@code StoreRepairIT}).
 */
class StoreFileTest {

    @TempDir Path dir;

    @Test
    void aNewStoreLeavesAMarkerBesideItsFile() throws Exception {
        Path file = dir.resolve("data/store.mv");

        withStore(file, store -> store.openMap("m").put("k", "v"));

        assertThat(StoreFile.marker(file)).exists();
        withStore(file, store -> assertThat(store.openMap("m").get("k")).isEqualTo("v"));
    }

    @Test
    void aMissingFileWhereAStoreLivedIsNotReplacedByAnEmptyOne() throws Exception {
        Path file = dir.resolve("store.mv");
        withStore(file, store -> store.openMap("m").put("k", "v"));
        Files.delete(file);

        assertThatThrownBy(() -> StoreFile.open(file))
                .isInstanceOf(StoreFile.CannotOpen.class)
                .hasMessageContaining("is missing")
                .hasMessageContaining("Nothing was changed")
                .hasMessageContaining(StoreFile.marker(file).toString());
        assertThat(file).doesNotExist();
    }

    @Test
    void anEmptiedFileWhereAStoreLivedIsNotStartedAnew() throws Exception {
        Path file = dir.resolve("store.mv");
        withStore(file, store -> store.openMap("m").put("k", "v"));
        Files.write(file, new byte[0]);

        assertThatThrownBy(() -> StoreFile.open(file))
                .isInstanceOf(StoreFile.CannotOpen.class)
                .hasMessageContaining("is empty");
        assertThat(Files.size(file)).isZero();
    }

    @Test
    void anEmptyFileWithoutMarkerIsANewStore() throws Exception {
        Path file = dir.resolve("store.mv");
        Files.write(file, new byte[0]);

        withStore(file, store -> assertThat(store.getMapNames()).isEmpty());
    }

    @Test
    void aFileThatDoesNotOpenIsLeftAsItWasWithTheWayToRepairIt() throws Exception {
        Path file = dir.resolve("store.mv");
        withStore(file, store -> store.openMap("m").put("k", "v"));
        // both store headers destroyed
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.write(new byte[8192]);
        }
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> StoreFile.open(file))
                .isInstanceOf(StoreFile.CannotOpen.class)
                .hasMessageContaining("cannot be opened")
                .hasMessageContaining("Nothing was changed")
                .hasMessageContaining("./platform store repair --file " + file);
        assertThat(Arrays.equals(Files.readAllBytes(file), before))
                .as("the file is unchanged")
                .isTrue();
    }

    @Test
    void anOlderCopyPutInPlaceOfTheFileIsRefused() throws Exception {
        Path file = dir.resolve("store.mv");
        withStore(file, store -> store.openMap("m").put("k1", "v"));
        Path older = dir.resolve("older.mv");
        Files.copy(file, older);
        long[] closedAt = new long[1];
        withStore(
                file,
                store -> {
                    store.openMap("m").put("k2", "v");
                    store.commit();
                    closedAt[0] = store.getCurrentVersion();
                });
        StoreFile.closed(file, closedAt[0]);
        withStore(file, store -> assertThat(store.openMap("m").get("k2")).isEqualTo("v"));
        StoreFile.closed(file, closedAt[0]);

        Files.copy(older, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> StoreFile.open(file))
                .isInstanceOf(StoreFile.CannotOpen.class)
                .hasMessageContaining("older copy")
                .hasMessageContaining("Nothing was changed");
        assertThat(Arrays.equals(Files.readAllBytes(file), before))
                .as("the file is unchanged")
                .isTrue();
    }

    @Test
    void aLockedFileSaysAnotherStoreUsesIt() throws Exception {
        Path file = dir.resolve("store.mv");
        MVStore first = StoreFile.open(file);
        try {
            assertThatThrownBy(() -> StoreFile.open(file))
                    .isInstanceOf(StoreFile.CannotOpen.class)
                    .hasMessageContaining("another store process uses it");
        } finally {
            first.close();
        }
    }

    private interface StoreWork {
        void run(MVStore store) throws Exception;
    }

    private static void withStore(Path file, StoreWork work) throws Exception {
        MVStore store = StoreFile.open(file);
        try {
            work.run(store);
            store.commit();
        } finally {
            store.close();
        }
    }
}
