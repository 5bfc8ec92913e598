package coop.cluster.activity.event.domain;

import coop.cluster.plumbing.domain.RuleViolation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An exchange event with its registrations: the confirmed ones (never more than the capacity) and
 * the waiting list, in the order people joined it (never longer than its cap). Both live in the
 * aggregate, so every change to them is one write of one document (see {@code
 * ExchangeEvents#apply}). Immutable: every change answers a new event.
 *
 * @param createdBy who created it (a manager's user name)
 * @param cancelReason why it was cancelled; null otherwise
 * @param version the stored version it was read with
 */
public record ExchangeEvent(
        String id,
        EventDetails details,
        EventState state,
        String createdBy,
        Instant createdAt,
        Instant stateChangedAt,
        String cancelReason,
        List<Registration> confirmed,
        List<Registration> waiting,
        Long version) {

    public ExchangeEvent {
        confirmed = List.copyOf(confirmed);
        waiting = List.copyOf(waiting);
    }

    /** A new draft. */
    public static ExchangeEvent draft(
            String id, EventDetails details, String createdBy, Instant now) {
        return new ExchangeEvent(
                id,
                details,
                EventState.DRAFT,
                createdBy,
                now,
                now,
                null,
                List.of(),
                List.of(),
                null);
    }

    public ExchangeEvent publish(Instant now) {
        requireState("publish", EventState.DRAFT);
        return withState(EventState.PUBLISHED, now, null);
    }

    public ExchangeEvent cancel(String reason, Instant now) {
        if (state != EventState.DRAFT && state != EventState.PUBLISHED) {
            throw new RuleViolation("invalid-event-transition", "cancel", id, state);
        }
        return withState(EventState.CANCELLED, now, reason);
    }

    /** Places still free. */
    public int freePlaces() {
        return details.capacity() - confirmed.size();
    }

    /** The person's registration, confirmed or waiting, if any. */
    public Optional<Registration> registrationOf(String personId) {
        return all().stream().filter(r -> r.personId().equals(personId)).findFirst();
    }

    public Optional<Registration> registration(String registrationId) {
        return all().stream().filter(r -> r.registrationId().equals(registrationId)).findFirst();
    }

    public boolean isWaiting(String registrationId) {
        return waiting.stream().anyMatch(r -> r.registrationId().equals(registrationId));
    }

    /** 1 for the first person waiting; 0 if the registration does not wait. */
    public int waitingPosition(String registrationId) {
        for (int i = 0; i < waiting.size(); i++) {
            if (waiting.get(i).registrationId().equals(registrationId)) {
                return i + 1;
            }
        }
        return 0;
    }

    /**
     * A person registers: confirmed while a place is free, otherwise put at the end of the waiting
     * list.
     *
     * @throws RuleViolation when the event is not open to registrations, the person is registered
     *     already, or both the places and the waiting list are full
     */
    public Registered register(
            String registrationId, String personId, String memberId, Instant now) {
        if (state != EventState.PUBLISHED) {
            throw new RuleViolation("event-not-open", id, state);
        }
        if (!now.isBefore(details.endsAt())) {
            throw new RuleViolation("event-over", id);
        }
        if (registrationOf(personId).isPresent()) {
            throw new RuleViolation("already-registered", personId, id);
        }
        Registration registration =
                new Registration(registrationId, personId, memberId, now, null, null);
        if (freePlaces() > 0) {
            List<Registration> next = new ArrayList<>(confirmed);
            next.add(registration);
            return new Registered(withLists(next, waiting), registration, false);
        }
        if (waiting.size() >= details.waitingListCap()) {
            throw new RuleViolation("event-full", id, details.capacity());
        }
        List<Registration> next = new ArrayList<>(waiting);
        next.add(registration);
        return new Registered(withLists(confirmed, next), registration, true);
    }

    /** The event after a registration, and whether the registration waits. */
    public record Registered(ExchangeEvent event, Registration registration, boolean waitlisted) {}

    /**
     * A registration is cancelled. A confirmed one frees its place, which goes to the first person
     * waiting, if any, in the same change.
     *
     * @throws RuleViolation when the registration is unknown or the event is over
     */
    public Cancelled cancelRegistration(String registrationId, Instant now) {
        if (state != EventState.PUBLISHED) {
            throw new RuleViolation("event-not-open", id, state);
        }
        Registration cancelled =
                registration(registrationId)
                        .orElseThrow(() -> new RuleViolation("no-such-registration", id));
        if (isWaiting(registrationId)) {
            List<Registration> next = new ArrayList<>(waiting);
            next.remove(cancelled);
            return new Cancelled(withLists(confirmed, next), cancelled, true, null);
        }
        List<Registration> places = new ArrayList<>(confirmed);
        places.remove(cancelled);
        List<Registration> queue = new ArrayList<>(waiting);
        Registration promoted = null;
        if (!queue.isEmpty() && places.size() < details.capacity()) {
            promoted = queue.removeFirst().promoted(now);
            places.add(promoted);
        }
        return new Cancelled(withLists(places, queue), cancelled, false, promoted);
    }

    /**
     * The event after a cancellation.
     *
     * @param wasWaiting whether the cancelled registration was on the waiting list
     * @param promoted the registration that moved up into the freed place; null if none
     */
    public record Cancelled(
            ExchangeEvent event,
            Registration cancelled,
            boolean wasWaiting,
            Registration promoted) {}

    /**
     * A manager records who came, on the day: confirmed registrations only. The event is HELD from
     * then on. Recording a person twice changes nothing.
     *
     * @return the event and the registrations newly recorded present
     * @throws RuleViolation when the event is not published or held, has not started yet (12 hours'
     *     slack, for the morning's check-in), or a registration is not confirmed
     */
    public Attended recordAttendance(List<String> registrationIds, Instant now) {
        if (state != EventState.PUBLISHED && state != EventState.HELD) {
            throw new RuleViolation("event-not-open", id, state);
        }
        if (now.isBefore(details.startsAt().minusSeconds(12 * 3600))) {
            throw new RuleViolation("event-not-started", id, details.startsAt());
        }
        List<Registration> places = new ArrayList<>(confirmed);
        List<Registration> recorded = new ArrayList<>();
        for (String registrationId : registrationIds) {
            int at = -1;
            for (int i = 0; i < places.size(); i++) {
                if (places.get(i).registrationId().equals(registrationId)) {
                    at = i;
                }
            }
            if (at < 0) {
                throw new RuleViolation("not-a-confirmed-registration", registrationId, id);
            }
            if (places.get(at).attendedAt() == null) {
                Registration present = places.get(at).attended(now);
                places.set(at, present);
                recorded.add(present);
            }
        }
        ExchangeEvent next = withLists(places, waiting);
        if (state == EventState.PUBLISHED) {
            next = next.withState(EventState.HELD, now, null);
        }
        return new Attended(next, recorded);
    }

    public record Attended(ExchangeEvent event, List<Registration> recorded) {}

    private List<Registration> all() {
        List<Registration> all = new ArrayList<>(confirmed);
        all.addAll(waiting);
        return all;
    }

    private void requireState(String action, EventState expected) {
        if (state != expected) {
            throw new RuleViolation("invalid-event-transition", action, id, state);
        }
    }

    private ExchangeEvent withState(EventState next, Instant now, String reason) {
        return new ExchangeEvent(
                id, details, next, createdBy, createdAt, now, reason, confirmed, waiting, version);
    }

    private ExchangeEvent withLists(List<Registration> places, List<Registration> queue) {
        return new ExchangeEvent(
                id,
                details,
                state,
                createdBy,
                createdAt,
                stateChangedAt,
                cancelReason,
                places,
                queue,
                version);
    }
}
