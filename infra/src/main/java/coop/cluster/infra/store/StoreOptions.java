package coop.cluster.infra.store;

import coop.cluster.infra.support.CommandLine;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Options of {@link MongoStoreMain}.
 *
 * @param port 0 takes any free port (tests, the file generator); the READY line names the one taken
 * @param file the H2 MVStore file; empty means in-memory ({@code --memory})
 * @param durability when an answer may leave for the client (see {@link Durability}); not used in
 *     memory
 * @param commitDelayMs with {@code --durability none} only: how often the changes are written to
 *     the file
 */
public record StoreOptions(
        String host,
        int port,
        Optional<Path> file,
        OptionalLong parentPid,
        Durability durability,
        int commitDelayMs) {

    static final Set<String> OPTIONS =
            Set.of("host", "port", "file", "parent-pid", "durability", "commit-delay-ms");
    static final Set<String> FLAGS = Set.of("memory");

    static final String USAGE =
            "usage: MongoStoreMain (--file PATH | --memory) [--host 127.0.0.1] [--port 27017]"
                    + " [--durability fsync|commit] [--parent-pid PID]";

    /**
     * What an acknowledged write survives: the store answers a client only once the changes that
     * the answer reflects are in the file (see {@code GroupCommit}).
     */
    public enum Durability {
        /**
         * Written and flushed to the disk ({@code fsync}) before the answer: survives a power cut
         * too.
         */
        FSYNC,
        /**
         * Written to the operating system before the answer: survives a crash of the store, not a
         * power cut.
         */
        COMMIT,
        /**
         * The store before group commit, kept to measure against (benchmarks, the fault test's
         * control run): changes are written every {@code --commit-delay-ms} after the answer, so a
         * crash loses what was acknowledged in the last moments. Never for the platform.
         */
        NONE;

        static Durability parse(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "--durability must be fsync or commit, got '" + value + "'", e);
            }
        }

        String option() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static StoreOptions parse(String[] args) {
        CommandLine cl = CommandLine.parse(args, OPTIONS, FLAGS);
        if (cl.has("file") == cl.has("memory")) {
            throw new IllegalArgumentException("give exactly one of --file PATH or --memory");
        }
        int commitDelayMs = cl.intValue("commit-delay-ms", 200);
        if (commitDelayMs < 1) {
            throw new IllegalArgumentException("--commit-delay-ms must be positive");
        }
        int port = cl.value("port").map(v -> CommandLine.parseInt("--port", v)).orElse(27017);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(
                    "--port must be a TCP port (1-65535, or 0 for any free port), got " + port);
        }
        return new StoreOptions(
                cl.value("host").orElse("127.0.0.1"),
                port,
                cl.value("file").map(f -> Path.of(f).toAbsolutePath().normalize()),
                cl.value("parent-pid")
                        .map(v -> OptionalLong.of(Long.parseLong(v.trim())))
                        .orElse(OptionalLong.empty()),
                cl.value("durability").map(Durability::parse).orElse(Durability.FSYNC),
                commitDelayMs);
    }

    public String connectionString() {
        return "mongodb://" + host + ":" + port;
    }
}
