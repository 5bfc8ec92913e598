package coop.cluster.benchmarks;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What a write benchmark's measured phase saw: latency by kind of operation, when each operation
 * (by its key) was answered, the errors, and the phase's span; and, against the events read back,
 * each event's lag after its 200.
 */
final class TimedWrites {

    final Map<String, Long> answeredAt = new ConcurrentHashMap<>();
    final AtomicInteger errors = new AtomicInteger();
    final long start = System.nanoTime();
    private final Map<String, Histogram> latency = new ConcurrentHashMap<>();
    private final AtomicLong end = new AtomicLong();

    /**
     * Operation {@code key} of {@code kind}, sent at {@code sentNanos}, answered with {@code
     * response}.
     */
    void record(
            String kind,
            String key,
            long sentNanos,
            HttpResponse<String> response,
            int expectedStatus) {
        long answered = System.nanoTime();
        if (response.statusCode() == expectedStatus) {
            latency(kind).recordValue(Math.min(answered - sentNanos, TimeUnit.MINUTES.toNanos(1)));
            answeredAt.put(key, answered);
        } else if (errors.incrementAndGet() <= 5) {
            System.err.printf("%s answered %d: %s%n", kind, response.statusCode(), response.body());
        }
        end.accumulateAndGet(answered, Math::max);
    }

    Histogram latency(String kind) {
        return latency.computeIfAbsent(
                kind, k -> new ConcurrentHistogram(TimeUnit.MINUTES.toNanos(1), 3));
    }

    double seconds() {
        return (end.get() - start) / 1e9;
    }

    /** How long each answered operation's event took to be read back after its 200. */
    Histogram lag(PublishedEvents published) {
        Histogram lag = new Histogram(TimeUnit.MINUTES.toNanos(5), 3);
        answeredAt.forEach(
                (key, at) -> {
                    Long seen = published.seenAt.get(key);
                    if (seen != null) {
                        lag.recordValue(Math.max(0, seen - at));
                    }
                });
        return lag;
    }
}
