package coop.cluster.plumbing.it;

import coop.cluster.plumbing.consumer.EventSubscription;
import coop.cluster.plumbing.consumer.IdempotentEffects;
import coop.cluster.plumbing.consumer.PoisonEventException;
import coop.cluster.plumbing.consumer.ReceivedEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A consumer with a bug and its fix: it stores each repair read from {@code it.repairs} once, but
 * until {@link #FIXED} it refuses the repairs written in the new format ({@code "v2:..."}) as
 * poison, so they go to its dead-letter topic. Setting {@link #FIXED} is deploying the fix.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class RepairsApp {

    static final String TOPIC = "it.repairs";
    static final String TYPE = "it.repair.requested.v1";
    static final String COLLECTION = "repairs";
    static final AtomicBoolean FIXED = new AtomicBoolean();

    /** Deliveries of each event id to the handler, failed or not. */
    static final Map<String, Integer> DELIVERIES = new ConcurrentHashMap<>();

    record RepairRequested(String text) {}

    @Bean
    EventSubscription repairs(IdempotentEffects effects) {
        return EventSubscription.named("repairs")
                .topics(TOPIC)
                .on(
                        TYPE,
                        RepairRequested.class,
                        (ReceivedEvent<RepairRequested> event) -> {
                            DELIVERIES.merge(event.id(), 1, Integer::sum);
                            if (event.data().text().startsWith("v2:") && !FIXED.get()) {
                                throw new PoisonEventException(
                                        "Event "
                                                + event.id()
                                                + " ("
                                                + event.type()
                                                + "): unsupported repair format 'v2'",
                                        null);
                            }
                            effects.insertOnce(
                                    COLLECTION,
                                    new Document(
                                                    "_id",
                                                    IdempotentEffects.effectId(
                                                            event.id(), "repair"))
                                            .append("eventId", event.id())
                                            .append("text", event.data().text()));
                        })
                .build();
    }
}
