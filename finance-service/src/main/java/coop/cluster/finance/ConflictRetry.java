package coop.cluster.finance;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Retries a write that lost a race to another writer (the ledger's next sequence taken, a
 * statement's reconciliation stored by another run): at most {@code maxAttempts} attempts, with a
 * short random pause before each retry, so that writers that keep colliding spread out (each
 * collision is another writer's success).
 *
 * <p>An attempt answers its outcome, or nothing when it lost the race; only a lost race is retried,
 * any exception ends the retries at once and is thrown as it is. The pause before retry {@code n}
 * is drawn uniformly from 0 to {@code min(2^min(n, 5), 25)} ms ("full jitter": 0–2, 0–4, 0–8, 0–16,
 * then 0–25 ms); none follows the last attempt.
 *
 * <p>Spring Framework's {@link RetryTemplate} runs the attempts: its policy retries only the
 * private signal of a lost race, and its back-off is this class's own, because the template's
 * built-in jitter spreads a delay around its base ({@code delay ± jitter}, never below it) where
 * these pauses start at zero.
 */
public final class ConflictRetry {

    private final int maxAttempts;
    private final RetryTemplate template;

    /**
     * @param maxAttempts the attempts at most, the first included (at least 1)
     */
    public ConflictRetry(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
        this.template =
                new RetryTemplate(
                        RetryPolicy.builder()
                                .includes(Lost.class)
                                .backOff(new FullJitter(maxAttempts - 1))
                                .build());
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * Runs {@code attempt} until it answers an outcome, at most {@link #maxAttempts} times.
     *
     * @param attempt one attempt: its outcome, or empty when another writer got there first
     * @param exhausted the exception to throw when every attempt lost
     * @param interrupted the exception to throw when the thread is interrupted during a pause (its
     *     interrupt flag is set again)
     * @return the first outcome
     */
    public <T> T run(
            Supplier<Optional<T>> attempt,
            Supplier<? extends RuntimeException> exhausted,
            Supplier<? extends RuntimeException> interrupted) {
        try {
            return template.execute(() -> attempt.get().orElseThrow(Lost::new));
        } catch (RetryException stopped) {
            Throwable last = stopped.getLastException();
            if (last instanceof Lost) {
                // the template stops after maxAttempts - 1 retries, or earlier when interrupted
                // while pausing
                throw stopped.getRetryCount() < maxAttempts - 1
                        ? interrupted.get()
                        : exhausted.get();
            }
            if (last instanceof RuntimeException failed) {
                throw failed;
            }
            if (last instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(
                    last); // an attempt is a Supplier: it throws nothing checked
        }
    }

    /** The longest pause before retry {@code retry} (1 for the first), in milliseconds. */
    static long pauseCapMillis(int retry) {
        return Math.min(1L << Math.min(retry, 5), 25L);
    }

    /**
     * A pause from 0 to {@link #pauseCapMillis} before each of at most {@code maxRetries} retries.
     */
    private record FullJitter(int maxRetries) implements BackOff {

        @Override
        public BackOffExecution start() {
            int[] retries = {0};
            return () ->
                    retries[0] >= maxRetries
                            ? BackOffExecution.STOP
                            : ThreadLocalRandom.current()
                                    .nextLong(pauseCapMillis(++retries[0]) + 1);
        }
    }

    /** An attempt lost the race: the only failure retried. No stack trace, it is not an error. */
    private static final class Lost extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Lost() {
            super("lost the race to another writer", null, false, false);
        }
    }
}
