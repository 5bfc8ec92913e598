package coop.cluster.fundingwatch.feed;

import coop.cluster.fundingwatch.feed.persistence.FeedBatchStore;
import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.security.ClusterRole;
import coop.cluster.plumbing.web.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Feed intake: a feed pushes a batch of funding-call records for itself only; the batch is stored as received,
 * once. Only feeds push; managers may look at what a feed sent.
 */
@Service
public class FeedIntake {

    private static final Logger log = LoggerFactory.getLogger(FeedIntake.class);

    private final FeedBatchStore batches;
    private final ObjectMapper json;
    private final Clock clock;
    private final MeterRegistry meters;

    FeedIntake(FeedBatchStore batches, ObjectMapper json, Clock clock, MeterRegistry meters) {
        this.batches = batches;
        this.json = json;
        this.clock = clock;
        this.meters = meters;
    }

    /** The outcome of a push: the batch, and whether it had been received before. */
    public record Received(FeedBatch batch, boolean duplicate) {
    }

    public Received receive(Caller caller, String feedId, String contentType, byte[] body) {
        if (!caller.pushesFor(feedId)) {
            throw ProblemException.forbidden("feed-push-forbidden", feedId);
        }
        int records = countRecords(body);
        FeedBatch batch = new FeedBatch(digest(feedId, body), feedId, clock.instant(), caller.subject(),
                caller.subject().equals("feed:" + feedId) ? FeedBatch.Authentication.SIGNATURE
                        : FeedBatch.Authentication.TOKEN,
                contentType, body.length, records, FeedBatch.Status.RECEIVED,
                new String(body, StandardCharsets.UTF_8));
        boolean added = batches.addIfAbsent(batch);
        meters.counter("cluster.feeds.batches", "feed", feedId, "outcome", added ? "stored" : "duplicate")
                .increment();
        if (!added) {
            log.info("Feed {} pushed batch {} again; kept the first copy", feedId, batch.id());
            return new Received(batches.find(batch.id()).orElse(batch), true);
        }
        log.info("Feed {} pushed batch {}: {} records, {} bytes", feedId, batch.id(), records, body.length);
        return new Received(batch, false);
    }

    public FeedBatch batch(Caller caller, String feedId, String batchId) {
        if (!caller.has(ClusterRole.MANAGER) && !caller.pushesFor(feedId)) {
            throw ProblemException.forbidden();
        }
        return batches.find(batchId).filter(b -> b.feedId().equals(feedId))
                .orElseThrow(() -> ProblemException.notFound("feed batch", batchId));
    }

    /** Records in a batch: a JSON array, a Search API response, a grantsTenders dump, or one record. */
    private int countRecords(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "unreadable-body");
        }
        if (root == null || root.isMissingNode() || root.isNull() || root.isValueNode()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "feed-batch-empty");
        }
        if (root.isArray()) {
            return root.size();
        }
        if (root.path("results").isArray()) {
            return root.path("results").size();
        }
        if (root.path("fundingData").path("GrantTenderObj").isArray()) {
            return root.path("fundingData").path("GrantTenderObj").size();
        }
        return 1;
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
