package coop.cluster.plumbing.consumer;

import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ErrorHandlingUtils;
import org.springframework.util.backoff.BackOff;

/**
 * The consumers' error handler: Spring Kafka's {@link DefaultErrorHandler} that
 *
 * <ul>
 *   <li>does not seek after a failure ({@link #setSeekAfterError(boolean) seekAfterError} false):
 *       the records after a failed one stay in memory and are handed to the listener again, where a
 *       seek would make the consumer fetch them anew. A fetch after a seek waits for the fetch
 *       already in flight at the log's end, which the broker holds up to {@code fetch.max.wait.ms}
 *       (500 ms): with seeks, each poison record cost half a second, and 200 of them in a row held
 *       the consumer 93 s (docs/events.md, "Poison records and dead letters");
 *   <li>says whether it retries a failure ({@link #retries}), so that {@link OutageRetry} does not
 *       announce a retry for a record that goes straight to the dead-letter topic.
 * </ul>
 */
public class EventErrorHandler extends DefaultErrorHandler {

    public EventErrorHandler(ConsumerRecordRecoverer recoverer, BackOff backOff) {
        super(recoverer, backOff);
        setSeekAfterError(false);
    }

    /**
     * Whether {@code failure} is retried (with the back-off or until an outage ends) rather than
     * dead-lettered at once.
     */
    public boolean retries(Exception failure) {
        return getExceptionMatcher().match(unwrap(failure));
    }

    /**
     * What failed: the exception without the container's wrappers, nor the {@link
     * BatchListenerFailedException} that a batch consumer ({@link BatchEventDispatcher}) wraps each
     * record's failure in to say which record it was.
     */
    static Exception unwrap(Exception failure) {
        Exception unwrapped = ErrorHandlingUtils.unwrapIfNeeded(failure);
        if (unwrapped instanceof BatchListenerFailedException batch
                && batch.getCause() instanceof Exception cause) {
            return ErrorHandlingUtils.unwrapIfNeeded(cause);
        }
        return unwrapped;
    }
}
