package coop.cluster.fundingwatch.feed.topic;

import coop.cluster.fundingwatch.feed.FeedIntake;
import coop.cluster.plumbing.config.EventKafkaTemplates;
import coop.cluster.plumbing.config.EventTopicsProperties;
import coop.cluster.plumbing.consumer.ConsumerSettings;
import coop.cluster.plumbing.consumer.EventErrorHandler;
import coop.cluster.plumbing.consumer.OutageRetry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

/**
 * Intake from the raw feed topic {@value #TOPIC}: feeds may write their batches there instead of
 * pushing them over HTTP. Each record value is one batch, in any shape the HTTP intake reads; the
 * record key (or a {@code feed-id} header) names the feed. The records are not CloudEvents, so the
 * plumbing's event subscriptions cannot read them: this is a plain Spring Kafka listener container,
 * with the platform's consumer settings, the group {@code <application>.feed-raw}, and the
 * plumbing's dead-letter producers. A record that cannot be taken ({@link RawRecordRejected}) goes
 * at once to {@code <application>.feed-raw.dlt}, with its bytes, its headers, and the reason in
 * {@value #REASON_HEADER} (and Spring Kafka's {@code kafka_dlt-*} headers); any other failure is
 * retried with back-off ({@code cluster.consumers.*}) and then dead-lettered, except a failure
 * because the store or the broker is out of reach, retried until it is back. The consumer goes on
 * with the next record either way.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(
        name = "cluster.feeds.raw-topic.enabled",
        havingValue = "true",
        matchIfMissing = true)
class RawFeedTopic {

    static final String TOPIC = "fundingwatch.feed.raw";
    static final String SUBSCRIPTION = "feed-raw";

    /** The dead letter's header with the reason code, e.g. {@code feed-unknown}. */
    static final String REASON_HEADER = "rejection-reason";

    private static final Logger log = LoggerFactory.getLogger(RawFeedTopic.class);

    @Bean
    ConcurrentMessageListenerContainer<String, byte[]> rawFeedContainer(
            KafkaProperties kafka,
            FeedIntake intake,
            EventKafkaTemplates templates,
            ConsumerSettings settings,
            MeterRegistry meters,
            ObjectProvider<ObservationRegistry> observations,
            @Value("${spring.application.name}") String application,
            @Value("${cluster.feeds.raw-topic.concurrency:1}") int concurrency) {
        String group = application + "." + SUBSCRIPTION;
        Map<String, Object> props = new HashMap<>(kafka.buildConsumerProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // each record is a whole batch (up to 1 MB, 10,000 calls): a few per poll
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10);

        ContainerProperties container = new ContainerProperties(TOPIC);
        container.setMessageListener(new RawFeedListener(intake));
        container.setAckMode(ContainerProperties.AckMode.RECORD);
        container.setObservationEnabled(true);
        container.setObservationRegistry(
                observations.getIfAvailable(() -> ObservationRegistry.NOOP));

        var listener =
                new ConcurrentMessageListenerContainer<>(
                        new DefaultKafkaConsumerFactory<String, byte[]>(props), container);
        listener.setConcurrency(concurrency);
        listener.setCommonErrorHandler(
                errorHandler(deadLetterTopic(application), templates, settings, meters));
        return listener;
    }

    /** The raw topic and its dead-letter topic, created at start-up if missing. */
    @Bean
    KafkaAdmin.NewTopics rawFeedTopics(
            EventTopicsProperties topics, @Value("${spring.application.name}") String application) {
        return new KafkaAdmin.NewTopics(
                TopicBuilder.name(TOPIC)
                        .partitions(topics.partitions())
                        .replicas(topics.replicationFactor())
                        .build(),
                TopicBuilder.name(deadLetterTopic(application))
                        .partitions(1)
                        .replicas(topics.replicationFactor())
                        .build());
    }

    static String deadLetterTopic(String application) {
        return application + "." + SUBSCRIPTION + ".dlt";
    }

    private static DefaultErrorHandler errorHandler(
            String deadLetterTopic,
            EventKafkaTemplates templates,
            ConsumerSettings settings,
            MeterRegistry meters) {
        var recoverer =
                new DeadLetterPublishingRecoverer(
                        new LinkedHashMap<>(templates.deadLetters()),
                        (record, e) -> new TopicPartition(deadLetterTopic, -1));
        recoverer.setFailIfSendResultIsError(true);
        recoverer.setHeadersFunction(
                (record, e) ->
                        new RecordHeaders(
                                new RecordHeader[] {
                                    new RecordHeader(
                                            REASON_HEADER,
                                            reason(e).getBytes(StandardCharsets.UTF_8))
                                }));
        var backOff = new ExponentialBackOffWithMaxRetries(settings.maxRetries());
        backOff.setInitialInterval(settings.initialBackoff().toMillis());
        backOff.setMultiplier(settings.backoffMultiplier());
        backOff.setMaxInterval(settings.maxBackoff().toMillis());
        var handler =
                new EventErrorHandler(
                        (record, e) -> {
                            String reason = reason(e);
                            log.warn(
                                    "Dead-lettering raw feed record {}-{}@{} (key {}) to {}: {}",
                                    record.topic(),
                                    record.partition(),
                                    record.offset(),
                                    record.key(),
                                    deadLetterTopic,
                                    message(e));
                            recoverer.accept(record, e);
                            meters.counter("cluster.feeds.raw.deadlettered", "reason", reason)
                                    .increment();
                        },
                        backOff);
        handler.addNotRetryableExceptions(RawRecordRejected.class);
        // a record that failed because the store or the broker is down is retried until it is back,
        // never dead-lettered
        return OutageRetry.untilBack(handler, settings, SUBSCRIPTION);
    }

    /**
     * The reason code of a {@link RawRecordRejected} among the causes, else {@code
     * processing-failed}.
     */
    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RawRecordRejected rejected) {
                return rejected.reason();
            }
        }
        return "processing-failed";
    }

    private static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
