package coop.cluster.activity.event;

import coop.cluster.activity.event.domain.EventDetails;
import coop.cluster.activity.event.domain.EventKind;
import coop.cluster.activity.event.domain.EventState;
import coop.cluster.activity.event.domain.ExchangeEvent;
import coop.cluster.activity.event.domain.Registration;
import coop.cluster.activity.event.events.EventCancelled;
import coop.cluster.activity.event.events.EventPublished;
import coop.cluster.activity.event.persistence.EventStore;
import coop.cluster.plumbing.domain.RuleViolation;
import coop.cluster.plumbing.events.EventFactory;
import coop.cluster.plumbing.web.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Exchange events: created as drafts by managers, published, cancelled. Every change, theirs and
 * the registrations' ({@link #apply}), is ONE write of the event's document, conditional on the
 * version it was read with, carrying the events that announce it: the store has no transactions and
 * needs none.
 */
@Service
public class ExchangeEvents {

    private static final Logger log = LoggerFactory.getLogger(ExchangeEvents.class);

    /**
     * How often a command that lost a race is run again on a fresh read: under N concurrent
     * commands on one event, each round lets one through, so this bounds the contention one event
     * takes before answering 503.
     */
    static final int ATTEMPTS = 200;

    private final EventStore events;
    private final EventFactory factory;
    private final Clock clock;
    private final MeterRegistry meters;

    ExchangeEvents(EventStore events, EventFactory factory, Clock clock, MeterRegistry meters) {
        this.events = events;
        this.factory = factory;
        this.clock = clock;
        this.meters = meters;
    }

    public ExchangeEvent create(EventDetails details, String createdBy) {
        ExchangeEvent event =
                ExchangeEvent.draft(
                        UUID.randomUUID().toString(), details, createdBy, clock.instant());
        ExchangeEvent stored = events.add(event, List.of());
        count("created");
        log.info("Event {} '{}' created by {}", stored.id(), titleOf(stored), createdBy);
        return stored;
    }

    public ExchangeEvent get(String id) {
        return events.find(id).orElseThrow(() -> ProblemException.notFound("event", id));
    }

    /**
     * @param drafts whether drafts are listed too
     */
    public Page<ExchangeEvent> list(
            boolean drafts, EventKind kind, Instant from, Instant to, Pageable page) {
        List<EventState> states = new ArrayList<>(List.of(EventState.values()));
        if (!drafts) {
            states.remove(EventState.DRAFT);
        }
        return events.page(states, kind, from, to, page);
    }

    /** The events {@code personId} is registered for, confirmed or waiting; soonest first. */
    public List<ExchangeEvent> registeredBy(String personId) {
        return events.registeredBy(personId);
    }

    public ExchangeEvent publish(String id, Long ifMatch) {
        return apply(
                        id,
                        ifMatch,
                        e -> {
                            ExchangeEvent next = e.publish(clock.instant());
                            EventDetails d = next.details();
                            return new Change<>(
                                    next,
                                    List.of(
                                            new EventPublished(
                                                    id,
                                                    d.kind().name(),
                                                    d.titleFr(),
                                                    d.titleEn(),
                                                    d.place(),
                                                    d.onlineLink(),
                                                    d.startsAt(),
                                                    d.endsAt(),
                                                    d.capacity(),
                                                    d.audience().name(),
                                                    d.groupId(),
                                                    next.stateChangedAt())),
                                    "published",
                                    null);
                        })
                .event();
    }

    public ExchangeEvent cancel(String id, String reason, Long ifMatch) {
        return apply(
                        id,
                        ifMatch,
                        e -> {
                            ExchangeEvent next = e.cancel(reason, clock.instant());
                            List<Object> announced = new ArrayList<>();
                            if (e.state() == EventState.PUBLISHED) {
                                List<String> people = new ArrayList<>();
                                next.confirmed().stream()
                                        .map(Registration::personId)
                                        .forEach(people::add);
                                next.waiting().stream()
                                        .map(Registration::personId)
                                        .forEach(people::add);
                                announced.add(
                                        new EventCancelled(
                                                id, reason, people, next.stateChangedAt()));
                            }
                            return new Change<>(next, announced, "cancelled", null);
                        })
                .event();
    }

    /**
     * A command's decision: the event's next state, the integration events that announce it (in
     * order), a name for the metrics, and what the command answers its caller.
     */
    public record Change<R>(ExchangeEvent next, List<Object> announced, String what, R result) {}

    /** The event as stored after a command, and the command's answer. */
    public record Applied<R>(ExchangeEvent event, R result) {}

    /**
     * Runs {@code command} on the stored event and writes its decision with its events in ONE
     * write, conditional on the version read. With {@code ifMatch}, the command runs on that
     * version only (412 otherwise); without, a write that lost a race runs the command again on a
     * fresh read, so concurrent commands on one event (registrations) are serialised by the store:
     * each decides on the state the previous one left, and none decides on a stale count.
     *
     * @throws ProblemException 404 for an unknown event, 412 for a stale {@code ifMatch}, the
     *     domain's rule as a problem, 503 when the event stays too contended
     */
    public <R> Applied<R> apply(
            String id, Long ifMatch, Function<ExchangeEvent, Change<R>> command) {
        for (int attempt = 1; ; attempt++) {
            ExchangeEvent current = get(id);
            if (ifMatch != null && !ifMatch.equals(current.version())) {
                throw new ProblemException(
                        HttpStatus.PRECONDITION_FAILED,
                        "stale-version",
                        ifMatch,
                        current.version());
            }
            Change<R> change;
            try {
                change = command.apply(current);
            } catch (RuleViolation violation) {
                throw problem(violation);
            }
            try {
                ExchangeEvent stored =
                        events.update(
                                change.next(),
                                change.announced().stream()
                                        .map(e -> factory.create("events", id, e))
                                        .toList());
                count(change.what());
                log.info("Event {} {}", id, change.what());
                return new Applied<>(stored, change.result());
            } catch (OptimisticLockingFailureException raced) {
                meters.counter("cluster.activity.event.write.conflicts").increment();
                if (ifMatch != null) {
                    throw new ProblemException(
                            HttpStatus.PRECONDITION_FAILED, "stale-version", ifMatch, "newer");
                }
                if (attempt == ATTEMPTS) {
                    throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "event-busy", id);
                }
                // back off a little, more as the race goes on, so the contenders spread out
                LockSupport.parkNanos(
                        ThreadLocalRandom.current()
                                .nextLong(100_000L, 1_000_000L * Math.min(attempt, 20)));
            }
        }
    }

    /** Acting without the right is 403; a request the event cannot take, 409; bad terms, 422. */
    private static ProblemException problem(RuleViolation violation) {
        HttpStatus status =
                switch (violation.code()) {
                    case "not-a-confirmed-registration" -> HttpStatus.UNPROCESSABLE_CONTENT;
                    default -> HttpStatus.CONFLICT;
                };
        return new ProblemException(status, violation.code(), violation.args());
    }

    private static String titleOf(ExchangeEvent e) {
        return e.details().titleEn() != null ? e.details().titleEn() : e.details().titleFr();
    }

    private void count(String change) {
        meters.counter("cluster.activity.event.changes", "change", change).increment();
    }
}
