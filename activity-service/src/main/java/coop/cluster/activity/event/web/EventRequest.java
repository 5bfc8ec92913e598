package coop.cluster.activity.event.web;

import coop.cluster.activity.event.domain.Audience;
import coop.cluster.activity.event.domain.EventDetails;
import coop.cluster.activity.event.domain.EventKind;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * An exchange event as a manager creates it. A title in at least one language, a place or an online
 * link (or both); the waiting list takes as many people as the event has places unless told.
 */
record EventRequest(
        @NotNull EventKind kind,
        @Size(max = 200) String titleFr,
        @Size(max = 200) String titleEn,
        @Size(max = 5000) String descriptionFr,
        @Size(max = 5000) String descriptionEn,
        @Size(max = 500) String place,
        @Size(max = 500) @Pattern(regexp = "https://\\S+") String onlineLink,
        @NotNull Instant startsAt,
        @NotNull Instant endsAt,
        @NotNull @Min(1) @Max(EventDetails.MAX_CAPACITY) Integer capacity,
        @Min(0) @Max(EventDetails.MAX_WAITING) Integer waitingListCap,
        Audience audience,
        @Size(max = 100) String groupId) {

    /**
     * @throws coop.cluster.plumbing.domain.RuleViolation when the details do not fit together
     */
    EventDetails toDetails() {
        return new EventDetails(
                kind,
                titleFr,
                titleEn,
                descriptionFr,
                descriptionEn,
                place,
                onlineLink,
                startsAt,
                endsAt,
                capacity,
                waitingListCap != null
                        ? waitingListCap
                        : Math.min(capacity, EventDetails.MAX_WAITING),
                audience,
                groupId);
    }
}
