package coop.cluster.notification.email;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * Deliveries given up go to the topic {@code notification-service.email.dlt} (key: the delivery
 * id), with the reason in the record and in the header {@code kafka_dlt-exception-message}, like
 * the consumers' dead letters. The record names the person, never their address.
 */
public class DeadLetters {

    public static final String TOPIC = "notification-service.email.dlt";

    private final KafkaTemplate<String, String> kafka;
    private final ObjectMapper json;

    public DeadLetters(KafkaTemplate<String, String> kafka, ObjectMapper json) {
        this.kafka = kafka;
        this.json = json;
    }

    /**
     * Waits for the broker's acknowledgement: the delivery is marked failed only once its dead
     * letter is kept.
     */
    public void publish(Delivery delivery, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deliveryId", delivery.id());
        body.put("eventId", delivery.eventId());
        body.put("personId", delivery.personId());
        body.put("kind", delivery.kind());
        body.put("channel", "email");
        body.put("claims", delivery.claims());
        body.put("reason", reason);
        ProducerRecord<String, String> record =
                new ProducerRecord<>(TOPIC, delivery.id(), json.writeValueAsString(body));
        record.headers()
                .add("kafka_dlt-exception-message", reason.getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_id", delivery.eventId().getBytes(StandardCharsets.UTF_8));
        try {
            kafka.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering " + delivery.id(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not dead-letter " + delivery.id(), e);
        }
    }
}
