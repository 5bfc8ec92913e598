package coop.cluster.membership.people.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One statement the identity service made about a person's organisation ({@code identity.people}):
 * the person joined a member, their roles changed, or they left it. Each carries the person's whole
 * organisation state as of {@code occurredAt}, so the latest one tells where the person is: {@link
 * #order()} says which is the latest.
 *
 * @param memberId the member the change is about; for {@link Kind#ROLES_CHANGED} the person's
 *     member after the change, none when absent
 * @param occurredAt when identity made the change (the event's {@code ce_time})
 * @param eventId the event's id, the last tie-breaker of the order
 */
public record PersonChange(
        Kind kind,
        String personId,
        String memberId,
        List<String> roles,
        List<String> staffRoles,
        String email,
        String displayName,
        String language,
        String reason,
        Instant occurredAt,
        String eventId) {

    /**
     * In the order that breaks a tie between two changes made at the same instant: leaving comes
     * last.
     */
    public enum Kind {
        JOINED,
        ROLES_CHANGED,
        LEFT
    }

    public PersonChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(eventId, "eventId");
        if (occurredAt.isBefore(Instant.EPOCH)) {
            throw new IllegalArgumentException(
                    "a change before 1970 cannot be ordered: " + occurredAt);
        }
        roles = roles == null ? List.of() : List.copyOf(roles);
        staffRoles = staffRoles == null ? null : List.copyOf(staffRoles);
    }

    /**
     * The position of this change among the person's changes, as a string that sorts like them: the
     * time (to the nanosecond), then the kind (at the same instant, a departure wins, so that
     * nothing at that instant brings the person back), then the event id (two events of one instant
     * and kind still have one order, the same on every instance and in every replay).
     */
    public String order() {
        long nanos = occurredAt.getEpochSecond() * 1_000_000_000L + occurredAt.getNano();
        return "%019d|%d|%s".formatted(nanos, kind.ordinal(), eventId);
    }

    /**
     * Whether this change comes after the one whose {@link #order()} is {@code order} (none: it
     * does).
     */
    public boolean isAfter(String order) {
        return order == null || order().compareTo(order) > 0;
    }
}
