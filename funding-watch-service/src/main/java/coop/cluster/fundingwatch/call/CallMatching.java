package coop.cluster.fundingwatch.call;

import coop.cluster.fundingwatch.call.domain.TrackedCall;
import coop.cluster.plumbing.events.PendingEvent;
import java.util.List;
import java.util.Set;

/**
 * What {@link Calls} asks of matching when a call is new or changed: the "opportunity matched"
 * events to store with the call's own, and the targets they tell, recorded in the same write (so
 * each target is told once). Implemented by the matching feature, which this package does not know.
 */
public interface CallMatching {

    /**
     * The events for the targets {@code call} matches that are not among {@code told}; none for a
     * closed call.
     *
     * @param told the keys of the targets told of the call already
     * @throws MatchingNotReady while the targets are still being loaded (the call is not stored:
     *     try again later)
     */
    Matched match(TrackedCall call, Set<String> told);

    /** Whether {@link #match} can answer: false while the targets are still being loaded. */
    boolean ready();

    /**
     * @param events the events to store with the call
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
