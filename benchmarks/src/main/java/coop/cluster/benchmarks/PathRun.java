package coop.cluster.benchmarks;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.bson.conversions.Bson;

/**
 * What one write path's measured phase did: {@code operations} business operations in {@code
 * seconds} (from the first request to the last event read back), the latency of each request, and
 * where its writes are ({@code collection} of {@code service}'s {@code database}, matched by {@code
 * written}; the records on {@code topics}), so that the same work can be done again raw ({@link
 * RawBaseline}).
 *
 * @param operationsPerRequest business operations per request (a batch of entries or calls counts
 *     each)
 * @param rawBatch documents per {@code insertMany} of the raw baseline
 */
record PathRun(
        String path,
        String service,
        int operations,
        double seconds,
        Histogram latency,
        int operationsPerRequest,
        boolean complete,
        String database,
        String collection,
        Bson written,
        int rawBatch,
        List<String> topics) {

    double rate() {
        return operations / seconds;
    }

    double p50Millis() {
        return latency.getValueAtPercentile(50) / 1e6;
    }

    double p99Millis() {
        return latency.getValueAtPercentile(99) / 1e6;
    }
}
