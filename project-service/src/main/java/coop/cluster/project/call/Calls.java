package coop.cluster.project.call;

import coop.cluster.plumbing.consumer.EventSubscription;
import coop.cluster.plumbing.consumer.IdempotentEffects;
import coop.cluster.plumbing.consumer.ReceivedEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/**
 * project-service's view of the funding calls that projects aim at, built from funding-watch's events alone, in the
 * collection {@code calls}. One call's events arrive in order on one partition; each is applied once (the dedupe
 * record in the call's own document). After the view is written, the {@link CallListener}s hear whether the call is
 * closed or open, also on a redelivery: a crash between the two writes is repaired by the redelivery.
 */
@Configuration(proxyBeanMethods = false)
public class Calls {

    static final String COLLECTION = "calls";
    private static final Logger log = LoggerFactory.getLogger(Calls.class);

    private final MongoTemplate mongo;
    private final IdempotentEffects effects;
    private final ObjectProvider<CallListener> listeners;
    private final Clock clock;

    Calls(MongoTemplate mongo, IdempotentEffects effects, ObjectProvider<CallListener> listeners, Clock clock) {
        this.mongo = mongo;
        this.effects = effects;
        this.listeners = listeners;
        this.clock = clock;
    }

    @Bean
    EventSubscription fundingCallsForCallView() {
        String p = FundingWatchEvents.PREFIX;
        return EventSubscription.named("call-view")
                .topics(FundingWatchEvents.TOPIC)
                .on(p + "published.v1", FundingWatchEvents.CallChanged.class, this::changed)
                .on(p + "updated.v1", FundingWatchEvents.CallChanged.class, this::changed)
                .on(p + "closed.v1", FundingWatchEvents.CallClosed.class, this::closed)
                .build();
    }

    void changed(ReceivedEvent<FundingWatchEvents.CallChanged> event) {
        String callId = event.data().callId();
        FundingWatchEvents.Call call = event.data().call();
        if (callId == null || call == null || call.status() == null) {
            throw new IllegalArgumentException("A call event without its call id, call or status: " + event.id());
        }
        Instant at = event.time() != null ? event.time() : clock.instant();
        Update update = new Update().set("title", call.title()).set("programme", call.programme())
                .set("status", call.status()).set("url", call.url())
                .set("nextDeadline", date(nextDeadline(call.deadlines(), at)));
        Instant closedAt = null;
        if ("CLOSED".equals(call.status())) {
            // A call closed already keeps the time it closed; one call's events come in order from one partition.
            closedAt = find(callId).map(CallView::closedAt).orElse(at);
            update.set("closedAt", date(closedAt));
        } else {
            update.unset("closedAt");
        }
        apply(event, callId, update);
        if (closedAt != null) {
            Instant closed = closedAt;
            listeners.orderedStream().forEach(l -> l.callClosed(callId, closed));
        } else {
            listeners.orderedStream().forEach(l -> l.callOpen(callId));
        }
    }

    void closed(ReceivedEvent<FundingWatchEvents.CallClosed> event) {
        String callId = event.data().callId();
        if (callId == null) {
            throw new IllegalArgumentException("A call closed event without its call id: " + event.id());
        }
        Instant at = event.data().closedAt() != null ? event.data().closedAt()
                : event.time() != null ? event.time() : clock.instant();
        apply(event, callId, new Update().set("status", "CLOSED").set("closedAt", date(at)).unset("nextDeadline"));
        listeners.orderedStream().forEach(l -> l.callClosed(callId, at));
    }

    private void apply(ReceivedEvent<?> event, String callId, Update update) {
        update.set("updatedAt", date(clock.instant()));
        boolean applied = effects.applyOnce(COLLECTION, callId, event.id(), update);
        log.debug("Call {}: {} ({})", callId, event.type(), applied ? "applied" : "duplicate event");
    }

    public Optional<CallView> find(String callId) {
        return Optional.ofNullable(mongo.findById(callId, Document.class, COLLECTION)).map(Calls::view);
    }

    private static Instant nextDeadline(List<Instant> deadlines, Instant now) {
        return deadlines == null ? null
                : deadlines.stream().filter(d -> d != null && !d.isBefore(now)).min(Instant::compareTo).orElse(null);
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static CallView view(Document d) {
        return new CallView(d.getString("_id"), d.getString("title"), d.getString("programme"),
                d.getString("status"), instant(d.getDate("nextDeadline")), d.getString("url"),
                instant(d.getDate("closedAt")));
    }
}
