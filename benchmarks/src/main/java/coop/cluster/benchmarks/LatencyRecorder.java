package coop.cluster.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Latencies of one run, and the span from its first start to its last completion. */
final class LatencyRecorder {

    private final Histogram latencies = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(60), 3);
    private final AtomicLong firstStart = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastEnd = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong count = new AtomicLong();

    void started(long nanos) {
        firstStart.accumulateAndGet(nanos, Math::min);
    }

    void completed(long startNanos, long endNanos) {
        latencies.recordValue(Math.max(0, endNanos - startNanos));
        lastEnd.accumulateAndGet(endNanos, Math::max);
        count.incrementAndGet();
    }

    long count() {
        return count.get();
    }

    double rate() {
        return count.get() / ((lastEnd.get() - firstStart.get()) / 1e9);
    }

    double p99Millis() {
        return latencies.getValueAtPercentile(99) / 1e6;
    }

    String summary(String name) {
        double seconds = (lastEnd.get() - firstStart.get()) / 1e9;
        return "%-34s %9d events %10.0f events/s   p50 %7.2f ms   p99 %7.2f ms   max %8.2f ms"
                .formatted(
                        name,
                        count.get(),
                        count.get() / seconds,
                        latencies.getValueAtPercentile(50) / 1e6,
                        latencies.getValueAtPercentile(99) / 1e6,
                        latencies.getMaxValue() / 1e6);
    }
}
