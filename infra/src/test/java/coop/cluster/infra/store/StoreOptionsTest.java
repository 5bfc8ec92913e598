package coop.cluster.infra.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StoreOptionsTest {

    @Test
    void fileBackendWithDefaults() {
        StoreOptions options =
                StoreOptions.parse(new String[] {"--file", "run/data/mongo/store.mv"});

        assertThat(options.connectionString()).isEqualTo("mongodb://127.0.0.1:27017");
        assertThat(options.file())
                .hasValueSatisfying(
                        f -> {
                            assertThat(f.isAbsolute()).isTrue();
                            assertThat(f.getFileName()).hasToString("store.mv");
                        });
        assertThat(options.parentPid()).isEmpty();
        assertThat(options.durability()).isEqualTo(StoreOptions.Durability.FSYNC);
    }

    @Test
    void durability() {
        assertThat(
                        StoreOptions.parse(
                                        new String[] {"--file", "s.mv", "--durability", "commit"})
                                .durability())
                .isEqualTo(StoreOptions.Durability.COMMIT);
        assertThat(
                        StoreOptions.parse(new String[] {"--file", "s.mv", "--durability", "FSYNC"})
                                .durability())
                .isEqualTo(StoreOptions.Durability.FSYNC);
        assertThatThrownBy(
                        () ->
                                StoreOptions.parse(
                                        new String[] {
                                            "--file", "s.mv", "--durability", "sometimes"
                                        }))
                .hasMessageContaining("--durability must be fsync or commit");
    }

    @Test
    void portZeroTakesAFreePort() {
        assertThat(StoreOptions.parse(new String[] {"--memory", "--port", "0"}).port()).isZero();
        assertThatThrownBy(() -> StoreOptions.parse(new String[] {"--memory", "--port", "70000"}))
                .hasMessageContaining("--port");
    }

    @Test
    void memoryBackend() {
        StoreOptions options =
                StoreOptions.parse(
                        new String[] {"--memory", "--port", "27018", "--parent-pid", "7"});

        assertThat(options.file()).isEmpty();
        assertThat(options.port()).isEqualTo(27018);
        assertThat(options.parentPid()).hasValue(7);
    }

    @Test
    void needsExactlyOneBackend() {
        assertThatThrownBy(() -> StoreOptions.parse(new String[0]))
                .hasMessageContaining("exactly one");
        assertThatThrownBy(() -> StoreOptions.parse(new String[] {"--memory", "--file", "x"}))
                .hasMessageContaining("exactly one");
    }
}
