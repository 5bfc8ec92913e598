package coop.cluster.activity.meeting.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One participant's request to meet another, as the board keeps it: {@code REQUESTED} until the
 * requested one answers, then {@code ACCEPTED} or {@code DECLINED}. {@code mutual} when both asked
 * (the second request accepted the first): the scheduler then gives it {@link Priority#MUTUAL}.
 */
public record BoardRequest(
        String requestId,
        String requesterId,
        String requestedId,
        State state,
        boolean mutual,
        Instant requestedAt,
        Instant answeredAt) {

    public enum State {
        REQUESTED,
        ACCEPTED,
        DECLINED
    }

    public BoardRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(requesterId, "requesterId");
        Objects.requireNonNull(requestedId, "requestedId");
        Objects.requireNonNull(state, "state");
    }

    /** Whether {@code personId} is one of its two sides. */
    public boolean involves(String personId) {
        return requesterId.equals(personId) || requestedId.equals(personId);
    }

    /** Whether it is between these two people, either way. */
    public boolean between(String one, String other) {
        return (requesterId.equals(one) && requestedId.equals(other))
                || (requesterId.equals(other) && requestedId.equals(one));
    }

    public Priority priority() {
        return mutual ? Priority.MUTUAL : Priority.ACCEPTED;
    }

    BoardRequest answered(State next, boolean nowMutual, Instant at) {
        return new BoardRequest(
                requestId, requesterId, requestedId, next, nowMutual, requestedAt, at);
    }
}
