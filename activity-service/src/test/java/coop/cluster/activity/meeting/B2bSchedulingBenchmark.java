package coop.cluster.activity.meeting;

import coop.cluster.activity.meeting.domain.GreedyBaseline;
import coop.cluster.activity.meeting.domain.MeetingSchedule;
import coop.cluster.activity.meeting.domain.MeetingScheduler;
import coop.cluster.activity.meeting.domain.RandomB2bInput;
import coop.cluster.activity.meeting.domain.ScheduledMeeting;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times the B2B scheduler ({@link MeetingScheduler}, default settings) beside the plain greedy
 * schedule ({@link GreedyBaseline}) on seeded random sessions ({@link RandomB2bInput}): 200
 * participants with 2,000 requests and 500 with 5,000, each with ample tables (one per two
 * participants) and scarce ones (one per five), 20 slots, 30% of participants away for a stretch.
 * Each case runs {@code --warmup} unreported rounds, then {@code --rounds} rounds on inputs of
 * other seeds, and prints the time per schedule (median, p90) and the meetings scheduled (share of
 * the requests) for both. Not a test (no assertions on a clock); run it by hand from the repository
 * root (figures in docs/b2b-scheduling.md):
 *
 * <pre>
 * JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./mvnw -B -ntp -o -q test-compile dependency:build-classpath \
 *   -pl activity-service -am -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * /usr/lib/jvm/temurin-25-jdk-amd64/bin/java \
 *   -cp "activity-service/target/test-classes:activity-service/target/classes:$(cat activity-service/target/test-classpath.txt)" \
 *   coop.cluster.activity.meeting.B2bSchedulingBenchmark [--rounds 10] [--warmup 3]
 * </pre>
 */
public final class B2bSchedulingBenchmark {

    private B2bSchedulingBenchmark() {}

    public static void main(String[] args) {
        int rounds = 10;
        int warmup = 3;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%-26s %-9s %10s %10s %20s %10s%n",
                "case",
                "algorithm",
                "median ms",
                "p90 ms",
                "scheduled (share)",
                "weight");
        int[][] sizes = {{200, 2_000}, {500, 5_000}};
        for (int[] size : sizes) {
            for (int perTable : new int[] {2, 5}) {
                run(size[0], size[1], size[0] / perTable, rounds, warmup);
            }
        }
    }

    private static void run(int participants, int requests, int tables, int rounds, int warmup) {
        MeetingScheduler scheduler = new MeetingScheduler();
        long[] schedulerNanos = new long[rounds];
        long[] greedyNanos = new long[rounds];
        long schedulerMeetings = 0;
        long greedyMeetings = 0;
        long schedulerWeight = 0;
        long greedyWeight = 0;
        for (int round = -warmup; round < rounds; round++) {
            RandomB2bInput input =
                    RandomB2bInput.generate(1_000 + round, participants, requests, tables, 0.3);
            long start = System.nanoTime();
            MeetingSchedule schedule =
                    scheduler.schedule(input.session(), input.participants(), input.requests());
            long middle = System.nanoTime();
            List<ScheduledMeeting> greedy =
                    GreedyBaseline.schedule(
                            input.session(), input.participants(), input.requests());
            long end = System.nanoTime();
            if (round >= 0) {
                schedulerNanos[round] = middle - start;
                greedyNanos[round] = end - middle;
                schedulerMeetings += schedule.scheduled().size();
                greedyMeetings += greedy.size();
                schedulerWeight += schedule.scheduledWeight();
                greedyWeight +=
                        greedy.stream().mapToInt(m -> m.request().priority().weight()).sum();
            }
        }
        String label =
                String.format(
                        Locale.ROOT, "%d p, %d req, %d tables", participants, requests, tables);
        print(
                label,
                "scheduler",
                schedulerNanos,
                schedulerMeetings,
                schedulerWeight,
                rounds,
                requests);
        print(label, "greedy", greedyNanos, greedyMeetings, greedyWeight, rounds, requests);
    }

    private static void print(
            String label,
            String algorithm,
            long[] nanos,
            long meetings,
            long weight,
            int rounds,
            int requests) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double median = sorted[(sorted.length - 1) / 2] / 1e6;
        double p90 = sorted[(int) Math.ceil(sorted.length * 0.9) - 1] / 1e6;
        double perRound = (double) meetings / rounds;
        System.out.printf(
                Locale.ROOT,
                "%-26s %-9s %10.1f %10.1f %12.1f (%4.1f%%) %10.1f%n",
                label,
                algorithm,
                median,
                p90,
                perRound,
                100.0 * perRound / requests,
                (double) weight / rounds);
    }
}
