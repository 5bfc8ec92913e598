package coop.cluster.plumbing.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.plumbing.consumer.IdempotentEffects;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/** A batch's effects in bulk writes on the embedded store, each still applied once. */
@EmbeddedInfraTest
class BulkEffectsIT {

    private MongoClient client;
    private MongoTemplate mongo;
    private IdempotentEffects effects;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void store() {
        String database = "bulk_effects_it_" + UUID.randomUUID().toString().substring(0, 8);
        client = MongoClients.create(EmbeddedInfra.shared().mongoUri(database));
        mongo = new MongoTemplate(client, database);
        effects = new IdempotentEffects(mongo, 200, meters);
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void insertsWhatIsNewAndRefusesWhatExistsOneByOne() {
        mongo.insert(new Document("_id", "b").append("v", "before"), "effects");

        var inserted =
                effects.insertAllOnce(
                        "effects",
                        List.of(
                                new Document("_id", "a").append("v", 1),
                                new Document("_id", "b").append("v", 2),
                                new Document("_id", "c").append("v", 3)));

        assertThat(inserted).containsExactly("a", "c");
        assertThat(mongo.findById("b", Document.class, "effects").getString("v"))
                .isEqualTo("before");
        assertThat(mongo.findById("c", Document.class, "effects").getInteger("v")).isEqualTo(3);
        assertThat(meters.counter("cluster.events.duplicates").count()).isEqualTo(1);
    }

    @Test
    void appliesEachEventOnceAndTwoEffectsOnOneDocumentInTheirOrder() {
        List<IdempotentEffects.Effect> batch =
                List.of(
                        new IdempotentEffects.Effect(
                                "x", "e1", new Update().set("title", "first").inc("n", 1)),
                        new IdempotentEffects.Effect(
                                "y", "e2", new Update().set("title", "other").inc("n", 1)),
                        new IdempotentEffects.Effect(
                                "x", "e3", new Update().set("title", "second").inc("n", 1)));

        assertThat(effects.applyAllOnce("items", batch)).isEqualTo(3);
        assertThat(mongo.findById("x", Document.class, "items").getString("title"))
                .isEqualTo("second");

        // the same batch redelivered with one new event: only the new one applies
        List<IdempotentEffects.Effect> again =
                List.of(
                        new IdempotentEffects.Effect(
                                "x", "e1", new Update().set("title", "first").inc("n", 1)),
                        new IdempotentEffects.Effect(
                                "y", "e2", new Update().set("title", "other").inc("n", 1)),
                        new IdempotentEffects.Effect(
                                "y", "e4", new Update().set("title", "later").inc("n", 1)));
        assertThat(effects.applyAllOnce("items", again)).isEqualTo(1);
        assertThat(mongo.findById("x", Document.class, "items").getInteger("n")).isEqualTo(2);
        assertThat(mongo.findById("y", Document.class, "items").getInteger("n")).isEqualTo(2);
        assertThat(mongo.findById("y", Document.class, "items").getString("title"))
                .isEqualTo("later");
    }
}
