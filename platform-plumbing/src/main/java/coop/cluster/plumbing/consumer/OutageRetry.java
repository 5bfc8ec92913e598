package coop.cluster.plumbing.consumer;

import coop.cluster.plumbing.resilience.Outages;
import coop.cluster.plumbing.resilience.ThrottledLog;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * A record whose handling failed because the store or the broker is out of reach ({@link Outages})
 * is retried for as long as the outage lasts, with back-off up to {@code
 * cluster.consumers.max-backoff}, and never dead-lettered: the record is fine, and a dead letter
 * would lose its effect. Any other failure keeps the bounded retries, then the dead letter. Logs
 * one line per failed record and, during an outage, one line per 30 s at most (the listener
 * container would log every attempt with its stack trace); nothing for a record that an {@link
 * EventErrorHandler} dead-letters without retrying (Spring Kafka reports it as a failed delivery
 * too), whose recoverer logs it.
 */
public final class OutageRetry {

    private static final Logger log = LoggerFactory.getLogger(OutageRetry.class);

    private OutageRetry() {}

    /**
     * Makes {@code handler}, of the consumer named {@code consumer}, retry outages until they end.
     */
    public static DefaultErrorHandler untilBack(
            DefaultErrorHandler handler, ConsumerSettings settings, String consumer) {
        handler.setBackOffFunction(
                (record, failure) -> Outages.isOutage(failure) ? unlimited(settings) : null);
        handler.setResetStateOnExceptionChange(true);
        handler.setLogLevel(KafkaException.Level.DEBUG);
        ThrottledLog outageLog = new ThrottledLog(Duration.ofSeconds(30));
        handler.setRetryListeners(
                new RetryListener() {
                    @Override
                    public void failedDelivery(
                            ConsumerRecord<?, ?> record, Exception failure, int attempt) {
                        if (handler instanceof EventErrorHandler classified
                                && !classified.retries(failure)) {
                            return; // poison: dead-lettered at once, and the recoverer says so
                        }
                        if (Outages.isOutage(failure)) {
                            long leftOut = outageLog.admit();
                            if (leftOut >= 0) {
                                log.warn(
                                        "{}: store or broker unavailable while handling {}-{}@{}"
                                                + " (attempt {}), retrying until it is back{}: {}",
                                        consumer,
                                        record.topic(),
                                        record.partition(),
                                        record.offset(),
                                        attempt,
                                        leftOut > 0
                                                ? " (" + leftOut + " more failed attempts)"
                                                : "",
                                        Outages.cause(failure).toString());
                            }
                        } else if (attempt == 1) {
                            log.warn(
                                    "{}: handling {}-{}@{} failed, retrying with back-off",
                                    consumer,
                                    record.topic(),
                                    record.partition(),
                                    record.offset(),
                                    failure);
                        } else {
                            log.info(
                                    "{}: handling {}-{}@{} failed again (attempt {}): {}",
                                    consumer,
                                    record.topic(),
                                    record.partition(),
                                    record.offset(),
                                    attempt,
                                    failure.toString());
                        }
                    }
                });
        return handler;
    }

    private static ExponentialBackOff unlimited(ConsumerSettings settings) {
        ExponentialBackOff backOff =
                new ExponentialBackOff(
                        settings.initialBackoff().toMillis(), settings.backoffMultiplier());
        backOff.setMaxInterval(settings.maxBackoff().toMillis());
        backOff.setMaxAttempts(Long.MAX_VALUE);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        return backOff;
    }
}
