package coop.cluster.infra.tools;

import coop.cluster.infra.support.InfraLogging;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ./platform dlt}: the dead letters of the platform's consumers (docs/events.md, "Poison
 * records and dead letters").
 *
 * <pre>
 * ./platform dlt list                           every dead-letter topic (*.dlt) with its counts
 * ./platform dlt list TOPIC.dlt                 its dead letters counted by reason: waiting, replayed
 * ./platform dlt replay TOPIC.dlt [--reason TEXT] [--limit N] [--dry-run]
 *                                               puts the waiting dead letters (those whose reason contains TEXT, at
 *                                               most N) back on their original topic, each once
 * </pre>
 *
 * {@code --bootstrap HOST:PORT} names the broker (the script passes {@code KAFKA_BOOTSTRAP}, else
 * 127.0.0.1:9092).
 */
public final class DeadLetterTool {

    static final String USAGE =
            """
            usage: ./platform dlt list [TOPIC.dlt] [--bootstrap HOST:PORT]
                   ./platform dlt replay TOPIC.dlt [--reason TEXT] [--limit N] [--dry-run] [--bootstrap HOST:PORT]\
            """;

    private DeadLetterTool() {}

    public static void main(String[] args) {
        InfraLogging.useInfraConfiguration();
        System.exit(run(args, System.out, System.err));
    }

    /**
     * @return the exit code: 0 done, 1 failed, 2 wrong arguments
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String bootstrap = "127.0.0.1:9092";
        String reason = null;
        long limit = -1;
        boolean dryRun = false;
        List<String> words = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--bootstrap" -> bootstrap = value(args, ++i);
                    case "--reason" -> reason = value(args, ++i);
                    case "--limit" -> limit = Long.parseLong(value(args, ++i));
                    case "--dry-run" -> dryRun = true;
                    case "-h", "--help" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    default -> {
                        if (args[i].startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + args[i]);
                        }
                        words.add(args[i]);
                    }
                }
            }
            if (words.isEmpty()
                    || !List.of("list", "replay").contains(words.getFirst())
                    || words.size() > 2
                    || (words.getFirst().equals("replay") && words.size() != 2)
                    || limit < -1) {
                throw new IllegalArgumentException(
                        words.isEmpty() ? "what to do?" : "unexpected " + words);
            }
        } catch (IllegalArgumentException e) {
            err.println("platform dlt: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try (DeadLetters deadLetters = new DeadLetters(bootstrap)) {
            if (words.getFirst().equals("list")) {
                if (words.size() == 1) {
                    listAll(deadLetters, out);
                } else {
                    print(deadLetters.list(words.get(1)), out);
                }
            } else {
                DeadLetters.Replay replay = deadLetters.replay(words.get(1), reason, limit, dryRun);
                print(replay, reason, out);
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("platform dlt: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println(
                    "platform dlt: "
                            + e.getMessage()
                            + " (is the broker at "
                            + bootstrap
                            + "? --bootstrap)");
            return 1;
        }
    }

    private static void listAll(DeadLetters deadLetters, PrintStream out) {
        List<String> topics = deadLetters.topics();
        if (topics.isEmpty()) {
            out.println("no dead-letter topic (*.dlt)");
            return;
        }
        out.printf("%8s %8s %8s  %s%n", "waiting", "replayed", "total", "dead-letter topic");
        for (String topic : topics) {
            DeadLetters.Listing listing = deadLetters.list(topic);
            out.printf(
                    "%8d %8d %8d  %s%n",
                    listing.waiting(), listing.replayed(), listing.total(), topic);
        }
    }

    static void print(DeadLetters.Listing listing, PrintStream out) {
        out.printf(
                "%s: %d dead letter(s), %d waiting, %d replayed%n",
                listing.dlt(), listing.total(), listing.waiting(), listing.replayed());
        for (Map.Entry<String, Long> origin : listing.origins().entrySet()) {
            out.printf("  from %s: %d%n", origin.getKey(), origin.getValue());
        }
        if (listing.reasons().isEmpty()) {
            return;
        }
        out.printf("%8s %8s  %s%n", "waiting", "replayed", "reason");
        for (DeadLetters.ReasonCount count : listing.reasons()) {
            out.printf("%8d %8d  %s%n", count.waiting(), count.replayed(), count.reason());
        }
    }

    static void print(DeadLetters.Replay replay, String reason, PrintStream out) {
        out.printf(
                "%s%s: %s %d dead letter(s)%s%n",
                replay.dlt(),
                reason == null ? "" : " (reason contains '" + reason + "')",
                replay.dryRun() ? "would replay" : "replayed",
                replay.replayed(),
                replay.targets().isEmpty() ? "" : " to " + replay.targets());
        out.printf(
                "  left waiting %d (other reasons or past --limit), replayed before %d, without an"
                        + " original topic %d%n",
                replay.notMatching(), replay.replayedBefore(), replay.noOrigin());
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException("option " + args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
