package coop.cluster.plumbing.resilience;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * At most one line per interval for a failure that may repeat many times a second during an outage;
 * the lines left out are counted and the next line says how many.
 */
public final class ThrottledLog {

    private final long intervalNanos;
    private final AtomicLong nextAt = new AtomicLong(System.nanoTime());
    private final AtomicLong suppressed = new AtomicLong();

    public ThrottledLog(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /**
     * @return -1 if this occurrence is not to be logged, else how many were left out since the last
     *     line logged
     */
    public long admit() {
        long now = System.nanoTime();
        long next = nextAt.get();
        if (now - next >= 0 && nextAt.compareAndSet(next, now + intervalNanos)) {
            return suppressed.getAndSet(0);
        }
        suppressed.incrementAndGet();
        return -1;
    }
}
