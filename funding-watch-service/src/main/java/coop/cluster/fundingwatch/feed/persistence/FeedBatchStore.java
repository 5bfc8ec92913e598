package coop.cluster.fundingwatch.feed.persistence;

import coop.cluster.fundingwatch.feed.FeedBatch;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/** Received batches. Insert-only: a batch already stored (same id) is returned instead. */
@Repository
public class FeedBatchStore {

    private final MongoTemplate mongo;

    FeedBatchStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Stores the batch; false when a batch with its id was already there (the same bytes pushed again). */
    public boolean addIfAbsent(FeedBatch batch) {
        try {
            mongo.insert(toDocument(batch));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    public Optional<FeedBatch> find(String id) {
        return Optional.ofNullable(mongo.findById(id, FeedBatchDocument.class)).map(FeedBatchStore::toDomain);
    }

    private static FeedBatchDocument toDocument(FeedBatch b) {
        return new FeedBatchDocument(b.id(), b.feedId(), b.receivedAt(), b.receivedBy(), b.authentication().name(),
                b.contentType(), b.bytes(), b.records(), b.status().name(), b.payload());
    }

    private static FeedBatch toDomain(FeedBatchDocument d) {
        return new FeedBatch(d.id(), d.feedId(), d.receivedAt(), d.receivedBy(),
                FeedBatch.Authentication.valueOf(d.authentication()), d.contentType(), d.bytes(), d.records(),
                FeedBatch.Status.valueOf(d.status()), d.payload());
    }
}
