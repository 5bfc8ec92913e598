package coop.cluster.infra.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/** Resident set size of processes, read from {@code /proc} (Linux only, empty elsewhere). */
public final class ProcessMemory {

    private ProcessMemory() {}

    /** VmRSS of one process in KiB. */
    public static OptionalLong rssKib(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            if (!Files.isReadable(status)) {
                return OptionalLong.empty();
            }
            return parseVmRssKib(Files.readAllLines(status));
        } catch (IOException e) {
            // the process ended between the check and the read
            return OptionalLong.empty();
        }
    }

    /** VmRSS of a process plus all its live descendants, in KiB. */
    public static OptionalLong treeRssKib(ProcessHandle process) {
        OptionalLong own = rssKib(process.pid());
        if (own.isEmpty()) {
            return own;
        }
        long total = own.getAsLong();
        try (Stream<ProcessHandle> descendants = process.descendants()) {
            total += descendants.mapToLong(d -> rssKib(d.pid()).orElse(0)).sum();
        }
        return OptionalLong.of(total);
    }

    static OptionalLong parseVmRssKib(List<String> statusLines) {
        for (String line : statusLines) {
            if (line.startsWith("VmRSS:")) {
                String digits = line.substring("VmRSS:".length()).replace("kB", "").trim();
                return OptionalLong.of(Long.parseLong(digits));
            }
        }
        return OptionalLong.empty();
    }

    public static String formatMib(long kib) {
        return String.format(java.util.Locale.ROOT, "%d MiB", Math.round(kib / 1024.0));
    }
}
