package coop.cluster.activity.event.domain;

import coop.cluster.plumbing.domain.RuleViolation;
import java.time.Instant;

/**
 * What an exchange event is: its kind, title and description in French and English, where (a place,
 * an online link, or both), when, how many people it takes, how long its waiting list may grow, and
 * who may register.
 *
 * @param capacity the places, 1 to {@link #MAX_CAPACITY}
 * @param waitingListCap how many people may wait for a place, 0 to {@link #MAX_WAITING}
 * @param groupId the thematic group, for {@link Audience#GROUP} only
 */
public record EventDetails(
        EventKind kind,
        String titleFr,
        String titleEn,
        String descriptionFr,
        String descriptionEn,
        String place,
        String onlineLink,
        Instant startsAt,
        Instant endsAt,
        int capacity,
        int waitingListCap,
        Audience audience,
        String groupId) {

    /**
     * The most places an event has: its registrations and waiting list live in its one document, so
     * both are bounded.
     */
    public static final int MAX_CAPACITY = 2_000;

    public static final int MAX_WAITING = 1_000;

    /**
     * @throws RuleViolation when a required field is missing or the dates, capacity or audience do
     *     not fit
     */
    public EventDetails {
        if (kind == null) {
            throw new RuleViolation("event-kind-required");
        }
        if (blank(titleFr) && blank(titleEn)) {
            throw new RuleViolation("event-title-required");
        }
        if (blank(place) && blank(onlineLink)) {
            throw new RuleViolation("event-place-required");
        }
        if (startsAt == null || endsAt == null || !endsAt.isAfter(startsAt)) {
            throw new RuleViolation("event-ends-before-it-starts");
        }
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new RuleViolation("invalid-capacity", capacity, MAX_CAPACITY);
        }
        if (waitingListCap < 0 || waitingListCap > MAX_WAITING) {
            throw new RuleViolation("invalid-waiting-list-cap", waitingListCap, MAX_WAITING);
        }
        if (audience == null) {
            audience = Audience.ALL_MEMBERS;
        }
        if ((audience == Audience.GROUP) == blank(groupId)) {
            throw new RuleViolation("group-audience-needs-a-group");
        }
        if (audience != Audience.GROUP) {
            groupId = null;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
