package coop.cluster.fundingwatch.feed;

import coop.cluster.fundingwatch.call.Calls;
import coop.cluster.fundingwatch.call.adapter.FeedAdapters;
import coop.cluster.fundingwatch.call.domain.CallChange;
import coop.cluster.fundingwatch.call.domain.FundingCall;
import coop.cluster.fundingwatch.call.domain.Normalised;
import coop.cluster.fundingwatch.feed.events.RecordRejected;
import coop.cluster.fundingwatch.feed.persistence.FeedBatchStore;
import coop.cluster.plumbing.events.EventFactory;
import coop.cluster.plumbing.events.PendingEvent;
import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.security.ClusterRole;
import coop.cluster.plumbing.web.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Feed intake: a feed sends a batch of funding-call records for itself only, pushed over HTTP
 * ({@link #receive}) or written to the raw feed topic ({@link #receiveFromTopic}); both are
 * processed alike. The batch is stored as received, once, with a "record rejected" event for each
 * record that cannot be read (in the same write); then the calls read from it are applied to the
 * store in bulk, each with its own outcome, so one bad record never stops the others. The same
 * bytes sent again, either way, change nothing. Only feeds push; managers may look at what a feed
 * sent.
 */
@Service
public class FeedIntake {

    private static final Logger log = LoggerFactory.getLogger(FeedIntake.class);

    private final FeedBatchStore batches;
    private final FeedRegistry registry;
    private final FeedSecrets secrets;
    private final FeedAdapters adapters;
    private final Calls calls;
    private final EventFactory events;
    private final ObjectMapper json;
    private final Clock clock;
    private final MeterRegistry meters;
    private final int maxRecords;
    private final long maxTopicBytes;

    FeedIntake(
            FeedBatchStore batches,
            FeedRegistry registry,
            FeedSecrets secrets,
            FeedAdapters adapters,
            Calls calls,
            EventFactory events,
            ObjectMapper json,
            Clock clock,
            MeterRegistry meters,
            @Value("${cluster.feeds.max-records-per-batch:10000}") int maxRecords,
            @Value("${cluster.feeds.raw-topic.max-bytes:${cluster.web.max-request-bytes:1048576}}")
                    long maxTopicBytes) {
        this.batches = batches;
        this.registry = registry;
        this.secrets = secrets;
        this.adapters = adapters;
        this.calls = calls;
        this.events = events;
        this.json = json;
        this.clock = clock;
        this.meters = meters;
        this.maxRecords = maxRecords;
        this.maxTopicBytes = maxTopicBytes;
    }

    /**
     * The outcome of a push: the batch with what became of its records, and whether it had been
     * received before (then nothing was applied again, unless its first processing had not
     * finished).
     */
    public record Received(FeedBatch batch, boolean duplicate) {}

    /**
     * A batch a feed pushed over HTTP: stores it once, publishes its rejected records, and applies
     * its calls.
     *
     * @throws ProblemException 403 when {@code caller} does not push for {@code feedId}; otherwise
     *     as {@link #process}
     */
    public Received receive(Caller caller, String feedId, String contentType, byte[] body) {
        if (!caller.pushesFor(feedId)) {
            throw ProblemException.forbidden("feed-push-forbidden", feedId);
        }
        return process(
                feedId,
                caller.subject(),
                caller.subject().equals("feed:" + feedId)
                        ? FeedBatch.Authentication.SIGNATURE
                        : FeedBatch.Authentication.TOKEN,
                contentType,
                body);
    }

    /**
     * A batch read from the raw feed topic {@code topic}, for the feed {@code feedId} its record
     * names: the record acts as the feed itself (received by {@code kafka:<topic>}, authentication
     * TOPIC), and is processed as a push.
     *
     * @throws ProblemException 403 {@code feed-unknown} when the cluster does not know the feed
     *     ({@link #knows}), 413 {@code payload-too-large} over {@code
     *     cluster.feeds.raw-topic.max-bytes} (by default the HTTP limit, {@code
     *     cluster.web.max-request-bytes}); otherwise as {@link #process}
     */
    public Received receiveFromTopic(String topic, String feedId, byte[] body) {
        if (!knows(feedId)) {
            throw ProblemException.forbidden("feed-unknown", feedId);
        }
        if (body.length > maxTopicBytes) {
            throw new ProblemException(
                    HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", maxTopicBytes);
        }
        return process(
                feedId, "kafka:" + topic, FeedBatch.Authentication.TOPIC, "application/json", body);
    }

    /**
     * Stores the batch once, publishes its rejected records, and applies its calls: what every way
     * in shares.
     *
     * @throws ProblemException 400 when the body is not JSON or holds no record, 413 when it holds
     *     more than {@code cluster.feeds.max-records-per-batch} records, 503 when some calls could
     *     not be stored (the batch stays RECEIVED: sending it again applies it again), 503 {@code
     *     matching-not-ready} (nothing stored) while matching loads its targets at start-up
     */
    private Received process(
            String feedId,
            String receivedBy,
            FeedBatch.Authentication authentication,
            String contentType,
            byte[] body) {
        if (!calls.ready()) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "matching-not-ready");
        }
        Normalised normalised = adapters.normalise(feedId, readBatch(body));
        if (normalised.records() > maxRecords) {
            throw new ProblemException(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "feed-batch-too-many-records",
                    maxRecords,
                    normalised.records());
        }
        FeedBatch batch =
                new FeedBatch(
                        digest(feedId, body),
                        feedId,
                        clock.instant(),
                        receivedBy,
                        authentication,
                        contentType,
                        body.length,
                        normalised.records(),
                        FeedBatch.Status.RECEIVED,
                        new String(body, StandardCharsets.UTF_8),
                        normalised.rejections(),
                        null);
        boolean added = batches.addIfAbsent(batch, rejected(batch));
        meters.counter(
                        "cluster.feeds.batches",
                        "feed",
                        feedId,
                        "outcome",
                        added ? "stored" : "duplicate")
                .increment();
        if (!added) {
            FeedBatch stored = batches.find(batch.id()).orElse(batch);
            if (stored.status() == FeedBatch.Status.PROCESSED) {
                log.info(
                        "Feed {} sent batch {} again ({}); nothing applied again",
                        feedId,
                        batch.id(),
                        receivedBy);
                return new Received(stored, true);
            }
            log.info(
                    "Feed {} sent batch {} again ({}) before it was fully applied; applying it"
                            + " again",
                    feedId,
                    batch.id(),
                    receivedBy);
            batch = stored;
        } else {
            normalised
                    .rejections()
                    .forEach(
                            r ->
                                    meters.counter(
                                                    "cluster.feeds.records.rejected",
                                                    "feed",
                                                    feedId,
                                                    "reason",
                                                    r.reason().code())
                                            .increment());
            log.info(
                    "Feed {} sent batch {} ({}): {} records ({} rejected), {} bytes",
                    feedId,
                    batch.id(),
                    receivedBy,
                    normalised.records(),
                    normalised.rejections().size(),
                    body.length);
        }
        FeedBatch processed = batches.markProcessed(batch, apply(batch, normalised.calls()));
        return new Received(processed, !added);
    }

    /**
     * Applies every call, in bulk ({@link Calls#applyAll}: one read and one insert per few hundred
     * calls, plus the changed ones' updates), each call's outcome its own; throws 503 after the
     * others when some could not be stored.
     */
    private FeedBatch.Applied apply(FeedBatch batch, List<FundingCall> read) {
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        int unchanged = 0;
        int failed = 0;
        for (Calls.Applied applied :
                calls.applyAll(read, new CallChange.Origin(batch.feedId(), batch.id()))) {
            if (applied.failure() != null) {
                failed++;
                log.error(
                        "Feed {} batch {}: call {} ({}) could not be stored",
                        batch.feedId(),
                        batch.id(),
                        applied.call().id(),
                        applied.call().reference(),
                        applied.failure());
                continue;
            }
            Calls.Outcome outcome = applied.outcome();
            switch (outcome.result()) {
                case CREATED -> created.add(outcome.callId());
                case UPDATED -> updated.add(outcome.callId());
                case UNCHANGED -> unchanged++;
            }
        }
        if (failed > 0) {
            throw new ProblemException(
                    HttpStatus.SERVICE_UNAVAILABLE, "feed-batch-incomplete", failed, read.size());
        }
        return new FeedBatch.Applied(clock.instant(), created, updated, unchanged);
    }

    /**
     * A feed of the cluster: listed in {@code cluster.feeds.known}, or an active signed feed
     * (configured or in the registry; one a manager revoked is not, unless it is listed in {@code
     * known} too). While the registry has not been read since start-up (the store does not answer),
     * nobody can tell: an outage, so the raw topic's record is retried rather than dead-lettered as
     * unknown.
     */
    private boolean knows(String feedId) {
        if (feedId == null) {
            return false;
        }
        if (registry.known().contains(feedId)) {
            return true;
        }
        FeedSecrets.Outcome outcome = secrets.lookup(feedId, clock.instant()).outcome();
        if (outcome == FeedSecrets.Outcome.NOT_READY) {
            throw new DataAccessResourceFailureException(
                    "the signed-feed registry has not been read yet");
        }
        // a feed whose stored secret this instance cannot decrypt is still one of the cluster's
        return outcome == FeedSecrets.Outcome.SECRETS || outcome == FeedSecrets.Outcome.UNREADABLE;
    }

    private List<PendingEvent> rejected(FeedBatch batch) {
        return batch.rejections().stream()
                .map(
                        r ->
                                events.create(
                                        "feed-batches",
                                        batch.id(),
                                        new RecordRejected(
                                                batch.id(),
                                                batch.feedId(),
                                                r.index(),
                                                r.reference(),
                                                r.reason().code(),
                                                r.message(),
                                                batch.receivedAt())))
                .toList();
    }

    public FeedBatch batch(Caller caller, String feedId, String batchId) {
        if (!caller.has(ClusterRole.MANAGER) && !caller.pushesFor(feedId)) {
            throw ProblemException.forbidden();
        }
        return batches.find(batchId)
                .filter(b -> b.feedId().equals(feedId))
                .orElseThrow(() -> ProblemException.notFound("feed batch", batchId));
    }

    /**
     * The batch as JSON: an array or an object (a Search API response, a grantsTenders dump, one
     * record).
     */
    private JsonNode readBatch(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "unreadable-body");
        }
        if (root == null || root.isMissingNode() || root.isNull() || root.isValueNode()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "feed-batch-empty");
        }
        return root;
    }

    private static String digest(String feedId, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(feedId.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return HexFormat.of().formatHex(sha.digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
