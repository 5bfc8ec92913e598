package coop.cluster.plumbing.it;

import coop.cluster.plumbing.consumer.EventSubscription;
import coop.cluster.plumbing.consumer.IdempotentEffects;
import coop.cluster.plumbing.consumer.ReceivedEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.Document;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * A consuming application with a batch handler: the notes read from {@code it.batch-notes} in one
 * poll are stored in one unordered bulk insert, each with an id derived from its event's (a note
 * stored before is a duplicate, skipped).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class BatchNotesApp {

    static final String TOPIC = "it.batch-notes";
    static final String TYPE = "it.note.written.v1";

    /** The size of every batch handed to the handler. */
    static final List<Integer> BATCHES = new CopyOnWriteArrayList<>();

    record NoteWritten(String text) {}

    @Bean
    EventSubscription batchNotes(MongoTemplate mongo) {
        return EventSubscription.named("batch-notes")
                .topics(TOPIC)
                .onBatch(
                        TYPE,
                        NoteWritten.class,
                        (List<ReceivedEvent<NoteWritten>> events) -> {
                            BATCHES.add(events.size());
                            if (events.stream().anyMatch(e -> "explode".equals(e.data().text()))) {
                                throw new IllegalStateException("this note always fails");
                            }
                            BulkOperations bulk =
                                    mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, "batch_notes");
                            events.forEach(
                                    e ->
                                            bulk.insert(
                                                    new Document(
                                                                    "_id",
                                                                    IdempotentEffects.effectId(
                                                                            e.id(), "note"))
                                                            .append("text", e.data().text())));
                            try {
                                bulk.execute();
                            } catch (DuplicateKeyException
                                    | org.springframework.data.mongodb.BulkOperationException
                                            seen) {
                                // a redelivered note: stored already
                            }
                        })
                .build();
    }
}
