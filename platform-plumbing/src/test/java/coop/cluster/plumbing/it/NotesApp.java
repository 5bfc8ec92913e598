package coop.cluster.plumbing.it;

import coop.cluster.plumbing.consumer.EventSubscription;
import coop.cluster.plumbing.consumer.IdempotentEffects;
import coop.cluster.plumbing.consumer.ReceivedEvent;
import org.bson.Document;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;

/** A consuming application: notes read from {@code it.notes} are stored once each. */
@SpringBootConfiguration
@EnableAutoConfiguration
class NotesApp {

    static final String TOPIC = "it.notes";
    static final String TYPE = "it.note.written.v1";

    record NoteWritten(String text) {}

    @Bean
    EventSubscription notes(MongoTemplate mongo, IdempotentEffects effects) {
        return EventSubscription.named("notes")
                .topics(TOPIC)
                .on(
                        TYPE,
                        NoteWritten.class,
                        (ReceivedEvent<NoteWritten> event) -> {
                            if ("explode".equals(event.data().text())) {
                                throw new IllegalStateException("this note always fails");
                            }
                            effects.insertOnce(
                                    "notes",
                                    new Document(
                                                    "_id",
                                                    IdempotentEffects.effectId(event.id(), "note"))
                                            .append("text", event.data().text()));
                        })
                .build();
    }
}
