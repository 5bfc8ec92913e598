package coop.cluster.project.call;

import java.time.Instant;

/**
 * Told, after the call view has recorded it, that a funding call closed or is open. Called again
 * when an event is delivered again, so an implementation must be idempotent.
 */
public interface CallListener {

    void callClosed(String callId, Instant closedAt);

    /**
     * The call is forthcoming or open: announced, or opened again after it had closed (its deadline
     * moved).
     */
    void callOpen(String callId);
}
