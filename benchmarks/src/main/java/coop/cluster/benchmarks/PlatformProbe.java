package coop.cluster.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the platform's processes did between two snapshots, counted where it happens rather than
 * estimated:
 *
 * <ul>
 *   <li>store commands per service, by collection and command, from the MongoDB driver's command
 *       monitoring (Micrometer's {@code mongodb.driver.commands} timer, which Spring Boot registers
 *       for every service's client; read from each service's {@code /actuator/prometheus});
 *   <li>records the services' outbox relays handed to the broker, from the producers' own metrics
 *       ({@code kafka.producer.record.send.total}, tag {@code producer="outbox-relay"});
 *   <li>CPU time of every process the launcher runs (broker, store, services, gateway), from {@code
 *       /proc/PID/stat} ({@code utime + stime}), and of the benchmark's own JVM.
 * </ul>
 *
 * <p>The processes are those of the launcher's state file ({@code RUN_DIR/platform.state}: name,
 * pid, port, health).
 */
final class PlatformProbe {

    private static final Pattern COMMANDS =
            Pattern.compile(
                    "^mongodb_driver_commands_seconds_count\\{([^}]*)} ([0-9.Ee+-]+)$",
                    Pattern.MULTILINE);
    private static final Pattern RECORDS =
            Pattern.compile(
                    "^kafka_producer_record_send_total\\{([^}]*)} ([0-9.Ee+-]+)$",
                    Pattern.MULTILINE);
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    /**
     * Clock ticks per second of {@code /proc/PID/stat}: 100 on every Linux this runs on ({@code
     * getconf CLK_TCK}).
     */
    private static final double TICKS_PER_SECOND = 100.0;

    private final List<Process> processes;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    record Process(String name, long pid, int port, String health) {

        boolean hasMetrics() {
            return health.startsWith("http") && health.endsWith("/actuator/health");
        }
    }

    private PlatformProbe(List<Process> processes) {
        this.processes = processes;
    }

    /** The processes of the platform started with run directory {@code runDir}. */
    static PlatformProbe of(Path runDir) throws IOException {
        Path state = runDir.resolve("platform.state");
        if (!Files.isRegularFile(state)) {
            throw new IllegalStateException(
                    "no "
                            + state
                            + ": is the platform running (./platform run), with this "
                            + "run directory (--run-dir, PLATFORM_RUN_DIR)?");
        }
        List<Process> processes =
                Files.readAllLines(state).stream()
                        .filter(line -> !line.startsWith("#") && !line.isBlank())
                        .map(line -> line.split("\t"))
                        .filter(fields -> fields.length >= 4)
                        .map(
                                fields ->
                                        new Process(
                                                fields[0],
                                                Long.parseLong(fields[1]),
                                                Integer.parseInt(fields[2]),
                                                fields[3]))
                        .toList();
        return new PlatformProbe(processes);
    }

    List<Process> processes() {
        return processes;
    }

    Snapshot snapshot() throws IOException, InterruptedException {
        Map<String, Map<String, Long>> commands = new TreeMap<>();
        Map<String, Long> records = new TreeMap<>();
        Map<String, Long> cpuTicks = new LinkedHashMap<>();
        for (Process process : processes) {
            cpuTicks.put(process.name(), cpuTicks(process.pid()));
            if (!process.hasMetrics()) {
                continue;
            }
            String metrics = scrape(process);
            if (metrics == null) {
                continue; // its metrics are not public (the gateway's): its CPU is counted all the
                // same
            }
            Map<String, Long> byCollection = new TreeMap<>();
            Matcher command = COMMANDS.matcher(metrics);
            while (command.find()) {
                Map<String, String> labels = labels(command.group(1));
                byCollection.merge(
                        labels.getOrDefault("collection", "?")
                                + "/"
                                + labels.getOrDefault("command", "?"),
                        (long) Double.parseDouble(command.group(2)),
                        Long::sum);
            }
            commands.put(process.name(), byCollection);
            long sent = 0;
            Matcher record = RECORDS.matcher(metrics);
            while (record.find()) {
                if ("outbox-relay".equals(labels(record.group(1)).get("producer"))) {
                    sent += (long) Double.parseDouble(record.group(2));
                }
            }
            records.put(process.name(), sent);
        }
        long ownCpu =
                ((com.sun.management.OperatingSystemMXBean)
                                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime();
        cpuTicks.put("benchmark driver", Math.round(ownCpu / 1e9 * TICKS_PER_SECOND));
        return new Snapshot(commands, records, cpuTicks, System.nanoTime());
    }

    /** The process's Prometheus page, or null when it is not public. */
    private String scrape(Process process) throws IOException, InterruptedException {
        String url = process.health().replace("/actuator/health", "/actuator/prometheus");
        HttpResponse<String> answer =
                http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return answer.statusCode() == 200 ? answer.body() : null;
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        Matcher label = LABEL.matcher(text);
        while (label.find()) {
            labels.put(label.group(1), label.group(2));
        }
        return labels;
    }

    /** utime + stime of {@code pid}, in clock ticks; 0 when the process is gone. */
    private static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (2nd field) is in parentheses and may hold spaces: count fields
            // after its ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11])
                    + Long.parseLong(fields[12]); // fields 14 and 15 of stat(5)
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The counters at one moment. */
    record Snapshot(
            Map<String, Map<String, Long>> commands,
            Map<String, Long> records,
            Map<String, Long> cpuTicks,
            long nanos) {

        /** What happened from {@code before} to this snapshot. */
        Delta since(Snapshot before) {
            Map<String, Map<String, Long>> commandDelta = new TreeMap<>();
            commands.forEach(
                    (service, counts) -> {
                        Map<String, Long> earlier =
                                before.commands().getOrDefault(service, Map.of());
                        Map<String, Long> delta = new TreeMap<>();
                        counts.forEach(
                                (key, count) -> {
                                    long d = count - earlier.getOrDefault(key, 0L);
                                    if (d > 0) {
                                        delta.put(key, d);
                                    }
                                });
                        commandDelta.put(service, delta);
                    });
            Map<String, Long> recordDelta = new TreeMap<>();
            records.forEach(
                    (service, count) ->
                            recordDelta.put(
                                    service, count - before.records().getOrDefault(service, 0L)));
            Map<String, Double> cpu = new LinkedHashMap<>();
            cpuTicks.forEach(
                    (process, ticks) ->
                            cpu.put(
                                    process,
                                    Math.max(0, ticks - before.cpuTicks().getOrDefault(process, 0L))
                                            / TICKS_PER_SECOND));
            return new Delta(commandDelta, recordDelta, cpu, (nanos - before.nanos()) / 1e9);
        }
    }

    /**
     * Store commands and broker records by service, CPU seconds by process, over {@code seconds} of
     * wall time.
     */
    record Delta(
            Map<String, Map<String, Long>> commands,
            Map<String, Long> records,
            Map<String, Double> cpuSeconds,
            double seconds) {

        /**
         * {@code service}'s store commands, every instance's ({@code NAME}, {@code NAME-2}...)
         * together.
         */
        long storeOps(String service) {
            return commands.entrySet().stream()
                    .filter(entry -> instanceOf(entry.getKey(), service))
                    .flatMap(entry -> entry.getValue().values().stream())
                    .mapToLong(Long::longValue)
                    .sum();
        }

        /**
         * Whether process {@code name} is an instance of {@code service}: the first, or {@code
         * service-k}.
         */
        static boolean instanceOf(String name, String service) {
            return name.equals(service)
                    || name.matches(java.util.regex.Pattern.quote(service) + "-\\d+");
        }

        long storeOps() {
            return commands.values().stream()
                    .flatMap(counts -> counts.values().stream())
                    .mapToLong(Long::longValue)
                    .sum();
        }

        long records(String service) {
            return records.entrySet().stream()
                    .filter(entry -> instanceOf(entry.getKey(), service))
                    .mapToLong(Map.Entry::getValue)
                    .sum();
        }

        long totalRecords() {
            return records.values().stream().mapToLong(Long::longValue).sum();
        }

        /**
         * {@code service}'s commands, the most frequent first, as {@code collection/command count}
         * pairs.
         */
        String breakdown(String service, long operations) {
            StringBuilder text = new StringBuilder();
            commands.getOrDefault(service, Map.of()).entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(
                            entry ->
                                    text.append(text.isEmpty() ? "" : ", ")
                                            .append(entry.getKey())
                                            .append(' ')
                                            .append(
                                                    String.format(
                                                            "%.2f",
                                                            entry.getValue()
                                                                    / (double) operations)));
            return text.toString();
        }
    }
}
