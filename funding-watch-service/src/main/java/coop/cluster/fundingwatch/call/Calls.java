package coop.cluster.fundingwatch.call;

import coop.cluster.fundingwatch.call.domain.CallChange;
import coop.cluster.fundingwatch.call.domain.CallDiff;
import coop.cluster.fundingwatch.call.domain.FundingCall;
import coop.cluster.fundingwatch.call.domain.TrackedCall;
import coop.cluster.fundingwatch.call.events.CallChanges;
import coop.cluster.fundingwatch.call.events.CallClosed;
import coop.cluster.fundingwatch.call.events.CallContent;
import coop.cluster.fundingwatch.call.events.CallPublished;
import coop.cluster.fundingwatch.call.events.CallUpdated;
import coop.cluster.fundingwatch.call.persistence.CallStore;
import coop.cluster.plumbing.events.EventFactory;
import coop.cluster.plumbing.events.PendingEvent;
import coop.cluster.plumbing.web.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The funding calls the feeds send, and their changes. A call seen for the first time is stored and
 * published; a call sent again is compared with what its source sent before: the same is nothing
 * (no write, no event), a change is stored with "call updated" and its diff. A call that closes,
 * because its source says so or because its last deadline has passed, gets "call closed", once.
 * Each write stores the call and its events together, conditional on the version read, so two
 * instances (or two pushes) never lose or duplicate a change.
 */
@Service
public class Calls {

    /** How many times a write that lost a race is tried again on a fresh read. */
    static final int MAX_RETRIES = 5;

    /** How many due calls the sweep reads at a time. */
    static final int SWEEP_PAGE = 500;

    private static final Logger log = LoggerFactory.getLogger(Calls.class);

    private final CallStore calls;
    private final EventFactory events;
    private final Clock clock;
    private final MeterRegistry meters;
    private final CallMatching matching;

    /** Matching that never matches: when the service runs without it (tests of this package). */
    static final CallMatching NO_MATCHING =
            new CallMatching() {
                @Override
                public Matched match(TrackedCall call, Set<String> told) {
                    return Matched.NONE;
                }

                @Override
                public boolean ready() {
                    return true;
                }
            };

    /**
     * Whether calls can be applied now: not while matching is still loading what calls are matched
     * against.
     */
    public boolean ready() {
        return matching.ready();
    }

    @Autowired
    Calls(
            CallStore calls,
            EventFactory events,
            Clock clock,
            MeterRegistry meters,
            ObjectProvider<CallMatching> matching) {
        this(calls, events, clock, meters, matching.getIfAvailable(() -> NO_MATCHING));
    }

    Calls(
            CallStore calls,
            EventFactory events,
            Clock clock,
            MeterRegistry meters,
            CallMatching matching) {
        this.matching = matching;
        this.calls = calls;
        this.events = events;
        this.clock = clock;
        this.meters = meters;
    }

    /** What {@link #apply} did with a call. */
    public enum Result {
        CREATED,
        UPDATED,
        UNCHANGED
    }

    /**
     * @param callId the id of the call applied
     */
    public record Outcome(Result result, String callId) {

        public Outcome {
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(callId, "callId");
        }
    }

    /**
     * Stores {@code incoming}, a call as its source states it now. A concurrent insert of the same
     * call makes this an update; a write that lost a race is retried on a fresh read, {@value
     * #MAX_RETRIES} times at most.
     *
     * @throws OptimisticLockingFailureException when it lost the race every time
     */
    public Outcome apply(FundingCall incoming) {
        return apply(incoming, CallChange.Origin.NONE);
    }

    /**
     * As {@link #apply(FundingCall)}, for a call that came from {@code origin} (a feed's batch): a
     * change is kept in the call's history with it ({@link #changes}).
     */
    public Outcome apply(FundingCall incoming, CallChange.Origin origin) {
        String id = incoming.id().toString();
        for (int attempt = 0; ; attempt++) {
            try {
                return applyOnce(id, incoming, origin);
            } catch (DuplicateKeyException | OptimisticLockingFailureException raced) {
                if (attempt >= MAX_RETRIES) {
                    throw raced;
                }
                log.debug(
                        "Call {} was written concurrently; reading it again ({})",
                        id,
                        raced.getMessage());
            }
        }
    }

    private Outcome applyOnce(String id, FundingCall incoming, CallChange.Origin origin) {
        Instant now = clock.instant();
        Plan plan = plan(incoming, calls.findStored(id), origin, now);
        return switch (plan) {
            case Plan.Unchanged unchanged -> unchanged(id);
            case Plan.Insert insert -> {
                calls.insert(
                        insert.first().after(), insert.events(), insert.matched().targetKeys());
                yield created(insert.first());
            }
            case Plan.Update update -> update(update);
        };
    }

    /** What storing an incoming call takes, decided on the call as stored (if it is). */
    private sealed interface Plan {

        /** The source sends exactly what it sent before: nothing to write. */
        record Unchanged() implements Plan {}

        /**
         * A call seen for the first time: to insert with its events (published, closed, matched).
         */
        record Insert(
                TrackedCall.Change first, List<PendingEvent> events, CallMatching.Matched matched)
                implements Plan {}

        /**
         * A change of a stored call: to write conditional on the version read, with its events and
         * history.
         */
        record Update(
                FundingCall incoming,
                TrackedCall.Change change,
                List<PendingEvent> events,
                CallMatching.Matched matched,
                CallChange history)
                implements Plan {}
    }

    private Plan plan(
            FundingCall incoming,
            Optional<CallStore.Stored> found,
            CallChange.Origin origin,
            Instant now) {
        if (found.isEmpty()) {
            TrackedCall.Change first = TrackedCall.first(incoming, now);
            CallMatching.Matched matched = matching.match(first.after(), Set.of());
            return new Plan.Insert(first, with(announce(first, now), matched), matched);
        }
        Optional<TrackedCall.Change> change = found.get().call().apply(incoming, now);
        if (change.isEmpty()) {
            return new Plan.Unchanged();
        }
        List<PendingEvent> announced = announce(change.get(), now);
        CallMatching.Matched matched =
                change.get().diff().isEmpty()
                        ? CallMatching.Matched.NONE
                        : matching.match(change.get().after(), found.get().told());
        return new Plan.Update(
                incoming,
                change.get(),
                with(announced, matched),
                matched,
                history(change.get(), now, origin));
    }

    private Outcome unchanged(String id) {
        count(Result.UNCHANGED);
        return new Outcome(Result.UNCHANGED, id);
    }

    /** Counts and logs a call inserted. */
    private Outcome created(TrackedCall.Change first) {
        TrackedCall after = first.after();
        count(Result.CREATED);
        if (first.closed()) {
            countClosed(after);
        }
        log.info(
                "Call {} ({}/{}) published{}",
                after.id(),
                after.call().source(),
                after.call().reference(),
                first.closed() ? ", closed: " + after.closedReason().code() : "");
        return new Outcome(Result.CREATED, after.id());
    }

    /**
     * Writes a change, conditional on the version read.
     *
     * @throws OptimisticLockingFailureException when the call changed meanwhile
     */
    private Outcome update(Plan.Update update) {
        TrackedCall.Change change = update.change();
        calls.update(
                change.after(), update.events(), update.matched().targetKeys(), update.history());
        count(Result.UPDATED);
        if (change.closed()) {
            countClosed(change.after());
        }
        log.info(
                "Call {} ({}/{}) updated: {}",
                change.after().id(),
                update.incoming().source(),
                update.incoming().reference(),
                change.diff());
        return new Outcome(Result.UPDATED, change.after().id());
    }

    /** How many calls {@link #applyAll} reads and inserts with one command each. */
    static final int BULK = 500;

    /**
     * What became of one call of {@link #applyAll}: its outcome, or why it could not be stored.
     *
     * @param outcome null when the call could not be stored
     * @param failure null when it was
     */
    public record Applied(FundingCall call, Outcome outcome, RuntimeException failure) {}

    /**
     * Stores every call of {@code incoming}, each as {@link #apply(FundingCall, CallChange.Origin)}
     * would, in the order given (a call sent twice in one batch is applied twice, the second on the
     * first), but in bulk: per {@value #BULK} calls, one read of the calls stored already and one
     * unordered insert of the new ones, plus one conditional write per changed call. Each new call
     * is one document with its events and matches, as on its own. A call another request inserted
     * or changed meanwhile is applied again on its own, on a fresh read; a call that cannot be
     * stored is reported as such and does not stop the others.
     *
     * @return one entry per call of {@code incoming}, in its order
     */
    public List<Applied> applyAll(List<FundingCall> incoming, CallChange.Origin origin) {
        Applied[] results = new Applied[incoming.size()];
        // a call sent again within the batch is applied after the first, on its own
        Map<String, Integer> firsts = new LinkedHashMap<>();
        List<Integer> again = new ArrayList<>();
        for (int i = 0; i < incoming.size(); i++) {
            if (firsts.putIfAbsent(incoming.get(i).id().toString(), i) != null) {
                again.add(i);
            }
        }
        List<Integer> order = new ArrayList<>(firsts.values());
        for (int from = 0; from < order.size(); from += BULK) {
            applyBulk(
                    incoming,
                    order.subList(from, Math.min(from + BULK, order.size())),
                    origin,
                    results);
        }
        for (int i : again) {
            results[i] = applyAlone(incoming.get(i), origin);
        }
        return List.of(results);
    }

    /**
     * The calls at {@code indexes} of {@code incoming}, all distinct: one read, one insert, the
     * updates.
     */
    private void applyBulk(
            List<FundingCall> incoming,
            List<Integer> indexes,
            CallChange.Origin origin,
            Applied[] results) {
        Instant now = clock.instant();
        Map<String, CallStore.Stored> stored;
        try {
            stored =
                    calls.findStored(
                            indexes.stream().map(i -> incoming.get(i).id().toString()).toList());
        } catch (RuntimeException unreadable) {
            indexes.forEach(i -> results[i] = new Applied(incoming.get(i), null, unreadable));
            return;
        }
        List<Integer> inserting = new ArrayList<>();
        List<Plan.Insert> inserts = new ArrayList<>();
        List<Integer> retrying = new ArrayList<>();
        for (int i : indexes) {
            FundingCall call = incoming.get(i);
            String id = call.id().toString();
            try {
                switch (plan(call, Optional.ofNullable(stored.get(id)), origin, now)) {
                    case Plan.Unchanged unchanged ->
                            results[i] = new Applied(call, unchanged(id), null);
                    case Plan.Insert insert -> {
                        inserting.add(i);
                        inserts.add(insert);
                    }
                    case Plan.Update update -> {
                        try {
                            results[i] = new Applied(call, update(update), null);
                        } catch (OptimisticLockingFailureException raced) {
                            log.debug(
                                    "Call {} was written concurrently; reading it again ({})",
                                    id,
                                    raced.getMessage());
                            retrying.add(i);
                        }
                    }
                }
            } catch (RuntimeException e) {
                results[i] = new Applied(call, null, e);
            }
        }
        if (!inserts.isEmpty()) {
            try {
                CallStore.InsertedAll done =
                        calls.insertAll(
                                inserts.stream()
                                        .map(
                                                p ->
                                                        new CallStore.NewCall(
                                                                p.first().after(),
                                                                p.events(),
                                                                p.matched().targetKeys()))
                                        .toList());
                for (int k = 0; k < inserts.size(); k++) {
                    int i = inserting.get(k);
                    FundingCall call = incoming.get(i);
                    String id = call.id().toString();
                    if (done.duplicates().contains(id)) {
                        log.debug("Call {} was inserted concurrently; reading it again", id);
                        retrying.add(i);
                    } else if (done.failed().containsKey(id)) {
                        results[i] =
                                new Applied(
                                        call,
                                        null,
                                        new IllegalStateException(
                                                "the store refused call "
                                                        + id
                                                        + ": "
                                                        + done.failed().get(id)));
                    } else {
                        results[i] = new Applied(call, created(inserts.get(k).first()), null);
                    }
                }
            } catch (RuntimeException unknown) {
                inserting.forEach(i -> results[i] = new Applied(incoming.get(i), null, unknown));
            }
        }
        retrying.sort(null);
        for (int i : retrying) {
            results[i] = applyAlone(incoming.get(i), origin);
        }
    }

    private Applied applyAlone(FundingCall call, CallChange.Origin origin) {
        try {
            return new Applied(call, apply(call, origin), null);
        } catch (RuntimeException e) {
            return new Applied(call, null, e);
        }
    }

    private static List<PendingEvent> with(
            List<PendingEvent> announced, CallMatching.Matched matched) {
        if (matched.events().isEmpty()) {
            return announced;
        }
        List<PendingEvent> all = new ArrayList<>(announced.size() + matched.events().size());
        all.addAll(announced);
        all.addAll(matched.events());
        return all;
    }

    /**
     * The events a change publishes: published or updated (unless nothing published changed), then
     * closed.
     */
    List<PendingEvent> announce(TrackedCall.Change change, Instant now) {
        TrackedCall after = change.after();
        FundingCall call = after.call();
        List<PendingEvent> announced = new ArrayList<>(2);
        if (change.isNew()) {
            announced.add(
                    event(
                            after.id(),
                            new CallPublished(
                                    after.id(),
                                    call.source(),
                                    call.reference(),
                                    CallContent.of(after),
                                    now)));
        } else if (!change.diff().isEmpty()) {
            announced.add(
                    event(
                            after.id(),
                            new CallUpdated(
                                    after.id(),
                                    call.source(),
                                    call.reference(),
                                    CallContent.of(after),
                                    CallChanges.of(change.diff()),
                                    now)));
        }
        if (change.closed()) {
            announced.add(closedEvent(after));
        }
        return announced;
    }

    /**
     * The history entry of {@code change}, written as the call's next version; {@code null} when
     * nothing shown changed (the source closing a call closed here already).
     */
    private static CallChange history(
            TrackedCall.Change change, Instant now, CallChange.Origin origin) {
        if (change.diff().isEmpty()) {
            return null;
        }
        TrackedCall before = change.before();
        return CallChange.of(
                before, change.after(), change.diff(), revisionAfter(before), now, origin);
    }

    /** The version a write of a call read at {@code read}'s version stores. */
    private static long revisionAfter(TrackedCall read) {
        return read.version() == null ? 0L : read.version() + 1;
    }

    /** A page of a call's history, newest first. */
    public record ChangePage(
            List<CallChange> content, int page, int size, long totalElements, int totalPages) {}

    /**
     * The changes of the call {@code id} that it keeps (the newest {@value CallChange#KEPT}),
     * newest first, page {@code page} of {@code size}; 404 when there is no such call.
     */
    public ChangePage changes(String id, int page, int size) {
        List<CallChange> oldestFirst =
                calls.changes(id).orElseThrow(() -> ProblemException.notFound("funding call", id));
        List<CallChange> newestFirst = oldestFirst.reversed();
        int total = newestFirst.size();
        long from = Math.min((long) page * size, total);
        int to = (int) Math.min(from + size, total);
        return new ChangePage(
                List.copyOf(newestFirst.subList((int) from, to)),
                page,
                size,
                total,
                (total + size - 1) / size);
    }

    /** The call with id {@code id}; 404 when there is none. */
    public TrackedCall get(String id) {
        return calls.find(id).orElseThrow(() -> ProblemException.notFound("funding call", id));
    }

    /**
     * Closes the calls whose last deadline has passed, each with "call closed" ({@code
     * deadline-passed}). Each close is conditional on the version read, so a call changed meanwhile
     * (or closed by another instance) is left to the next sweep, and a restart simply finds what is
     * still due.
     *
     * @return how many calls this sweep closed
     */
    @Scheduled(
            fixedDelayString = "${cluster.calls.sweep-interval:PT1M}",
            initialDelayString = "${cluster.calls.sweep-initial-delay:PT10S}")
    public int closeDue() {
        Instant now = clock.instant();
        int closed = 0;
        while (true) {
            List<TrackedCall> due = calls.dueForClosing(now, SWEEP_PAGE);
            int closedNow = 0;
            for (TrackedCall call : due) {
                Optional<TrackedCall> next = call.closeIfDue(now);
                if (next.isEmpty()) {
                    continue;
                }
                try {
                    calls.update(
                            next.get(),
                            List.of(closedEvent(next.get())),
                            List.of(),
                            CallChange.of(
                                    call,
                                    next.get(),
                                    CallDiff.between(call.published(), next.get().published()),
                                    revisionAfter(call),
                                    now,
                                    CallChange.Origin.NONE));
                    closedNow++;
                    countClosed(next.get());
                    log.info(
                            "Call {} closed: its last deadline {} has passed",
                            call.id(),
                            next.get().closedAt());
                } catch (OptimisticLockingFailureException changedMeanwhile) {
                    log.debug(
                            "Call {} changed while closing it; the next sweep looks again",
                            call.id());
                }
            }
            closed += closedNow;
            if (due.size() < SWEEP_PAGE || closedNow == 0) {
                return closed;
            }
        }
    }

    private PendingEvent closedEvent(TrackedCall closed) {
        return event(
                closed.id(),
                new CallClosed(closed.id(), closed.closedAt(), closed.closedReason().code()));
    }

    /**
     * An event keyed by the call id, with the call id as its subject too (the contract in
     * docs/events.md).
     */
    private PendingEvent event(String callId, Object payload) {
        PendingEvent e = events.create("calls", callId, payload);
        return new PendingEvent(
                e.id(),
                e.type(),
                e.topic(),
                e.key(),
                callId,
                e.time(),
                e.payload(),
                e.correlationId(),
                e.traceparent());
    }

    private void count(Result result) {
        meters.counter(
                        "cluster.fundingwatch.calls",
                        "outcome",
                        result.name().toLowerCase(java.util.Locale.ROOT))
                .increment();
    }

    private void countClosed(TrackedCall call) {
        meters.counter("cluster.fundingwatch.calls.closed", "reason", call.closedReason().code())
                .increment();
    }
}
