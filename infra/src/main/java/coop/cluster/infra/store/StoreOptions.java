package coop.cluster.infra.store;

import coop.cluster.infra.support.CommandLine;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Options of {@link MongoStoreMain}.
 *
 * @param file          the H2 MVStore file; empty means in-memory ({@code --memory})
 * @param commitDelayMs how often the H2 backend writes pending changes to the file; a process
 *                      killed with SIGKILL loses at most this much (SIGTERM loses nothing)
 */
public record StoreOptions(String host, int port, Optional<Path> file, OptionalLong parentPid, int commitDelayMs) {

    static final Set<String> OPTIONS = Set.of("host", "port", "file", "parent-pid", "commit-delay-ms");
    static final Set<String> FLAGS = Set.of("memory");

    public static StoreOptions parse(String[] args) {
        CommandLine cl = CommandLine.parse(args, OPTIONS, FLAGS);
        if (cl.has("file") == cl.has("memory")) {
            throw new IllegalArgumentException("give exactly one of --file PATH or --memory");
        }
        int commitDelayMs = cl.intValue("commit-delay-ms", 200);
        if (commitDelayMs < 1) {
            throw new IllegalArgumentException("--commit-delay-ms must be positive");
        }
        return new StoreOptions(
                cl.value("host").orElse("127.0.0.1"),
                cl.port("port", 27017),
                cl.value("file").map(f -> Path.of(f).toAbsolutePath().normalize()),
                cl.value("parent-pid").map(v -> OptionalLong.of(Long.parseLong(v.trim()))).orElse(OptionalLong.empty()),
                commitDelayMs);
    }

    public String connectionString() {
        return "mongodb://" + host + ":" + port;
    }
}
