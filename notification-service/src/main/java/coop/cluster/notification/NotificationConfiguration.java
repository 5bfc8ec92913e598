package coop.cluster.notification;

import coop.cluster.notification.audience.Audience;
import coop.cluster.notification.bounce.Bounces;
import coop.cluster.notification.email.DeadLetters;
import coop.cluster.notification.email.Deliveries;
import coop.cluster.notification.email.DeliveryWorker;
import coop.cluster.notification.email.EmailSettings;
import coop.cluster.notification.email.Mailer;
import coop.cluster.notification.notify.EventNotices;
import coop.cluster.notification.notify.NotificationMetrics;
import coop.cluster.notification.notify.Renderer;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import tools.jackson.databind.ObjectMapper;

/**
 * The pieces that are not components: rendering, the recipient rules, the e-mail worker and its
 * dead letters. (Each store makes its own indexes once the service is ready.)
 */
@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

    private static final Logger log = LoggerFactory.getLogger(NotificationConfiguration.class);

    @Bean
    Renderer renderer() {
        return new Renderer();
    }

    @Bean
    EventNotices eventNotices(Audience audience, Clock clock) {
        return new EventNotices(audience, clock);
    }

    /**
     * Without a mail server ({@code spring.mail.host} unset) no mail is sent: the deliveries wait,
     * pending, for a start with one; the inbox works regardless.
     */
    @Bean
    DeliveryWorker deliveryWorker(
            ObjectProvider<JavaMailSender> sender,
            Deliveries deliveries,
            DeadLetters deadLetters,
            Bounces bounces,
            NotificationMetrics metrics,
            EmailSettings settings,
            Clock clock) {
        JavaMailSender mail = sender.getIfAvailable();
        if (mail == null) {
            log.warn(
                    "No mail server is configured (spring.mail.host / SPRING_MAIL_HOST): e-mail"
                            + " notifications wait, pending, until the service starts with one");
        }
        return new DeliveryWorker(
                deliveries,
                mail == null ? null : new Mailer(mail, settings),
                deadLetters,
                bounces,
                metrics,
                settings,
                clock);
    }

    @Bean
    DeadLetters deadLetters(KafkaProperties kafka, ObjectMapper json) {
        Map<String, Object> props = new HashMap<>(kafka.buildProducerProperties());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return new DeadLetters(
                new KafkaTemplate<>(new DefaultKafkaProducerFactory<String, String>(props)), json);
    }

    @Bean
    KafkaAdmin.NewTopics emailDeadLetterTopic() {
        return new KafkaAdmin.NewTopics(
                TopicBuilder.name(DeadLetters.TOPIC).partitions(1).replicas(1).build());
    }
}
