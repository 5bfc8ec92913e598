package coop.cluster.infra.store;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.infra.testing.ChildJvm;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./platform store repair}: keeps a copy of the file as it was, brings the store back to
 * what can be read, and says what was lost. In a JVM of its own, as the command runs (H2's recovery
 * mode trips H2's own assertions, which tests enable).
 */
class StoreRepairIT {

    @TempDir Path dir;

    @Test
    void repairKeepsACopyAndSaysWhatItCouldNotRead() throws Exception {
        Path file = dir.resolve("store.mv");
        MVStore store = StoreFile.open(file);
        MVMap<Object, Object> orders = store.openMap("databases.shop.orders");
        for (int i = 0; i < 2000; i++) {
            orders.put("o-" + i, "order " + i + " " + "x".repeat(200));
        }
        store.commit();
        store.close();
        // one store header and a block of data destroyed
        long size = Files.size(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.write(new byte[4096]);
            raf.seek(size / 2 / 4096 * 4096);
            raf.write(new byte[4096]);
        }
        byte[] broken = Files.readAllBytes(file);

        ChildJvm repair =
                ChildJvm.builder(StoreRepair.class).args("--file", file.toString()).start();

        assertThat(repair.waitForExit(Duration.ofSeconds(60))).isTrue();
        assertThat(repair.outputText())
                .contains(
                        "copying " + file,
                        "recovered version",
                        "databases.shop.orders",
                        "LOST",
                        "repaired with losses");
        assertThat(repair.exitCode()).as("not everything could be read").isEqualTo(1);
        Path copy;
        try (Stream<Path> files = Files.list(dir)) {
            copy =
                    files.filter(p -> p.getFileName().toString().endsWith(".broken"))
                            .findFirst()
                            .orElseThrow();
        }
        assertThat(Files.readAllBytes(copy)).as("the copy is the file as it was").isEqualTo(broken);
        MVStore repaired = StoreFile.open(file);
        try {
            MVMap<Object, Object> map = repaired.openMap("databases.shop.orders");
            assertThat(map.sizeAsLong()).isBetween(1L, 2000L);
            assertThat(map.entrySet()).allSatisfy(e -> assertThat(e.getValue()).isNotNull());
        } finally {
            repaired.close();
        }
    }
}
