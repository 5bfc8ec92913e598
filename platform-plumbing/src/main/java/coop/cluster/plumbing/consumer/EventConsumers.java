package coop.cluster.plumbing.consumer;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import tools.jackson.databind.ObjectMapper;

/**
 * Runs one Kafka listener container per {@link EventSubscription}.
 *
 * <p>Failures: a record whose envelope cannot be read is turned into a {@code
 * DeserializationException} by the {@link ErrorHandlingDeserializer}; a payload that cannot be read
 * raises {@link PoisonEventException}. Both go straight to the dead-letter topic. Any other failure
 * is retried a bounded number of times with exponential back-off, then dead-lettered, except a
 * failure because the store or the broker is out of reach, which is retried until it is back
 * ({@link OutageRetry}). The dead letter keeps the original headers and bytes and adds the reason
 * ({@code kafka_dlt-exception-message}, {@code kafka_dlt-exception-fqcn}, original topic,
 * partition, offset and consumer group, and {@value #REASON_HEADER}, the reason in one line), and
 * the consumer moves on to the next record, without a seek ({@link EventErrorHandler}).
 *
 * <p>A subscription with a batch route ({@link EventSubscription.Builder#onBatch}) gets a batch
 * listener ({@link BatchEventDispatcher}): each poll's records are handed over together, its
 * offsets committed once the listener returns. A record that fails there is named to the error
 * handler by its index ({@code BatchListenerFailedException}): the records before it are committed,
 * it alone is retried and dead-lettered as above, and the ones after it are handed over again.
 */
public class EventConsumers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventConsumers.class);

    /**
     * Added to each dead letter beside Spring Kafka's {@code kafka_dlt-*} headers: {@link #reason},
     * the one line {@code ./platform dlt list} counts dead letters by.
     */
    public static final String REASON_HEADER = "dlt-reason";

    private static final int MAX_REASON = 500;

    private final List<ConcurrentMessageListenerContainer<String, CloudEvent>> containers =
            new ArrayList<>();
    private volatile boolean running;

    public EventConsumers(
            List<EventSubscription> subscriptions,
            String applicationName,
            Map<String, Object> consumerProperties,
            ConsumerSettings settings,
            Map<Class<?>, KafkaOperations<?, ?>> deadLetterTemplates,
            ObjectMapper json,
            MeterRegistry meters,
            ObservationRegistry observations,
            ApplicationContext context) {
        for (EventSubscription subscription : subscriptions) {
            String group = groupId(applicationName, subscription);
            Map<String, Object> props = new HashMap<>(consumerProperties);
            props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
            props.put(
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class);
            props.put(
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                    ErrorHandlingDeserializer.class);
            props.put(ErrorHandlingDeserializer.KEY_DESERIALIZER_CLASS, StringDeserializer.class);
            props.put(
                    ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS,
                    CloudEventDeserializer.class);
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);

            ContainerProperties containerProperties =
                    new ContainerProperties(subscription.topics().toArray(String[]::new));
            EventDispatcher dispatcher = new EventDispatcher(subscription, json, meters);
            // a subscription with a batch route is handed each poll's records together
            // (BatchEventDispatcher)
            containerProperties.setMessageListener(
                    subscription.batched()
                            ? new BatchEventDispatcher(subscription, dispatcher, meters)
                            : dispatcher);
            containerProperties.setObservationEnabled(true);
            containerProperties.setObservationRegistry(observations);
            containerProperties.setAckMode(ContainerProperties.AckMode.BATCH);

            var container =
                    new ConcurrentMessageListenerContainer<>(
                            new DefaultKafkaConsumerFactory<String, CloudEvent>(props),
                            containerProperties);
            container.setConcurrency(subscription.concurrency());
            container.setBeanName("events-" + subscription.name());
            container.setApplicationContext(context);
            container.setCommonErrorHandler(
                    errorHandler(
                            group,
                            deadLetterTopic(applicationName, subscription),
                            deadLetterTemplates,
                            settings,
                            meters,
                            subscription.name()));
            containers.add(container);
        }
    }

    public static String groupId(String applicationName, EventSubscription subscription) {
        return applicationName + "." + subscription.name();
    }

    public static String deadLetterTopic(String applicationName, EventSubscription subscription) {
        return groupId(applicationName, subscription) + ".dlt";
    }

    private static DefaultErrorHandler errorHandler(
            String group,
            String deadLetterTopic,
            Map<Class<?>, KafkaOperations<?, ?>> templates,
            ConsumerSettings settings,
            MeterRegistry meters,
            String subscription) {
        var recoverer =
                new DeadLetterPublishingRecoverer(
                        new LinkedHashMap<>(templates),
                        (ConsumerRecord<?, ?> record, Exception e) ->
                                new TopicPartition(deadLetterTopic, -1));
        recoverer.setFailIfSendResultIsError(true);
        // Spring Kafka takes the group from the ListenerExecutionFailedException, which is
        // unwrapped below
        recoverer.setHeadersFunction(
                (record, e) ->
                        new RecordHeaders(
                                new RecordHeader[] {
                                    new RecordHeader(
                                            KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP,
                                            group.getBytes(StandardCharsets.UTF_8)),
                                    new RecordHeader(
                                            REASON_HEADER,
                                            reason(e).getBytes(StandardCharsets.UTF_8))
                                }));
        Counter deadLettered =
                Counter.builder("cluster.events.deadlettered")
                        .tag("subscription", subscription)
                        .description("Records sent to the dead-letter topic")
                        .register(meters);
        var backOff = new ExponentialBackOffWithMaxRetries(settings.maxRetries());
        backOff.setInitialInterval(settings.initialBackoff().toMillis());
        backOff.setMultiplier(settings.backoffMultiplier());
        backOff.setMaxInterval(settings.maxBackoff().toMillis());
        ConsumerAwareRecordRecoverer deadLetter =
                (record, consumer, exception) -> {
                    log.error(
                            "Dead-lettering {}-{}@{} to {}: {}",
                            record.topic(),
                            record.partition(),
                            record.offset(),
                            deadLetterTopic,
                            reason(exception));
                    // the headers name what failed (PoisonEventException,
                    // DeserializationException...), not the container's
                    // ListenerExecutionFailedException around it
                    recoverer.accept(record, consumer, EventErrorHandler.unwrap(exception));
                    deadLettered.increment();
                };
        var handler = new EventErrorHandler(deadLetter, backOff);
        handler.addNotRetryableExceptions(PoisonEventException.class);
        return OutageRetry.untilBack(handler, settings, subscription);
    }

    /**
     * Why a record was dead-lettered, in one line: the message of the {@link PoisonEventException}
     * among the causes (it names the event and what is wrong with it), else the root cause's (what
     * the CloudEvents deserializer said of bytes that are no event, what the handler's last retry
     * failed on), with its class's simple name.
     */
    static String reason(Throwable e) {
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PoisonEventException) {
                root = t;
                break;
            }
            root = t;
        }
        String message =
                root.getMessage() == null ? "" : root.getMessage().replaceAll("\\s+", " ").strip();
        if (message.length() > MAX_REASON) {
            message = message.substring(0, MAX_REASON) + "...";
        }
        return root.getClass().getSimpleName() + ": " + message;
    }

    /**
     * Stops handing the records of the subscription {@code name} over (its consumers stay in their
     * group, their partitions paused) until {@link #resume}: what an operator does to hold a
     * consumer back, and how a test lets a topic fill up before its consumers read it.
     */
    public void pause(String name) {
        container(name).pause();
    }

    public void resume(String name) {
        container(name).resume();
    }

    /** Whether every consumer of the subscription {@code name} has paused its partitions. */
    public boolean paused(String name) {
        return container(name).isContainerPaused();
    }

    private ConcurrentMessageListenerContainer<String, CloudEvent> container(String name) {
        return containers.stream()
                .filter(c -> c.getBeanName().equals("events-" + name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No subscription named " + name));
    }

    @Override
    public void start() {
        containers.forEach(
                container -> {
                    container.start();
                    log.info(
                            "Consuming {} as {}",
                            container.getContainerProperties().getTopics(),
                            container.getGroupId());
                });
        running = true;
    }

    @Override
    public void stop() {
        containers.forEach(ConcurrentMessageListenerContainer::stop);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Containers start after everything else and stop first. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    List<ConcurrentMessageListenerContainer<String, CloudEvent>> containers() {
        return containers;
    }
}
