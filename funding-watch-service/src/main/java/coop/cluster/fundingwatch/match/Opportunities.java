package coop.cluster.fundingwatch.match;

import coop.cluster.fundingwatch.call.CallMatching;
import coop.cluster.fundingwatch.call.domain.CallStatus;
import coop.cluster.fundingwatch.call.domain.FundingCall;
import coop.cluster.fundingwatch.call.domain.TrackedCall;
import coop.cluster.fundingwatch.match.events.OpportunityMatched;
import coop.cluster.plumbing.events.EventFactory;
import coop.cluster.plumbing.events.PendingEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Matches each new or changed call that is open or forthcoming ({@link CallMatching}, asked by the
 * calls feature before it stores the change): the targets it fits that were not told of it yet get
 * "opportunity matched". The events, and the targets they tell, are stored in the call's own write
 * (its outbox, and the list of targets told), so the call and its matches are published together or
 * not at all, and each target is told of a call once.
 */
@Service
class Opportunities implements CallMatching {

    private final TargetIndex index;
    private final TargetIndexer indexer;
    private final EventFactory events;
    private final Clock clock;
    private final Timer matching;
    private final Map<TargetKind, Counter> opportunities = new EnumMap<>(TargetKind.class);

    Opportunities(
            TargetIndex index,
            TargetIndexer indexer,
            EventFactory events,
            Clock clock,
            MeterRegistry meters) {
        this.index = index;
        this.indexer = indexer;
        this.events = events;
        this.clock = clock;
        for (TargetKind kind : TargetKind.values()) {
            opportunities.put(
                    kind,
                    Counter.builder("cluster.fundingwatch.opportunities")
                            .tag("kind", kind.code())
                            .description("Opportunities matched (new call and target pairs)")
                            .register(meters));
        }
        this.matching =
                Timer.builder("cluster.fundingwatch.matching")
                        .description("Matching a call against every target")
                        .publishPercentiles(0.5, 0.99)
                        .register(meters);
    }

    @Override
    public Matched match(TrackedCall tracked, Set<String> told) {
        if (tracked.status() == CallStatus.CLOSED) {
            return Matched.NONE;
        }
        if (!indexer.built()) {
            throw new MatchingNotReady("the matching index is still loading");
        }
        String callId = tracked.id();
        List<Match> matches = matching.record(() -> index.match(callId, tracked.call()));
        if (matches.isEmpty()) {
            return Matched.NONE;
        }
        Instant now = clock.instant();
        OpportunityMatched.CallSummary call = summary(tracked);
        List<PendingEvent> announced = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (Match match : matches) {
            Target target = match.target();
            if (told.contains(target.key())) {
                continue;
            }
            String id = opportunityId(callId, target.key());
            announced.add(
                    events.create(
                            "opportunities",
                            id,
                            new OpportunityMatched(
                                    id,
                                    callId,
                                    call,
                                    new OpportunityMatched.TargetRef(
                                            target.kind().code(), target.id(), target.name()),
                                    target.recipients(),
                                    match.score(),
                                    match.reasons(),
                                    now)));
            keys.add(target.key());
            opportunities.get(target.kind()).increment();
        }
        return new Matched(announced, keys);
    }

    @Override
    public boolean ready() {
        return indexer.built();
    }

    static String opportunityId(String callId, String targetKey) {
        return UUID.nameUUIDFromBytes(
                        (callId + '\u0000' + targetKey).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private static OpportunityMatched.CallSummary summary(TrackedCall tracked) {
        FundingCall c = tracked.call();
        return new OpportunityMatched.CallSummary(
                c.title(),
                c.programme(),
                c.kind().name(),
                tracked.status().name(),
                c.deadlines(),
                c.url());
    }
}
