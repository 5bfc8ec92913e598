package coop.cluster.infra.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.DockerClientFactory;

/**
 * The Testcontainers mode; runs only where a Docker engine answers (skipped on the build machines).
 */
@EnabledIf("dockerAvailable")
class ContainerInfraBackendIT {

    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    @Test
    void containersAnswerAndKeepTheirDataAcrossAStopAndAStart() throws Exception {
        ContainerInfraBackend backend = new ContainerInfraBackend();
        try {
            backend.start();
            String bootstrap = backend.bootstrapServers();
            send(bootstrap, "containers", "before");

            backend.stopBroker();
            backend.startBroker();
            assertThat(backend.bootstrapServers()).isEqualTo(bootstrap);
            assertThat(read(bootstrap, "containers", 1)).containsExactly("before");

            try (MongoClient client = MongoClients.create(backend.mongoUri("tc"))) {
                client.getDatabase("tc").getCollection("docs").insertOne(new Document("_id", 1));
            }
            backend.stopStore();
            backend.startStore();
            try (MongoClient client = MongoClients.create(backend.mongoUri("tc"))) {
                assertThat(client.getDatabase("tc").getCollection("docs").countDocuments())
                        .isEqualTo(1);
            }
        } finally {
            backend.close();
        }
    }

    private static void send(String bootstrap, String topic, String value) throws Exception {
        Map<String, Object> config =
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ProducerConfig.ACKS_CONFIG,
                        "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, value)).get(60, TimeUnit.SECONDS);
        }
    }

    private static List<String> read(String bootstrap, String topic, int expected) {
        Map<String, Object> config =
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "tc-reader",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (values.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
        }
        return values;
    }
}
