package coop.cluster.project.call;

import coop.cluster.plumbing.consumer.EventSubscription;
import coop.cluster.plumbing.consumer.ReceivedEvent;
import coop.cluster.project.call.persistence.CallStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * project-service's view of the funding calls that projects aim at, built from funding-watch's
 * events alone, in the collection {@code calls} ({@link CallStore}). One call's events arrive in
 * order on one partition; each is applied once (the dedupe record in the call's own document).
 * After the view is written, the {@link CallListener}s hear whether the call is closed or open,
 * also on a redelivery: a crash between the two writes is repaired by the redelivery.
 */
@Configuration(proxyBeanMethods = false)
public class Calls {

    private static final Logger log = LoggerFactory.getLogger(Calls.class);

    private final CallStore store;
    private final ObjectProvider<CallListener> listeners;
    private final Clock clock;

    Calls(CallStore store, ObjectProvider<CallListener> listeners, Clock clock) {
        this.store = store;
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
            throw new IllegalArgumentException(
                    "A call event without its call id, call or status: " + event.id());
        }
        Instant at = event.time() != null ? event.time() : clock.instant();
        Instant closedAt = null;
        if ("CLOSED".equals(call.status())) {
            // A call closed already keeps the time it closed; one call's events come in order from
            // one partition.
            closedAt = find(callId).map(CallView::closedAt).orElse(at);
        }
        boolean applied =
                store.changed(
                        event.id(),
                        new CallView(
                                callId,
                                call.title(),
                                call.programme(),
                                call.status(),
                                nextDeadline(call.deadlines(), at),
                                call.url(),
                                closedAt),
                        clock.instant());
        logged(event, callId, applied);
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
            throw new IllegalArgumentException(
                    "A call closed event without its call id: " + event.id());
        }
        Instant at =
                event.data().closedAt() != null
                        ? event.data().closedAt()
                        : event.time() != null ? event.time() : clock.instant();
        logged(event, callId, store.closed(event.id(), callId, at, clock.instant()));
        listeners.orderedStream().forEach(l -> l.callClosed(callId, at));
    }

    private static void logged(ReceivedEvent<?> event, String callId, boolean applied) {
        log.debug(
                "Call {}: {} ({})", callId, event.type(), applied ? "applied" : "duplicate event");
    }

    public Optional<CallView> find(String callId) {
        return store.find(callId);
    }

    private static Instant nextDeadline(List<Instant> deadlines, Instant now) {
        return deadlines == null
                ? null
                : deadlines.stream()
                        .filter(d -> d != null && !d.isBefore(now))
                        .min(Instant::compareTo)
                        .orElse(null);
    }
}
