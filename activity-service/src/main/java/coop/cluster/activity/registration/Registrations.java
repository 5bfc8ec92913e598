package coop.cluster.activity.registration;

import coop.cluster.activity.event.ExchangeEvents;
import coop.cluster.activity.event.ExchangeEvents.Applied;
import coop.cluster.activity.event.ExchangeEvents.Change;
import coop.cluster.activity.event.domain.ExchangeEvent;
import coop.cluster.activity.event.domain.Registration;
import coop.cluster.activity.registration.events.AttendanceRecorded;
import coop.cluster.activity.registration.events.RegistrationCancelled;
import coop.cluster.activity.registration.events.RegistrationConfirmed;
import coop.cluster.activity.registration.events.RegistrationPromoted;
import coop.cluster.activity.registration.events.RegistrationWaitlisted;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Registrations to exchange events. The places and the waiting list are in the event itself, so a
 * registration, a cancellation with the promotion of the first person waiting, and the recording of
 * attendance are each ONE conditional write of the event's document with the events that announce
 * them ({@link ExchangeEvents#apply}): concurrent registrations never fill more places than the
 * event has, and the waiting list keeps the order in which the writes went through.
 */
@Service
public class Registrations {

    private static final Logger log = LoggerFactory.getLogger(Registrations.class);

    private final ExchangeEvents events;
    private final Clock clock;

    Registrations(ExchangeEvents events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /** A registration as its event holds it: confirmed, or waiting at a position (1 is next). */
    public record Held(
            ExchangeEvent event, Registration registration, boolean waiting, int position) {

        static Held in(ExchangeEvent event, String registrationId) {
            Registration registration = event.registration(registrationId).orElseThrow();
            int position = event.waitingPosition(registrationId);
            return new Held(event, registration, position > 0, position);
        }
    }

    /** {@code personId}, of member {@code memberId}, registers for event {@code eventId}. */
    public Held register(String eventId, String personId, String memberId) {
        String registrationId = UUID.randomUUID().toString();
        Applied<ExchangeEvent.Registered> applied =
                events.apply(
                        eventId,
                        null,
                        e -> {
                            ExchangeEvent.Registered registered =
                                    e.register(registrationId, personId, memberId, clock.instant());
                            ExchangeEvent next = registered.event();
                            Registration r = registered.registration();
                            Object announced =
                                    registered.waitlisted()
                                            ? new RegistrationWaitlisted(
                                                    eventId,
                                                    registrationId,
                                                    personId,
                                                    memberId,
                                                    next.waitingPosition(registrationId),
                                                    r.registeredAt())
                                            : new RegistrationConfirmed(
                                                    eventId,
                                                    registrationId,
                                                    personId,
                                                    memberId,
                                                    next.freePlaces(),
                                                    r.registeredAt());
                            return new Change<>(
                                    next,
                                    List.of(announced),
                                    registered.waitlisted()
                                            ? "registration-waitlisted"
                                            : "registration-confirmed",
                                    registered);
                        });
        Held held = Held.in(applied.event(), registrationId);
        log.info(
                "{} registered for event {}: {}",
                personId,
                eventId,
                held.waiting() ? "waiting at " + held.position() : "confirmed");
        return held;
    }

    /**
     * Registration {@code registrationId} is cancelled by {@code by}; a confirmed one's place goes
     * to the first person waiting in the same write.
     *
     * @return the event after the cancellation
     */
    public ExchangeEvent cancel(String eventId, String registrationId, String by) {
        return events.apply(
                        eventId,
                        null,
                        e -> {
                            ExchangeEvent.Cancelled cancelled =
                                    e.cancelRegistration(registrationId, clock.instant());
                            Registration r = cancelled.cancelled();
                            List<Object> announced = new ArrayList<>();
                            announced.add(
                                    new RegistrationCancelled(
                                            eventId,
                                            registrationId,
                                            r.personId(),
                                            r.memberId(),
                                            cancelled.wasWaiting() ? "WAITLISTED" : "CONFIRMED",
                                            by,
                                            clock.instant()));
                            Registration promoted = cancelled.promoted();
                            if (promoted != null) {
                                announced.add(
                                        new RegistrationPromoted(
                                                eventId,
                                                promoted.registrationId(),
                                                promoted.personId(),
                                                promoted.memberId(),
                                                promoted.promotedAt()));
                            }
                            return new Change<>(
                                    cancelled.event(),
                                    announced,
                                    promoted != null
                                            ? "registration-cancelled-promoted"
                                            : "registration-cancelled",
                                    null);
                        })
                .event();
    }

    /** A manager, {@code by}, records the people present: confirmed registrations only. */
    public ExchangeEvent recordAttendance(String eventId, List<String> registrationIds, String by) {
        return events.apply(
                        eventId,
                        null,
                        e -> {
                            ExchangeEvent.Attended attended =
                                    e.recordAttendance(registrationIds, clock.instant());
                            List<Object> announced = new ArrayList<>();
                            if (!attended.recorded().isEmpty()) {
                                announced.add(
                                        new AttendanceRecorded(
                                                eventId,
                                                attended.recorded().stream()
                                                        .map(
                                                                r ->
                                                                        new AttendanceRecorded
                                                                                .Attendee(
                                                                                r.registrationId(),
                                                                                r.personId(),
                                                                                r.memberId()))
                                                        .toList(),
                                                by,
                                                clock.instant()));
                            }
                            return new Change<>(
                                    attended.event(), announced, "attendance-recorded", null);
                        })
                .event();
    }

    /** The registrations {@code personId} holds, confirmed or waiting; soonest event first. */
    public List<Held> of(String personId) {
        return events.registeredBy(personId).stream()
                .map(e -> Held.in(e, e.registrationOf(personId).orElseThrow().registrationId()))
                .toList();
    }
}
