package coop.cluster.plumbing.lease;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background loop, in a thread of its own, that works only while its instance holds a {@link
 * Lease}: the one instance of a service that holds it works round after round, the others stand by
 * and take it over once it expires.
 *
 * <p>The loop: when the lease is due ({@code renewEvery} since the last attempt for the holder,
 * {@code retryEvery} for an instance without it, and at once the first time), it takes or renews it
 * ({@link Lease#acquire()}). Holding it, it runs a {@link Work#round round} and waits what the
 * round asks; without it, it {@link Work#standingBy stands by} and waits until its next attempt.
 * {@link #wakeUp()} ends a holder's wait at once, but not a stand-by's: a stand-by tries the lease
 * only every {@code retryEvery}, however often it is woken (its instance's writes wake it too, and
 * they must cost no lease command). A round (or an attempt) that fails is retried after the pause
 * the work answers ({@link Work#failed}): the loop survives any failure but the JVM's own ({@link
 * VirtualMachineError}).
 *
 * <p>{@link #stop()} ends the loop (interrupting a round in flight when so configured), lets the
 * work finish ({@link Work#stopped}), then releases the lease so that another instance takes over
 * at once rather than when it expires.
 *
 * @param <T> what a grant of the lease reads ({@link Lease#reading}), handed to each round
 */
public final class LeasedWorker<T> {

    private static final Logger log = LoggerFactory.getLogger(LeasedWorker.class);

    /** What the worker does, round after round, while it holds the lease. */
    public interface Work<T> {

        /**
         * One round, holding the lease.
         *
         * @param lease what the latest grant of the lease read (fresh each round when {@code
         *     renewEvery} is zero)
         * @return how long to wait before the next round (a {@link #wakeUp()} ends the wait); zero
         *     or less: at once
         */
        Duration round(T lease) throws Exception;

        /**
         * A round that failed, the {@code consecutive}-th in a row, failing for {@code failingFor}.
         *
         * @return how long to pause before the next round (a wake-up does not end it)
         */
        Duration failed(Throwable failure, int consecutive, Duration failingFor);

        /** A round of an instance without the lease, before it waits for its next attempt. */
        default void standingBy() throws Exception {}

        /**
         * The lease was taken ({@code true}) or found held by another instance after this one held
         * it.
         */
        default void leaseChanged(boolean held) {}

        /** A round succeeded after {@code failures} failed ones, for {@code failedFor}. */
        default void recovered(int failures, Duration failedFor) {}

        /** After the loop has ended, before the lease is released ({@link #stop()}). */
        default void stopped() {}
    }

    /**
     * How the worker runs.
     *
     * @param name the thread's name
     * @param renewEvery how often the holder renews the lease; zero: before every round (its grant
     *     then reads the state the round works from, in the same command)
     * @param retryEvery how often an instance without the lease tries to take it
     * @param stopTimeout how long {@link #stop()} waits for the loop to end
     * @param interruptOnStop whether {@link #stop()} interrupts a round in flight
     */
    public record Settings(
            String name,
            Duration renewEvery,
            Duration retryEvery,
            Duration stopTimeout,
            boolean interruptOnStop) {

        public Settings {
            Objects.requireNonNull(name, "name");
            if (renewEvery.isNegative() || !retryEvery.isPositive() || stopTimeout.isNegative()) {
                throw new IllegalArgumentException(
                        "renewEvery and stopTimeout cannot be negative, retryEvery must be "
                                + "positive");
            }
        }
    }

    private final Lease<T> lease;
    private final Settings settings;
    private final Work<T> work;
    private final Semaphore wake = new Semaphore(0);

    private volatile boolean running;
    private Thread thread;

    public LeasedWorker(Lease<T> lease, Settings settings, Work<T> work) {
        this.lease = Objects.requireNonNull(lease, "lease");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.work = Objects.requireNonNull(work, "work");
    }

    /** Starts the loop (once). */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name(settings.name()).daemon(true).start(this::loop);
    }

    /**
     * Ends the loop, waiting up to {@code stopTimeout} for it; then {@link Work#stopped()}, then
     * releases the lease (failures of either are logged, not thrown: the lease expires by itself).
     */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        wakeUp();
        if (settings.interruptOnStop()) {
            thread.interrupt();
        }
        try {
            thread.join(settings.stopTimeout());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        thread = null;
        try {
            work.stopped();
        } catch (RuntimeException failed) {
            log.debug("{}: could not finish on stop", settings.name(), failed);
        }
        try {
            lease.release();
        } catch (RuntimeException failed) {
            log.debug(
                    "{}: could not release the lease; it expires by itself",
                    settings.name(),
                    failed);
        }
    }

    public boolean isRunning() {
        return running;
    }

    /**
     * Ends the holder's wait for its next round at once (a stand-by's wait runs on: see the class
     * comment).
     */
    public void wakeUp() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    private void loop() {
        boolean held = false;
        T granted = null;
        long attemptedAt = 0;
        boolean attempted = false;
        int failures = 0;
        long failingSince = 0;
        while (running) {
            try {
                long now = System.nanoTime();
                Duration due = held ? settings.renewEvery() : settings.retryEvery();
                if (!attempted || now - attemptedAt >= due.toNanos()) {
                    boolean wasHeld = held;
                    Optional<T> grant = lease.acquire();
                    held = grant.isPresent();
                    granted = grant.orElse(null);
                    attempted = true;
                    attemptedAt = now;
                    if (held != wasHeld) {
                        work.leaseChanged(held);
                    }
                }
                if (!held) {
                    work.standingBy();
                    long untilAttempt =
                            settings.retryEvery().toNanos() - (System.nanoTime() - attemptedAt);
                    wake.tryAcquire(
                            Math.max(1, TimeUnit.NANOSECONDS.toMillis(untilAttempt)),
                            TimeUnit.MILLISECONDS);
                    continue;
                }
                Duration wait = work.round(granted);
                if (failures > 0) {
                    work.recovered(failures, Duration.ofNanos(System.nanoTime() - failingSince));
                    failures = 0;
                }
                if (wait.isPositive()) {
                    wake.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable failed) {
                // whatever failed, the loop goes on: an outage of the store of any length ends in a
                // round that
                // succeeds; any other failure is the work's to report, and retried the same way
                if (failures == 0) {
                    failingSince = System.nanoTime();
                }
                failures++;
                Duration pause =
                        work.failed(
                                failed,
                                failures,
                                Duration.ofNanos(System.nanoTime() - failingSince));
                try {
                    if (pause.isPositive()) {
                        Thread.sleep(pause);
                    }
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
