package coop.cluster.activity.event.domain;

/**
 * An exchange event's life: a DRAFT only managers see, PUBLISHED (open to registrations), then
 * CANCELLED, or HELD once attendance is recorded.
 */
public enum EventState {
    DRAFT,
    PUBLISHED,
    CANCELLED,
    HELD
}
