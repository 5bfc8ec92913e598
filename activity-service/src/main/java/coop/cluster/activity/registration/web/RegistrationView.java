package coop.cluster.activity.registration.web;

import coop.cluster.activity.event.domain.ExchangeEvent;
import coop.cluster.activity.event.domain.Registration;
import coop.cluster.activity.registration.Registrations.Held;
import java.time.Instant;

/**
 * A registration as the API shows it, with its event's title and dates.
 *
 * @param status CONFIRMED or WAITLISTED
 * @param position on the waiting list, 1 next; 0 when confirmed
 */
record RegistrationView(
        String registrationId,
        String eventId,
        String eventTitleFr,
        String eventTitleEn,
        Instant eventStartsAt,
        String eventState,
        String personId,
        String memberId,
        String status,
        int position,
        Instant registeredAt,
        Instant promotedAt,
        Instant attendedAt) {

    static RegistrationView of(Held held) {
        return of(held.event(), held.registration(), held.position());
    }

    static RegistrationView of(ExchangeEvent e, Registration r, int position) {
        return new RegistrationView(
                r.registrationId(),
                e.id(),
                e.details().titleFr(),
                e.details().titleEn(),
                e.details().startsAt(),
                e.state().name(),
                r.personId(),
                r.memberId(),
                position > 0 ? "WAITLISTED" : "CONFIRMED",
                position,
                r.registeredAt(),
                r.promotedAt(),
                r.attendedAt());
    }
}
