package coop.cluster.fundingwatch.feed.signed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key file of {@code ./platform run}: made once, owner-only, then the same key at every start.
 */
class KeyFileTest {

    @TempDir Path directory;

    @Test
    void isCreatedOnceWithARandomKeyThenRead() throws IOException {
        Path file = directory.resolve("data/funding-watch-service/signed-feeds.key");

        String first = KeyFile.readOrCreate(file);
        String again = KeyFile.readOrCreate(file);

        assertThat(Base64.getDecoder().decode(first)).hasSize(32);
        assertThat(again).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(KeyFile.readOrCreate(directory.resolve("other.key"))).isNotEqualTo(first);
    }

    @Test
    void aConfiguredKeyWinsOverTheFile() {
        Path file = directory.resolve("signed-feeds.key");
        String configured = Base64.getEncoder().encodeToString(new byte[32]);

        assertThat(
                        new SignedFeedSettings(
                                        configured,
                                        Duration.ofHours(1),
                                        Duration.ofSeconds(5),
                                        file)
                                .effectiveSecretKey())
                .isEqualTo(configured);
        assertThat(file).doesNotExist();
        assertThat(
                        new SignedFeedSettings(
                                        null, Duration.ofHours(1), Duration.ofSeconds(5), file)
                                .effectiveSecretKey())
                .isEqualTo(KeyFile.readOrCreate(file));
        assertThat(
                        new SignedFeedSettings(
                                        null, Duration.ofHours(1), Duration.ofSeconds(5), null)
                                .effectiveSecretKey())
                .isNull();
    }
}
