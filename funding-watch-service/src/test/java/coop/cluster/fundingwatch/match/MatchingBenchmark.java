package coop.cluster.fundingwatch.match;

import coop.cluster.fundingwatch.call.domain.FundingCall;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Matching alone: calls against {@code members} member profiles (plus 40 groups, 300 forming
 * projects and 2,000 watches), through the index ({@link TargetIndex#match}) and by scoring every
 * target ({@link NaiveScan}, the naive baseline); both find exactly the same matches
 * (TargetIndexTest). Calls per second; run with {@code ./platform bench matching} (JMH options
 * after it, e.g. {@code -t 2} for two threads).
 *
 * <p>The data ({@link MatchingData}, seed 42) speaks a cluster's vocabulary of 3,139 competences,
 * distinct after stemming: 3,000 specific ones (a subject and an aspect: "offshore wind
 * inspection") and 139 bare subjects, drawn with a Zipf-like popularity and a long tail. Members
 * hold 3 to 8 of them (some 3,100 distinct between them; the most common held by about 840 members,
 * the median one by 6), two NACE sectors and a place; groups an interest and a competence, projects
 * a theme and two needs; nine watches in ten one or two competences as keywords, the rest
 * programmes or kinds only. A call says two or three competences in its title and keywords and a
 * few more in some 1,500 characters of description; it finds about 36 phrases and gets about 25
 * members, 1 or 2 groups, 1 project and 88 watches.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class MatchingBenchmark {

    @Param("10000")
    public int members;

    private TargetIndex index;
    private NaiveScan scan;
    private FundingCall[] calls;

    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Setup(Level.Trial)
    public void load() {
        MatchingData data = new MatchingData(42);
        List<Target> targets = new ArrayList<>(data.members(members));
        targets.addAll(data.groups(40));
        targets.addAll(data.projects(300));
        targets.addAll(data.watches(2_000));
        index = new TargetIndex(MatchLimits.defaults());
        for (int from = 0; from < targets.size(); from += 1_000) {
            index.apply(targets.subList(from, Math.min(targets.size(), from + 1_000)));
        }
        scan = new NaiveScan(index);
        calls = new FundingCall[1_024];
        for (int i = 0; i < calls.length; i++) {
            calls[i] = data.call(i);
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        scan.close();
        index.close();
    }

    @Benchmark
    public List<Match> indexed(Cursor cursor) {
        int i = cursor.next++ & (calls.length - 1);
        return index.match("call-" + i, calls[i]);
    }

    @Benchmark
    public List<Match> naiveScan(Cursor cursor) {
        int i = cursor.next++ & (calls.length - 1);
        return scan.scan("call-" + i, calls[i]);
    }
}
