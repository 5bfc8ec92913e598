package coop.cluster.activity.event.domain;

import java.time.Instant;

/**
 * One person's registration for an event: confirmed (it holds a place) or waiting, as the list the
 * event keeps it in says.
 *
 * @param personId the person (the token's subject)
 * @param memberId the member organisation the person registered for
 * @param promotedAt when it moved up from the waiting list; null if it never waited or still does
 * @param attendedAt when the person was recorded present; null until then
 */
public record Registration(
        String registrationId,
        String personId,
        String memberId,
        Instant registeredAt,
        Instant promotedAt,
        Instant attendedAt) {

    Registration promoted(Instant at) {
        return new Registration(registrationId, personId, memberId, registeredAt, at, attendedAt);
    }

    Registration attended(Instant at) {
        return new Registration(registrationId, personId, memberId, registeredAt, promotedAt, at);
    }
}
