package coop.cluster.plumbing.it;

import coop.cluster.plumbing.consumer.EventSubscription;
import coop.cluster.plumbing.consumer.IdempotentEffects;
import coop.cluster.plumbing.consumer.ReceivedEvent;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * A consumer run in its own JVM so that a test can kill -9 it mid-stream. For each event it counts
 * one application per aggregate, deduplicated by {@link IdempotentEffects#applyOnce}, and one
 * delivery, not deduplicated, so the test sees both how often records arrived and how often they
 * took effect.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class CountingConsumerMain {

    static final String TOPIC = "it.counted";
    static final String TYPE = "it.count.requested.v1";

    record CountRequested(int sequence) {}

    public static void main(String[] args) {
        SpringApplication.run(CountingConsumerMain.class, args);
    }

    @Bean
    EventSubscription counting(MongoTemplate mongo, IdempotentEffects effects) {
        return EventSubscription.named("counting")
                .topics(TOPIC)
                .on(
                        TYPE,
                        CountRequested.class,
                        (ReceivedEvent<CountRequested> event) -> {
                            String aggregate = event.subject();
                            mongo.upsert(
                                    Query.query(Criteria.where("_id").is(aggregate)),
                                    new Update().inc("count", 1),
                                    "deliveries");
                            effects.applyOnce(
                                    "counters",
                                    aggregate,
                                    event.id(),
                                    new Update().inc("applied", 1));
                        })
                .build();
    }
}
