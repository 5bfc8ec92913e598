package coop.cluster.plumbing.outbox;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import coop.cluster.plumbing.events.EventHeaders;
import coop.cluster.plumbing.events.PendingEvent;
import coop.cluster.plumbing.lease.Lease;
import coop.cluster.plumbing.lease.LeasedWorker;
import coop.cluster.plumbing.resilience.Outages;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes the events waiting in the aggregates' {@code outbox} arrays, then removes them.
 *
 * <p>The order of the steps is what makes it safe without transactions: an event is removed from
 * its document only after the broker has acknowledged it ({@code acks=all}, idempotent producer). A
 * crash before the removal means the event is published again after the restart: a duplicate, which
 * consumers absorb, never a loss. A failed pass is retried with back-off until the broker or the
 * store is back, however long that takes: the relay's thread survives any failure, and logs an
 * outage when it starts, once a minute while it lasts, and when it ends. One instance per service
 * relays at a time, under a lease ({@link Lease} on the document {@value #LEASE_ID} of {@value
 * #LEASE_COLLECTION}), so that two replicas do not publish the same events in parallel, which would
 * reorder an aggregate's events: the relay's thread is a {@link LeasedWorker}, which passes while
 * it holds the lease; the other instances' relays stand by and try to take it over every {@code
 * leaseTtl / 3}, however often their own instance's writes wake them.
 *
 * <p>Finding the documents with pending events: a write in this instance tells the relay which
 * document it wrote ({@link #pending}), and the relay reads those by id, which costs an index
 * lookup on any store. A scan of every outbox collection for documents with pending events runs at
 * start-up and then every {@code pollInterval}: it finds what other instances wrote, what a crash
 * left behind, and any hint that was dropped. On MongoDB the scan reads the sparse {@code
 * outbox_pending} index; the embedded store has no such index and reads the whole collection, which
 * is why the relay does not scan after every write.
 *
 * <p>Store work per event: under load a pass starts at most every {@code linger} (10 ms), so it
 * reads the documents of many writes in one {@code find}; acknowledged events are removed from
 * their documents in one {@code updateMany} per collection every {@code cleanupInterval} (200 ms),
 * or sooner when a batch of them waits. Until then the relay remembers their ids and skips them
 * when it reads their documents again, and a scan first removes them all. A crash in between leaves
 * them in their documents, to be published again after the restart: a duplicate, never a loss. At a
 * few hundred writes per second the relay thus adds a few hundredths of a store operation per
 * event, against two per event when every write had a pass of its own.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** Where the relay's lease is: one document per service database. */
    static final String LEASE_COLLECTION = "outbox_relay_lease";

    static final String LEASE_ID = "relay";

    private final MongoTemplate mongo;
    private final KafkaTemplate<String, CloudEvent> kafka;
    private final OutboxProperties properties;
    private final Lease<Lease.Term> lease;
    private final LeasedWorker<Lease.Term> worker;
    private final URI source;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Timer lag;
    private final Counter failures;
    private final AtomicLong oldestPendingMillis = new AtomicLong();

    /**
     * Documents written here with events to publish, by collection; read by id on the next pass.
     */
    private final Map<String, Set<Object>> hinted = new ConcurrentHashMap<>();

    private volatile long nextScanNanos = System.nanoTime();

    /** Serialises passes and clean-ups (the worker's, a test's, the last one at stop). */
    private final java.util.concurrent.locks.ReentrantLock passes =
            new java.util.concurrent.locks.ReentrantLock();

    /** Acknowledged events still in their documents, by collection; guarded by {@link #passes}. */
    private final Map<String, Cleanup> cleanups = new java.util.HashMap<>();

    /**
     * The ids of {@link #cleanups}' events: skipped when their documents are read again before the
     * clean-up.
     */
    private final Set<String> awaitingCleanup = new java.util.HashSet<>();

    private long cleanupDueNanos;
    private long lastPassStartNanos;

    private volatile boolean indexed;
    private long lastFailureLog;

    public OutboxRelay(
            MongoTemplate mongo,
            KafkaTemplate<String, CloudEvent> kafka,
            OutboxProperties properties,
            String instanceId,
            URI source,
            Clock clock,
            MeterRegistry meters) {
        this.mongo = mongo;
        this.kafka = kafka;
        this.properties = properties;
        this.lease =
                Lease.of(
                        mongo,
                        LEASE_COLLECTION,
                        LEASE_ID,
                        instanceId,
                        properties.leaseTtl(),
                        clock);
        // the holder renews, another instance tries to take over, both every leaseTtl / 3: a write
        // of this instance
        // wakes a relay that does not hold the lease, but costs no lease command
        this.worker =
                new LeasedWorker<>(
                        lease,
                        new LeasedWorker.Settings(
                                "outbox-relay",
                                lease.renewEvery(),
                                lease.renewEvery(),
                                properties.sendTimeout(),
                                true),
                        new Relaying());
        this.source = source;
        this.clock = clock;
        this.meters = meters;
        this.lag =
                Timer.builder("cluster.outbox.relay.lag")
                        .description(
                                "Time from the state change to the broker's acknowledgement of its"
                                        + " event")
                        .publishPercentiles(0.5, 0.99)
                        .register(meters);
        this.failures =
                Counter.builder("cluster.outbox.relay.failures")
                        .description("Relay passes that failed and will be retried")
                        .register(meters);
        meters.gauge(
                "cluster.outbox.oldest.pending.seconds",
                oldestPendingMillis,
                v -> v.get() / 1000.0);
    }

    /** Called after a write that added events, so they go out without waiting for the next poll. */
    public void wakeUp() {
        worker.wakeUp();
    }

    /**
     * Called after a write added events to document {@code id} of {@code collection}: the next pass
     * reads it by id. Past {@link #MAX_HINTS} waiting hints the relay falls back to a scan, which
     * finds them all anyway.
     */
    public void pending(String collection, Object id) {
        if (waitingHints() < MAX_HINTS) {
            hinted.computeIfAbsent(collection, c -> ConcurrentHashMap.newKeySet()).add(id);
        } else {
            nextScanNanos = System.nanoTime();
        }
        wakeUp();
    }

    /** Hinted documents waiting beyond which the relay scans instead. */
    static final int MAX_HINTS = 10_000;

    private int waitingHints() {
        int waiting = 0;
        for (Set<Object> ids : hinted.values()) {
            waiting += ids.size();
        }
        return waiting;
    }

    /**
     * One pass over every outbox collection. Public for tests and benchmarks; the worker thread
     * calls it in a loop, while this instance holds the lease.
     *
     * @return the number of events published and removed
     */
    public int relayOnce() throws InterruptedException, TimeoutException {
        passes.lock();
        try {
            return pass();
        } finally {
            passes.unlock();
        }
    }

    private int pass() throws InterruptedException, TimeoutException {
        lastPassStartNanos = System.nanoTime();
        boolean scan = System.nanoTime() - nextScanNanos >= 0;
        if (scan) {
            removeAcknowledged(); // a scan must not find the events already published, or a batch
            // of them would hide the rest
            nextScanNanos = System.nanoTime() + properties.pollInterval().toNanos();
        }
        int published = 0;
        long oldest = 0;
        RuntimeException[] refused = new RuntimeException[1];
        boolean moreToScan = false;
        for (String collection : properties.collections()) {
            List<Document> documents = scan ? pendingIn(collection) : hintedIn(collection);
            if (documents.isEmpty()) {
                continue;
            }
            moreToScan |= scan && documents.size() >= properties.batchSize();
            List<InFlight> inFlight = new ArrayList<>(documents.size());
            for (Document document : documents) {
                List<Document> outbox = document.getList(OutboxWriter.OUTBOX, Document.class);
                if (outbox == null || outbox.isEmpty()) {
                    continue; // published by an earlier pass since it was hinted
                }
                List<PendingEvent> events =
                        outbox.stream()
                                .map(PendingEvent::fromDocument)
                                .filter(event -> !awaitingCleanup.contains(event.id()))
                                .toList();
                if (events.isEmpty()) {
                    continue; // published, to be removed by the next clean-up
                }
                oldest =
                        Math.max(
                                oldest,
                                Duration.between(events.getFirst().time(), clock.instant())
                                        .toMillis());
                List<CompletableFuture<?>> sends = new ArrayList<>(events.size());
                for (PendingEvent event : events) {
                    sends.add(send(event, refused));
                }
                inFlight.add(new InFlight(document.get("_id"), events, sends));
            }
            published += acknowledge(collection, inFlight);
        }
        if (scan) {
            oldestPendingMillis.set(oldest);
        }
        if (moreToScan) {
            // a full batch: the scan has more to find (a backlog after a restart, or past
            // MAX_HINTS) and goes on
            // at once instead of a batch per poll interval; its first step removes what this pass
            // published
            nextScanNanos = System.nanoTime();
        }
        if (properties.cleanupInterval().isZero()
                || awaitingCleanup.size() >= properties.batchSize()
                || (!awaitingCleanup.isEmpty() && System.nanoTime() - cleanupDueNanos >= 0)) {
            removeAcknowledged();
        }
        return published;
    }

    /**
     * Removes every acknowledged event from its document: one write per collection. Event ids are
     * unique, so pulling them all from every document of the collection's list removes exactly each
     * document's acknowledged events, and nothing written since. Public for tests and benchmarks.
     */
    public void cleanUp() {
        passes.lock();
        try {
            removeAcknowledged();
        } finally {
            passes.unlock();
        }
    }

    private void removeAcknowledged() {
        for (var it = cleanups.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Cleanup> pending = it.next();
            Cleanup cleanup = pending.getValue();
            mongo.getCollection(pending.getKey())
                    .updateMany(
                            Filters.in("_id", cleanup.documents()),
                            Updates.pull(OutboxWriter.OUTBOX, Filters.in("id", cleanup.events())));
            awaitingCleanup.removeAll(cleanup.events());
            it.remove();
        }
    }

    /**
     * How long until the acknowledged events are due to be removed; {@code Long.MAX_VALUE} when
     * none wait.
     */
    private long untilCleanupMillis() {
        passes.lock();
        try {
            if (awaitingCleanup.isEmpty()) {
                return Long.MAX_VALUE;
            }
            return Math.max(1, TimeUnit.NANOSECONDS.toMillis(cleanupDueNanos - System.nanoTime()));
        } finally {
            passes.unlock();
        }
    }

    /**
     * Documents of {@code collection} with pending events, whoever wrote them: a scan (an index
     * read on MongoDB).
     */
    private List<Document> pendingIn(String collection) {
        hinted.remove(collection); // the scan finds them too
        return mongo.getCollection(collection)
                .find(Filters.exists(OutboxWriter.PENDING_EVENT_IDS))
                .projection(Projections.include(OutboxWriter.OUTBOX))
                .limit(properties.batchSize())
                .into(new ArrayList<>());
    }

    /** The documents of {@code collection} written here since the last pass, read by id. */
    private List<Document> hintedIn(String collection) {
        Set<Object> waiting = hinted.get(collection);
        if (waiting == null || waiting.isEmpty()) {
            return List.of();
        }
        List<Object> ids = new ArrayList<>(Math.min(waiting.size(), properties.batchSize()));
        for (var it = waiting.iterator(); it.hasNext() && ids.size() < properties.batchSize(); ) {
            ids.add(it.next());
            it.remove();
        }
        return mongo.getCollection(collection)
                .find(Filters.in("_id", ids))
                .projection(Projections.include(OutboxWriter.OUTBOX))
                .into(new ArrayList<>());
    }

    /**
     * Hands {@code event} to the producer. Once the producer has refused one send of a pass (no
     * metadata, no buffer space within {@code max.block.ms}: the broker is out of reach), the rest
     * of the pass is not tried, or a pass of 500 documents would wait 500 times {@code
     * max.block.ms}; its documents keep their events for the next pass.
     */
    private CompletableFuture<?> send(PendingEvent event, RuntimeException[] refused) {
        if (refused[0] != null) {
            return CompletableFuture.failedFuture(refused[0]);
        }
        CloudEventBuilder builder =
                CloudEventBuilder.v1()
                        .withId(event.id())
                        .withType(event.type())
                        .withSource(source)
                        .withSubject(event.subject())
                        .withTime(event.time().atOffset(ZoneOffset.UTC))
                        .withDataContentType("application/json")
                        .withData(event.payload().getBytes(StandardCharsets.UTF_8));
        if (event.correlationId() != null) {
            builder.withExtension(EventHeaders.CORRELATION_ID_EXTENSION, event.correlationId());
        }
        ProducerRecord<String, CloudEvent> record =
                new ProducerRecord<>(event.topic(), event.key(), builder.build());
        if (event.traceparent() != null) {
            record.headers()
                    .add(
                            EventHeaders.TRACEPARENT,
                            event.traceparent().getBytes(StandardCharsets.US_ASCII));
        }
        try {
            return kafka.send(record);
        } catch (RuntimeException sendRefused) {
            refused[0] = sendRefused;
            return CompletableFuture.failedFuture(sendRefused);
        }
    }

    private int acknowledge(String collection, List<InFlight> inFlight)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
        List<Object> acknowledgedDocuments = new ArrayList<>(inFlight.size());
        List<String> acknowledgedEvents = new ArrayList<>();
        int published = 0;
        Exception firstFailure = null;
        for (InFlight document : inFlight) {
            boolean allAcknowledged = true;
            for (CompletableFuture<?> send : document.sends()) {
                try {
                    send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (ExecutionException e) {
                    allAcknowledged = false;
                    firstFailure = firstFailure == null ? e : firstFailure;
                }
            }
            if (allAcknowledged) {
                Instant now = clock.instant();
                for (PendingEvent event : document.events()) {
                    acknowledgedEvents.add(event.id());
                    lag.record(Duration.between(event.time(), now));
                    meters.counter("cluster.events.published", "type", event.type()).increment();
                }
                acknowledgedDocuments.add(document.id());
                published += document.events().size();
            }
        }
        if (!acknowledgedDocuments.isEmpty()) {
            if (awaitingCleanup.isEmpty()) {
                cleanupDueNanos = System.nanoTime() + properties.cleanupInterval().toNanos();
            }
            Cleanup cleanup =
                    cleanups.computeIfAbsent(
                            collection,
                            c -> new Cleanup(new java.util.LinkedHashSet<>(), new ArrayList<>()));
            cleanup.documents().addAll(acknowledgedDocuments);
            cleanup.events().addAll(acknowledgedEvents);
            awaitingCleanup.addAll(acknowledgedEvents);
        }
        if (firstFailure != null) {
            throw new RelayPassFailed(
                    "Broker did not acknowledge every event of " + collection, firstFailure);
        }
        return published;
    }

    /** The relay's rounds: a pass while this instance holds the lease, standing by otherwise. */
    private final class Relaying implements LeasedWorker.Work<Lease.Term> {

        @Override
        public Duration round(Lease.Term lease) throws InterruptedException, TimeoutException {
            ensureIndexed();
            long sinceLastPass = System.nanoTime() - lastPassStartNanos;
            if (sinceLastPass < properties.linger().toNanos()) {
                // under load: let the writes of the next few milliseconds join this pass
                TimeUnit.NANOSECONDS.sleep(properties.linger().toNanos() - sinceLastPass);
            }
            int published = relayOnce();
            if (published == 0 && waitingHints() == 0) {
                long untilScan =
                        Math.max(
                                1,
                                TimeUnit.NANOSECONDS.toMillis(nextScanNanos - System.nanoTime()));
                return Duration.ofMillis(Math.min(untilScan, untilCleanupMillis()));
            }
            return Duration.ZERO;
        }

        @Override
        public void standingBy() {
            ensureIndexed();
            hinted.clear(); // the leader's scans find them
            if (untilCleanupMillis() != Long.MAX_VALUE) {
                cleanUp(); // what this relay published, so that the leader need not publish it
                // again
            }
        }

        @Override
        public void leaseChanged(boolean held) {
            if (held) {
                nextScanNanos = System.nanoTime(); // whatever the previous relay left
            }
            log.info(
                    "Outbox relay {} is {} the relay for {}",
                    lease.owner(),
                    held ? "now" : "no longer",
                    properties.collections());
        }

        @Override
        public Duration failed(Throwable failure, int consecutive, Duration failingFor) {
            // whatever failed, the relay goes on: an outage of the store or the broker of any
            // length ends in a pass
            // that succeeds; any other failure is logged and retried the same way
            failures.increment();
            nextScanNanos = System.nanoTime(); // the retry scans: the failed pass's hints are spent
            long backoff =
                    Math.min(properties.maxBackoff().toMillis(), 100L << Math.min(consecutive, 10));
            logFailure(failure, consecutive, failingFor, backoff);
            return Duration.ofMillis(backoff);
        }

        @Override
        public void recovered(int failed, Duration failedFor) {
            log.info(
                    "Outbox relay recovered after {} failed passes in {} s",
                    failed,
                    failedFor.toSeconds());
        }

        @Override
        public void stopped() {
            try {
                cleanUp(); // else the next relay publishes them again
            } catch (RuntimeException e) {
                log.debug(
                        "Could not remove the last published events from their documents; they go"
                                + " out again",
                        e);
            }
        }
    }

    private void ensureIndexed() {
        if (!indexed) {
            indexPendingEvents();
            indexed = true;
        }
    }

    /**
     * The first failed pass with its cause (and its stack trace unless the store or the broker is
     * simply out of reach), then one line per {@link #FAILURE_LOG_INTERVAL} at most while the
     * passes keep failing.
     */
    private void logFailure(
            Throwable e, int consecutiveFailures, Duration failingFor, long backoff) {
        boolean outage = Outages.isOutage(e);
        if (consecutiveFailures == 1) {
            lastFailureLog = System.nanoTime();
            if (outage) {
                log.warn(
                        "Outbox relay pass failed, the store or the broker is out of reach;"
                                + " retrying every {} s at most until it is back: {}",
                        properties.maxBackoff().toSeconds(),
                        Outages.cause(e).toString());
            } else {
                log.warn("Outbox relay pass failed, retrying in {} ms", backoff, e);
            }
        } else if (System.nanoTime() - lastFailureLog >= FAILURE_LOG_INTERVAL.toNanos()) {
            lastFailureLog = System.nanoTime();
            log.warn(
                    "Outbox relay still failing: {} passes in a row for {} s: {}",
                    consecutiveFailures,
                    failingFor.toSeconds(),
                    (outage ? Outages.cause(e) : e).toString());
        }
    }

    /** While passes keep failing, one log line per interval. */
    static final Duration FAILURE_LOG_INTERVAL = Duration.ofSeconds(60);

    /**
     * A sparse index on the pending events' ids holds only the documents that have something to
     * publish, so on MongoDB a relay pass reads those and not the whole collection.
     */
    private void indexPendingEvents() {
        for (String collection : properties.collections()) {
            mongo.indexOps(collection)
                    .createIndex(
                            new Index()
                                    .on(OutboxWriter.PENDING_EVENT_IDS, Sort.Direction.ASC)
                                    .sparse()
                                    .named("outbox_pending"));
        }
    }

    @Override
    public synchronized void start() {
        if (worker.isRunning() || properties.collections().isEmpty()) {
            return;
        }
        try {
            indexPendingEvents();
            indexed = true;
        } catch (RuntimeException e) {
            // the store is not there yet: the relay's first pass creates the index once it answers
            log.warn(
                    "Outbox relay could not index the pending events at start-up, will again: {}",
                    e.toString());
        }
        worker.start();
    }

    /**
     * Stops the relay's thread, removes the events it published from their documents (else the next
     * relay publishes them again), and releases the lease.
     */
    @Override
    public synchronized void stop() {
        worker.stop();
    }

    @Override
    public boolean isRunning() {
        return worker.isRunning();
    }

    private record InFlight(
            Object id, List<PendingEvent> events, List<CompletableFuture<?>> sends) {}

    private record Cleanup(Set<Object> documents, List<String> events) {}

    static final class RelayPassFailed extends RuntimeException {
        RelayPassFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
