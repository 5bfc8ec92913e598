package coop.cluster.fundingwatch.call;

import coop.cluster.fundingwatch.call.domain.TrackedCall;
import coop.cluster.plumbing.events.PendingEvent;
import java.util.List;

/**
 * What {@link Calls} asks of matching when a call is new or changed: the "opportunity matched" events to store with
 * the call's own, in the same write, and afterwards, that those targets were told. Implemented by the matching
 * feature, which this package does not know.
 */
public interface CallMatching {

    /**
     * The events for the targets {@code call} matches that were not told of it yet; none for a closed call.
     *
     * @throws MatchingNotReady while the targets are still being loaded (the call is not stored: try again later)
     */
    Matched match(TrackedCall call);

    /** Whether {@link #match} can answer: false while the targets are still being loaded. */
    boolean ready();

    /** After the call and the events were stored: these targets were told of the call. */
    void told(String callId, List<String> targetKeys);

    /**
     * @param events     the events to store with the call
     * @param targetKeys the targets they tell
     */
    record Matched(List<PendingEvent> events, List<String> targetKeys) {

        public static final Matched NONE = new Matched(List.of(), List.of());

        public Matched {
            events = List.copyOf(events);
            targetKeys = List.copyOf(targetKeys);
        }
    }

    /** Matching cannot answer yet: it is still loading what calls are matched against. */
    final class MatchingNotReady extends RuntimeException {

        public MatchingNotReady(String message) {
            super(message);
        }
    }
}
