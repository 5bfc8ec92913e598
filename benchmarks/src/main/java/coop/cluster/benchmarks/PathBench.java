package coop.cluster.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;

/**
 * Measures a write path of the running platform the same way every time ({@code ./platform bench
 * all}, or one path alone): around the path's measured phase, the store commands and broker records
 * of every service and the CPU of every process ({@link PlatformProbe}); after it, the same writes
 * done raw ({@link RawBaseline}); then one table row.
 */
final class PathBench {

    /**
     * A write path: its set-up, then its measured phase between {@code phase.begin()} and {@code
     * phase.end()}.
     */
    @FunctionalInterface
    interface WritePath {
        PathRun run(Map<String, String> options, MeasuredPhase phase) throws Exception;
    }

    /**
     * One path measured: what it did, what the platform did meanwhile, and the same writes done
     * raw.
     */
    record Measured(PathRun run, PlatformProbe.Delta platform, RawBaseline.Result raw) {

        double rawRate() {
            return run.operations() / raw.seconds();
        }

        double ratio() {
            return run.rate() / rawRate();
        }

        double ownerStoreOps() {
            return platform.storeOps(run.service()) / (double) run.operations();
        }

        double allStoreOps() {
            return platform.storeOps() / (double) run.operations();
        }

        /** Records the owning service's relay sent per distinct event on the path's topics. */
        double recordsPerEvent() {
            return raw.distinctEvents() == 0
                    ? 0
                    : platform.records(run.service()) / (double) raw.distinctEvents();
        }
    }

    /**
     * How long the platform gets after a phase to finish its background work (relay clean-up,
     * projections).
     */
    static final long SETTLE_MILLIS = 1_500;

    private PathBench() {}

    /** Runs {@code path} alone, prints its row, and exits 0 when it completed. */
    static void alone(Map<String, String> options, WritePath path) throws Exception {
        Measured measured = measure(options, path);
        System.out.println();
        print(List.of(measured));
        System.exit(measured.run().complete() ? 0 : 1);
    }

    static Measured measure(Map<String, String> options, WritePath path) throws Exception {
        PlatformProbe probe = PlatformProbe.of(runDir(options));
        String bootstrap = options.getOrDefault("bootstrap", "127.0.0.1:9092");
        PlatformProbe.Snapshot[] snapshots = new PlatformProbe.Snapshot[2];
        List<Map<TopicPartition, Long>> ends = new ArrayList<>();
        PathRun run =
                path.run(
                        options,
                        new MeasuredPhase() {
                            @Override
                            public void begin() throws Exception {
                                ends.add(RawBaseline.ends(bootstrap, topics(bootstrap)));
                                snapshots[0] = probe.snapshot();
                            }

                            @Override
                            public void end() throws Exception {
                                Thread.sleep(SETTLE_MILLIS);
                                snapshots[1] = probe.snapshot();
                                ends.add(RawBaseline.ends(bootstrap, topics(bootstrap)));
                            }
                        });
        if (snapshots[1] == null) {
            throw new IllegalStateException(run.path() + " did not report its measured phase");
        }
        Map<TopicPartition, long[]> records = new HashMap<>();
        RawBaseline.between(ends.get(0), ends.get(1))
                .forEach(
                        (partition, range) -> {
                            if (run.topics().contains(partition.topic())) {
                                records.put(partition, range);
                            }
                        });
        String mongo = options.getOrDefault("mongo", "mongodb://127.0.0.1:27017");
        RawBaseline.Result raw =
                RawBaseline.measure(
                        new RawBaseline.Source(
                                mongo,
                                run.database(),
                                run.collection(),
                                run.written(),
                                run.rawBatch(),
                                bootstrap,
                                records));
        return new Measured(run, snapshots[1].since(snapshots[0]), raw);
    }

    static Path runDir(Map<String, String> options) {
        String dir =
                options.getOrDefault(
                        "run-dir", System.getenv().getOrDefault("PLATFORM_RUN_DIR", "run"));
        return Path.of(dir);
    }

    private static List<String> topics(String bootstrap) throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return new ArrayList<>(admin.listTopics().names().get(30, TimeUnit.SECONDS));
        }
    }

    /**
     * The table of {@code measured}: rates and ratios, then the work per operation, then where the
     * CPU went.
     */
    static void print(List<Measured> measured) {
        System.out.println(
                "| path | ops | platform ops/s | p50 ms | p99 ms | raw ops/s | **ratio** | store"
                        + " ops/op, owner | store ops/op, all services | raw store ops/op | relay"
                        + " records/event | complete |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        for (Measured m : measured) {
            PathRun run = m.run();
            System.out.println(
                    String.format(
                            Locale.ROOT,
                            "| %s | %d | %.0f | %.1f | %.1f | %.0f | **%.0f %%** | %.2f | %.2f |"
                                    + " %.2f | %.3f | %s |",
                            run.path(),
                            run.operations(),
                            run.rate(),
                            run.p50Millis(),
                            run.p99Millis(),
                            m.rawRate(),
                            100 * m.ratio(),
                            m.ownerStoreOps(),
                            m.allStoreOps(),
                            m.raw().storeOps() / (double) run.operations(),
                            m.recordsPerEvent(),
                            run.complete() ? "yes" : "NO"));
        }
        System.out.println();
        System.out.println("Store commands per operation, by service (collection/command):");
        for (Measured m : measured) {
            System.out.println("  " + m.run().path() + ":");
            m.platform()
                    .commands()
                    .forEach(
                            (service, counts) -> {
                                if (!counts.isEmpty()) {
                                    System.out.println(
                                            String.format(
                                                    Locale.ROOT,
                                                    "    %-22s %5.2f  %s",
                                                    service,
                                                    counts.values().stream()
                                                                    .mapToLong(Long::longValue)
                                                                    .sum()
                                                            / (double) m.run().operations(),
                                                    m.platform()
                                                            .breakdown(
                                                                    service,
                                                                    m.run().operations())));
                                }
                            });
        }
        System.out.println();
        System.out.println(
                "Raw baseline: documents and insertMany batch, insert s, records (distinct events),"
                        + " produce+consume s, raw kafka p99:");
        for (Measured m : measured) {
            RawBaseline.Result raw = m.raw();
            System.out.println(
                    String.format(
                            Locale.ROOT,
                            "  %-36s %6d docs by %4d  %6.2f s   %6d records (%d)  "
                                    + "%6.2f s   p99 %.1f ms",
                            m.run().path(),
                            raw.documents(),
                            raw.batch(),
                            raw.insertSeconds(),
                            raw.records(),
                            raw.distinctEvents(),
                            raw.kafkaSeconds(),
                            raw.kafkaLatency().getValueAtPercentile(99) / 1e6));
        }
        System.out.println();
        System.out.println(
                "CPU per operation (ms), by process, over the measured phase and its settling:");
        if (!measured.isEmpty()) {
            StringBuilder header = new StringBuilder("| path | wall s |");
            StringBuilder rule = new StringBuilder("|---|---:|");
            for (String process : measured.getFirst().platform().cpuSeconds().keySet()) {
                header.append(' ').append(process).append(" |");
                rule.append("---:|");
            }
            System.out.println(header);
            System.out.println(rule);
            for (Measured m : measured) {
                StringBuilder row =
                        new StringBuilder(
                                String.format(
                                        Locale.ROOT,
                                        "| %s | %.1f |",
                                        m.run().path(),
                                        m.platform().seconds()));
                m.platform()
                        .cpuSeconds()
                        .forEach(
                                (process, seconds) ->
                                        row.append(
                                                String.format(
                                                        Locale.ROOT,
                                                        " %.2f |",
                                                        1000 * seconds / m.run().operations())));
                System.out.println(row);
            }
        }
    }
}
