package coop.cluster.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./platform bench all}: every write path of the running platform in sequence, each at a
 * small size, measured the same way ({@link PathBench}), and one table: the platform's rate and
 * latency, the same writes done raw on the same store and broker, their ratio, the store commands
 * and broker records per business operation, and the CPU each process spent on it. {@code --scale
 * F} multiplies every size; {@code --only a,b} picks paths by name.
 *
 * <p>Paths: admissions ({@code POST /api/members/{id}/admit}), invitation answers (accept/decline),
 * funding calls with matching (a feed's batches of 500 against the member profiles), ledger
 * postings one per request and in batches of 100, notifications (invitation.sent events in, e-mails
 * handed to the mail catcher's SMTP out).
 *
 * <p>{@code --via gateway} sends every request through the gateway instead of to each service's own
 * port: with {@code ./platform run --instances 2} the gateway balances them over both instances of
 * each service, and the counters are summed over the instances (start the platform with the
 * gateway's rate limit raised, as docs/benchmarks.md says, or the gateway answers 429).
 */
public final class AllPathsBenchmark {

    private AllPathsBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchOptions.parse(args);
        double scale = Double.parseDouble(options.getOrDefault("scale", "1"));
        List<String> only =
                options.containsKey("only") ? List.of(options.get("only").split(",")) : List.of();
        PlatformProbe probe = PlatformProbe.of(PathBench.runDir(options));
        Map<String, String> urls = new HashMap<>();
        probe.processes()
                .forEach(process -> urls.put(process.name(), "http://localhost:" + process.port()));
        Map<String, String> direct = new HashMap<>(urls);
        boolean viaGateway = "gateway".equals(options.get("via"));
        if (viaGateway) {
            String gateway = urls.get("gateway");
            if (gateway == null) {
                throw new IllegalStateException(
                        "--via gateway: no gateway in " + PathBench.runDir(options));
            }
            urls.replaceAll((name, url) -> gateway);
        }
        long instances =
                probe.processes().stream().filter(process -> process.name().endsWith("-2")).count();

        System.out.printf(
                "All write paths of the platform in %s, scale %.2f; %d cores here; requests %s;"
                        + " %s%n",
                PathBench.runDir(options),
                scale,
                Runtime.getRuntime().availableProcessors(),
                viaGateway ? "through the gateway" : "to each service's own port",
                instances > 0
                        ? "two instances of " + instances + " services (figures summed over both)"
                        : "one instance of each service");
        List<PathBench.Measured> measured = new ArrayList<>();
        if (only.isEmpty() || only.contains("admissions")) {
            measured.add(
                    PathBench.measure(
                            with(
                                    options,
                                    "url",
                                    urls.get("membership-service"),
                                    "applicants",
                                    size(1000, scale),
                                    "clients",
                                    "16"),
                            AdmissionsBenchmark::run));
        }
        if (only.isEmpty() || only.contains("invitations")) {
            measured.add(
                    PathBench.measure(
                            with(
                                    options,
                                    "url",
                                    urls.get("project-service"),
                                    "answers",
                                    size(1000, scale),
                                    "clients",
                                    "16"),
                            InvitationAnswersBenchmark::run));
        }
        if (only.isEmpty() || only.contains("calls")) {
            measured.add(
                    PathBench.measure(
                            with(
                                    options,
                                    "url",
                                    urls.get("funding-watch-service"),
                                    "membership-url",
                                    urls.get("membership-service"),
                                    "metrics-url",
                                    direct.get("funding-watch-service"),
                                    "members",
                                    size(2000, scale),
                                    "calls",
                                    size(2000, scale),
                                    "batch",
                                    "500",
                                    "clients",
                                    "2"),
                            CallIntakeBenchmark::run));
        }
        if (only.isEmpty() || only.contains("ledger")) {
            measured.add(
                    PathBench.measure(
                            with(
                                    options,
                                    "url",
                                    urls.get("finance-service"),
                                    "entries",
                                    size(2000, scale),
                                    "clients",
                                    "8",
                                    "batch",
                                    "1",
                                    "raw-batch",
                                    "100"),
                            LedgerPostingBenchmark::run));
            measured.add(
                    PathBench.measure(
                            with(
                                    options,
                                    "url",
                                    urls.get("finance-service"),
                                    "entries",
                                    size(5000, scale),
                                    "clients",
                                    "2",
                                    "batch",
                                    "100",
                                    "raw-batch",
                                    "100"),
                            LedgerPostingBenchmark::run));
        }
        if (only.isEmpty() || only.contains("notifications")) {
            measured.add(
                    PathBench.measure(
                            with(
                                    options,
                                    "events",
                                    size(1000, scale),
                                    "kafka",
                                    options.getOrDefault("bootstrap", "127.0.0.1:9092")),
                            NotificationBenchmark::run));
        }
        System.out.println();
        System.out.println("=== All write paths ===");
        PathBench.print(measured);
        System.exit(measured.stream().allMatch(m -> m.run().complete()) ? 0 : 1);
    }

    private static String size(int base, double scale) {
        return Integer.toString(Math.max(10, (int) Math.round(base * scale)));
    }

    private static Map<String, String> with(Map<String, String> options, String... pairs) {
        Map<String, String> merged = new HashMap<>(options);
        for (int i = 0; i < pairs.length; i += 2) {
            merged.put(pairs[i], pairs[i + 1]);
        }
        return merged;
    }
}
