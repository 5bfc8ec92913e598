package coop.cluster.fundingwatch.feed.persistence;

import coop.cluster.fundingwatch.call.domain.Rejection;
import coop.cluster.fundingwatch.feed.FeedBatch;
import coop.cluster.plumbing.events.PendingEvent;
import coop.cluster.plumbing.outbox.OutboxWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Received batches. A batch is inserted once (same id: the same bytes again), together with the
 * events that announce its rejected records, in one single-document write; it is then marked
 * processed once.
 */
@Repository
public class FeedBatchStore {

    private static final Map<String, Rejection.Reason> REASONS =
            Arrays.stream(Rejection.Reason.values())
                    .collect(Collectors.toMap(Rejection.Reason::code, Function.identity()));

    private final MongoTemplate mongo;
    private final OutboxWriter outbox;

    FeedBatchStore(MongoTemplate mongo, OutboxWriter outbox) {
        this.mongo = mongo;
        this.outbox = outbox;
    }

    /**
     * Stores the batch with {@code events}; false, storing nothing, when a batch with its id was
     * already there (the same bytes pushed again).
     */
    public boolean addIfAbsent(FeedBatch batch, List<PendingEvent> events) {
        try {
            outbox.insert(toDocument(batch), events);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /**
     * Records what applying the batch's calls did, unless another processing of the same batch
     * recorded it first.
     *
     * @return the batch as processed
     */
    public FeedBatch markProcessed(FeedBatch batch, FeedBatch.Applied applied) {
        Update update =
                new Update()
                        .set("status", FeedBatch.Status.PROCESSED.name())
                        .set("processedAt", applied.processedAt())
                        .set("createdCallIds", applied.createdCallIds())
                        .set("updatedCallIds", applied.updatedCallIds())
                        .set("unchanged", applied.unchanged())
                        .inc("version", 1);
        mongo.updateFirst(
                Query.query(
                        Criteria.where("_id")
                                .is(batch.id())
                                .and("status")
                                .is(FeedBatch.Status.RECEIVED.name())),
                update,
                FeedBatchDocument.class);
        return batch.processed(applied);
    }

    public Optional<FeedBatch> find(String id) {
        return Optional.ofNullable(mongo.findById(id, FeedBatchDocument.class))
                .map(FeedBatchStore::toDomain);
    }

    private static FeedBatchDocument toDocument(FeedBatch b) {
        FeedBatch.Applied a = b.applied();
        return new FeedBatchDocument(
                b.id(),
                b.feedId(),
                b.receivedAt(),
                b.receivedBy(),
                b.authentication().name(),
                b.contentType(),
                b.bytes(),
                b.records(),
                b.status().name(),
                b.payload(),
                b.rejections().stream()
                        .map(
                                r ->
                                        new FeedBatchDocument.RejectionDoc(
                                                r.index(),
                                                r.reference(),
                                                r.reason().code(),
                                                r.message()))
                        .toList(),
                a == null ? null : a.processedAt(),
                a == null ? null : a.createdCallIds(),
                a == null ? null : a.updatedCallIds(),
                a == null ? null : a.unchanged(),
                null);
    }

    private static FeedBatch toDomain(FeedBatchDocument d) {
        List<Rejection> rejections =
                d.rejections() == null
                        ? List.of()
                        : d.rejections().stream()
                                .map(
                                        r ->
                                                new Rejection(
                                                        r.index(),
                                                        r.reference(),
                                                        REASONS.getOrDefault(
                                                                r.reason(),
                                                                Rejection.Reason.INVALID_RECORD),
                                                        r.message()))
                                .toList();
        FeedBatch.Status status = FeedBatch.Status.valueOf(d.status());
        FeedBatch.Applied applied =
                status != FeedBatch.Status.PROCESSED
                        ? null
                        : new FeedBatch.Applied(
                                d.processedAt(),
                                orEmpty(d.createdCallIds()),
                                orEmpty(d.updatedCallIds()),
                                d.unchanged() == null ? 0 : d.unchanged());
        return new FeedBatch(
                d.id(),
                d.feedId(),
                d.receivedAt(),
                d.receivedBy(),
                FeedBatch.Authentication.valueOf(d.authentication()),
                d.contentType(),
                d.bytes(),
                d.records(),
                status,
                d.payload(),
                rejections,
                applied);
    }

    private static List<String> orEmpty(List<String> ids) {
        return ids == null ? List.of() : ids;
    }
}
