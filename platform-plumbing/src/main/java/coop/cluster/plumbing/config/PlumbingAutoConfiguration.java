package coop.cluster.plumbing.config;

import coop.cluster.plumbing.consumer.ConsumerSettings;
import coop.cluster.plumbing.consumer.EventConsumers;
import coop.cluster.plumbing.consumer.EventSubscription;
import coop.cluster.plumbing.consumer.IdempotentEffects;
import coop.cluster.plumbing.events.EventCatalog;
import coop.cluster.plumbing.events.EventFactory;
import coop.cluster.plumbing.outbox.OutboxProperties;
import coop.cluster.plumbing.outbox.OutboxRelay;
import coop.cluster.plumbing.outbox.OutboxWriter;
import coop.cluster.plumbing.web.CorrelationIdFilter;
import coop.cluster.plumbing.web.ProblemDetailsAdvice;
import coop.cluster.plumbing.web.ProblemWriter;
import coop.cluster.plumbing.web.RequestSizeLimitFilter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.support.ReloadableResourceBundleMessageSource;
import org.springframework.core.Ordered;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import tools.jackson.databind.ObjectMapper;

/** Wires the plumbing into every service that has it on its classpath. */
@AutoConfiguration(after = {KafkaAutoConfiguration.class, DataMongoAutoConfiguration.class})
@EnableConfigurationProperties({
    OutboxProperties.class,
    ConsumerSettings.class,
    EventTopicsProperties.class
})
public class PlumbingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    EventCatalog eventCatalog() {
        return EventCatalog.empty();
    }

    @Bean
    EventFactory eventFactory(
            EventCatalog catalog,
            ObjectMapper json,
            Clock clock,
            ObjectProvider<Tracer> tracer,
            ObjectProvider<Propagator> propagator) {
        return new EventFactory(
                catalog, json, clock, tracer.getIfAvailable(), propagator.getIfAvailable());
    }

    @Bean
    EventKafkaTemplates eventKafkaTemplates(KafkaProperties kafka, MeterRegistry meters) {
        return new EventKafkaTemplates(kafka.buildProducerProperties(), meters);
    }

    @Bean
    OutboxRelay outboxRelay(
            MongoTemplate mongo,
            EventKafkaTemplates templates,
            OutboxProperties properties,
            Clock clock,
            MeterRegistry meters,
            @Value("${spring.application.name}") String application,
            @Value("${server.port:0}") int port) {
        String instanceId =
                properties.instanceId() != null
                        ? properties.instanceId()
                        : port > 0 ? hostName() + ":" + port : UUID.randomUUID().toString();
        return new OutboxRelay(
                mongo,
                templates.events(),
                properties,
                instanceId,
                URI.create("/" + application),
                clock,
                meters);
    }

    @Bean
    OutboxWriter outboxWriter(MongoTemplate mongo, OutboxProperties properties, OutboxRelay relay) {
        return new OutboxWriter(mongo, properties, relay::pending);
    }

    @Bean
    IdempotentEffects idempotentEffects(
            MongoTemplate mongo, ConsumerSettings settings, MeterRegistry meters) {
        return new IdempotentEffects(mongo, settings.dedupeWindow(), meters);
    }

    @Bean
    EventConsumers eventConsumers(
            ObjectProvider<EventSubscription> subscriptions,
            KafkaProperties kafka,
            ConsumerSettings settings,
            EventKafkaTemplates templates,
            ObjectMapper json,
            MeterRegistry meters,
            ObjectProvider<ObservationRegistry> observations,
            ApplicationContext context,
            @Value("${spring.application.name}") String application) {
        return new EventConsumers(
                subscriptions.orderedStream().toList(),
                application,
                kafka.buildConsumerProperties(),
                settings,
                templates.deadLetters(),
                json,
                meters,
                observations.getIfAvailable(() -> ObservationRegistry.NOOP),
                context);
    }

    /**
     * The topics this service publishes to, reads from, and dead-letters to, created at start-up if
     * missing.
     */
    @Bean
    KafkaAdmin.NewTopics eventTopics(
            EventCatalog catalog,
            ObjectProvider<EventSubscription> subscriptions,
            EventTopicsProperties topics,
            @Value("${spring.application.name}") String application) {
        Set<String> names = new TreeSet<>(catalog.topics());
        List<EventSubscription> all = subscriptions.orderedStream().toList();
        all.forEach(subscription -> names.addAll(subscription.topics()));
        List<NewTopic> declared =
                new java.util.ArrayList<>(
                        names.stream()
                                .map(
                                        name ->
                                                TopicBuilder.name(name)
                                                        .partitions(topics.partitions())
                                                        .replicas(topics.replicationFactor())
                                                        .build())
                                .toList());
        all.forEach(
                subscription ->
                        declared.add(
                                TopicBuilder.name(
                                                EventConsumers.deadLetterTopic(
                                                        application, subscription))
                                        .partitions(1)
                                        .replicas(topics.replicationFactor())
                                        .build()));
        return new KafkaAdmin.NewTopics(declared.toArray(NewTopic[]::new));
    }

    @Bean
    MessageSource problemMessages() {
        ReloadableResourceBundleMessageSource messages =
                new ReloadableResourceBundleMessageSource();
        messages.setBasenames("classpath:messages", "classpath:problem-messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        messages.setAlwaysUseMessageFormat(
                true); // so '' is one apostrophe with or without arguments
        return messages;
    }

    @Bean
    ProblemWriter problemWriter(MessageSource problemMessages, ObjectMapper json) {
        return new ProblemWriter(problemMessages, json);
    }

    @Bean
    ProblemDetailsAdvice problemDetailsAdvice(
            ProblemWriter problems,
            MessageSource problemMessages,
            @Value("${cluster.web.retry-after:5s}") java.time.Duration retryAfter) {
        return new ProblemDetailsAdvice(problems, problemMessages, retryAfter);
    }

    @Bean
    FilterRegistrationBean<CorrelationIdFilter> correlationIdFilter() {
        var registration = new FilterRegistrationBean<>(new CorrelationIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(
            ProblemWriter problems,
            @Value("${cluster.web.max-request-bytes:1048576}") long maxBytes) {
        var registration =
                new FilterRegistrationBean<>(new RequestSizeLimitFilter(maxBytes, problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
