package coop.cluster.infra.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataSharingTest {

    @Test
    void aRebuiltJarGetsANewArchiveName(@TempDir Path dir) throws IOException {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Path jar = Files.writeString(lib.resolve("a.jar"), "v1");
        String classpath = dir.resolve("app.jar") + File.pathSeparator + lib.resolve("*");

        Path before = ClassDataSharing.archive(dir.resolve("cds"), "kafka", classpath);
        assertThat(ClassDataSharing.archive(dir.resolve("cds"), "kafka", classpath))
                .isEqualTo(before);

        Files.writeString(jar, "version 2");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));

        assertThat(ClassDataSharing.archive(dir.resolve("cds"), "kafka", classpath))
                .isNotEqualTo(before);
        assertThat(before.getFileName().toString()).matches("kafka-[0-9a-f]{16}\\.jsa");
    }

    @Test
    void expandsWildcardEntriesToTheirJars(@TempDir Path dir) throws IOException {
        Files.createFile(dir.resolve("b.jar"));
        Files.createFile(dir.resolve("a.jar"));
        Files.createFile(dir.resolve("notes.txt"));

        assertThat(ClassDataSharing.entries(dir.resolve("*") + File.pathSeparator + "/x/classes"))
                .containsExactly(dir.resolve("a.jar"), dir.resolve("b.jar"), Path.of("/x/classes"));
    }

    @Test
    void removesOnlyOlderArchivesOfTheSameName(@TempDir Path dir) throws IOException {
        Path current = Files.createFile(dir.resolve("kafka-00000000000000aa.jsa"));
        Path stale = Files.createFile(dir.resolve("kafka-00000000000000bb.jsa"));
        Path otherProcess = Files.createFile(dir.resolve("kafka-controller-00000000000000cc.jsa"));
        Path mongo = Files.createFile(dir.resolve("mongo-00000000000000dd.jsa"));

        ClassDataSharing.removeStale(current);

        assertThat(current).exists();
        assertThat(stale).doesNotExist();
        assertThat(otherProcess).exists();
        assertThat(mongo).exists();
    }
}
