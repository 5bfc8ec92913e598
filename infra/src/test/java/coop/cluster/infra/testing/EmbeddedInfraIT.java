package coop.cluster.infra.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import coop.cluster.infra.support.NetworkPorts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@EmbeddedInfraTest
class EmbeddedInfraIT {

    private static EmbeddedInfra infra;

    @BeforeAll
    static void shared() {
        infra = EmbeddedInfra.shared();
    }

    @Test
    void theExtensionPublishesTheAddressesToSpringBoot() {
        assertThat(EmbeddedInfra.shared()).isSameAs(infra);
        assertThat(System.getProperty("spring.kafka.bootstrap-servers"))
                .isEqualTo(infra.bootstrapServers())
                .startsWith("127.0.0.1:");
        assertThat(System.getProperty("spring.mongodb.uri"))
                .isEqualTo(infra.mongoUri("it"))
                .endsWith("/it");
        assertThat(infra.mode()).isEqualTo(EmbeddedInfra.Mode.EMBEDDED);
        assertThat(ProcessHandle.of(infra.brokerPid()))
                .hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
    }

    @Test
    void producesAndConsumesARecord() throws Exception {
        String topic = topic();

        send(topic, "member-1", "MemberRegistered");

        assertThat(readFromStart(topic, "reader-" + topic, 1))
                .extracting(ConsumerRecord::value)
                .containsExactly("MemberRegistered");
    }

    @Test
    void recordsAndCommittedOffsetsSurviveACleanBrokerRestart() throws Exception {
        String topic = topic();
        String group = "group-" + topic;
        send(topic, "k", "one");
        send(topic, "k", "two");
        assertThat(readFromStart(topic, group, 2)).hasSize(2);

        long pidBefore = infra.brokerPid();
        infra.stopBroker();
        assertThat(infra.isBrokerRunning()).isFalse();
        assertThat(NetworkPorts.isListening("127.0.0.1", port(infra.bootstrapServers()))).isFalse();
        assertThat(infra.brokerOutput())
                .hasValueSatisfying(
                        out -> assertThat(out).content().contains("Kafka broker stopped"));

        infra.startBroker();
        assertThat(infra.brokerPid()).isNotEqualTo(pidBefore);
        send(topic, "k", "three");

        assertThat(readFromStart(topic, group, 1))
                .extracting(ConsumerRecord::value)
                .as("the group's committed offsets survived: it resumes after 'two'")
                .containsExactly("three");
        assertThat(readFromStart(topic, "fresh-" + topic, 3))
                .extracting(ConsumerRecord::value)
                .as("the records survived")
                .containsExactly("one", "two", "three");
    }

    @Test
    void acknowledgedRecordsSurviveAKill9OfTheBroker() throws Exception {
        String topic = topic();
        send(topic, "k", "before the crash");

        infra.killBroker();
        assertThat(infra.isBrokerRunning()).isFalse();
        infra.startBroker();

        assertThat(readFromStart(topic, "after-crash-" + topic, 1))
                .extracting(ConsumerRecord::value)
                .containsExactly("before the crash");
    }

    @Test
    void writesAndReadsADocumentOverTheWire() {
        try (MongoClient client = MongoClients.create(infra.mongoUri("harness"))) {
            MongoCollection<Document> calls = client.getDatabase("harness").getCollection("calls");
            calls.insertOne(new Document("_id", "call-1").append("title", "Digital Europe"));

            assertThat(calls.find(new Document("_id", "call-1")).first())
                    .containsEntry("title", "Digital Europe");
            assertThat(client.getDatabase("harness").runCommand(new Document("hello", 1)))
                    .as("Spring Boot's MongoDB health indicator sends hello")
                    .containsEntry("isWritablePrimary", true);
        }
    }

    @Test
    void theStoreKeepsItsDataAcrossARestart() {
        String uri = infra.mongoUri("harness");
        try (MongoClient client = MongoClients.create(uri)) {
            client.getDatabase("harness")
                    .getCollection("ledger")
                    .insertOne(new Document("_id", "entry-1").append("amount", 10));
        }

        infra.stopStore();
        try {
            assertThat(
                            NetworkPorts.isListening(
                                    "127.0.0.1",
                                    port(
                                            uri.substring(
                                                    "mongodb://".length(), uri.lastIndexOf('/')))))
                    .isFalse();
        } finally {
            infra.startStore();
        }

        try (MongoClient client = MongoClients.create(uri)) {
            assertThat(
                            client.getDatabase("harness")
                                    .getCollection("ledger")
                                    .find(new Document("_id", "entry-1"))
                                    .first())
                    .containsEntry("amount", 10);
        }
    }

    private static String topic() {
        return "harness-" + UUID.randomUUID();
    }

    private static int port(String hostPort) {
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }

    private static void send(String topic, String key, String value) throws Exception {
        Map<String, Object> config =
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        infra.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        30_000,
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                        10_000);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Reads {@code expected} records as {@code group} (from the start if it has no offsets),
     * commits, and returns them.
     */
    private static List<ConsumerRecord<String, String>> readFromStart(
            String topic, String group, int expected) {
        Map<String, Object> config =
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        infra.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        group,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            consumer.commitSync();
        }
        return records;
    }
}
