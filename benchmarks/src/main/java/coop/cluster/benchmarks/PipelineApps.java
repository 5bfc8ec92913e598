package coop.cluster.benchmarks;

import coop.cluster.plumbing.consumer.EventSubscription;
import coop.cluster.plumbing.consumer.IdempotentEffects;
import coop.cluster.plumbing.consumer.ReceivedEvent;
import coop.cluster.plumbing.events.EventCatalog;
import coop.cluster.plumbing.events.EventFactory;
import coop.cluster.plumbing.events.IntegrationEvent;
import coop.cluster.plumbing.outbox.OutboxWriter;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Update;

/**
 * A publishing and a consuming service, made of the real plumbing, for the event pipeline
 * benchmark.
 */
final class PipelineApps {

    static final String PIPELINE_TOPIC = "bench.pipeline";
    static final String DRAIN_TOPIC = "bench.drain";

    private PipelineApps() {}

    @Document("bench_parcels")
    record Parcel(@Id String id, String contents, @Version Long version) {}

    @IntegrationEvent(type = "bench.parcel.sent", topic = PIPELINE_TOPIC)
    record ParcelSent(String parcelId, long createdNanos, String contents) {}

    @IntegrationEvent(type = "bench.parcel.queued", topic = DRAIN_TOPIC)
    record ParcelQueued(String parcelId, String contents) {}

    /** The command side: one document write per command, state and event together. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Publisher {

        @Bean
        EventCatalog eventCatalog() {
            return EventCatalog.of(ParcelSent.class, ParcelQueued.class);
        }

        @Bean
        Commands commands(OutboxWriter outbox, EventFactory events) {
            return new Commands(outbox, events);
        }
    }

    record Commands(OutboxWriter outbox, EventFactory events) {

        void send(String contents, long createdNanos) {
            String id = UUID.randomUUID().toString();
            outbox.insert(
                    new Parcel(id, contents, null),
                    List.of(
                            events.create(
                                    "parcels", id, new ParcelSent(id, createdNanos, contents))));
        }

        void queue(String contents) {
            String id = UUID.randomUUID().toString();
            outbox.insert(
                    new Parcel(id, contents, null),
                    List.of(events.create("parcels", id, new ParcelQueued(id, contents))));
        }
    }

    /**
     * The other service: applies each event once to its own store, then records the end-to-end
     * latency.
     */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Consumer {

        static volatile LatencyRecorder recorder = new LatencyRecorder();

        record ParcelSentCopy(String parcelId, long createdNanos) {}

        @Bean
        EventSubscription parcels(IdempotentEffects effects) {
            return EventSubscription.named("parcels")
                    .topics(PIPELINE_TOPIC)
                    .on(
                            "bench.parcel.sent.v1",
                            ParcelSentCopy.class,
                            (ReceivedEvent<ParcelSentCopy> event) -> {
                                effects.applyOnce(
                                        "bench_received",
                                        event.data().parcelId(),
                                        event.id(),
                                        new Update().inc("received", 1));
                                recorder.completed(event.data().createdNanos(), System.nanoTime());
                            })
                    .concurrency(3)
                    .build();
        }
    }
}
