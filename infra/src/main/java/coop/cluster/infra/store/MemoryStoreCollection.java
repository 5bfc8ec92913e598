package coop.cluster.infra.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;

/**
 * The memory backend's collection with the {@code _id} fast path (see {@link IdLookup}): a filter
 * such as {@code {_id: X, version: 3}} reads one document instead of scanning the collection; and
 * the outbox relay's look for pending events reads only the documents that carry an outbox (see
 * {@link PendingOutboxIndex}).
 */
final class MemoryStoreCollection extends MemoryCollection {

    private final PendingOutboxIndex<Integer> pendingOutbox;

    MemoryStoreCollection(
            MongoDatabase database,
            String collectionName,
            CollectionOptions options,
            CursorRegistry cursorRegistry) {
        super(database, collectionName, options, cursorRegistry);
        this.pendingOutbox = new PendingOutboxIndex<>(this::streamAllDocumentsWithPosition);
    }

    /** Called by the library when no index handles the query as a whole: the full scan. */
    @Override
    protected QueryResult matchDocuments(
            Document query,
            Document orderBy,
            int numberToSkip,
            int limit,
            int batchSize,
            Document fieldSelector) {
        Iterable<Integer> candidates =
                IdLookup.candidatePositions(query, getIdField(), getIndexes());
        if (candidates == null) {
            candidates = pendingOutbox.candidatePositions(query);
        }
        if (candidates == null) {
            return super.matchDocuments(
                    query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        isNaturalDescending(orderBy); // rejects an illegal $natural as the scan would
        return matchDocuments(
                query, candidates, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    /** Answers with copies taken under this collection's lock ({@link Snapshots}). */
    private final Snapshots snapshots = new Snapshots();

    @Override
    public synchronized QueryResult handleQuery(QueryParameters parameters) {
        return snapshots.query(() -> super.handleQuery(parameters));
    }

    @Override
    protected QueryResult createQueryResult(List<Document> matchedDocuments, int batchSize) {
        return super.createQueryResult(snapshots.matched(matchedDocuments), batchSize);
    }

    @Override
    public synchronized Document findAndModify(Document query) {
        return snapshots.findAndModify(() -> super.findAndModify(query));
    }

    @Override
    protected Integer addDocumentInternal(Document document) {
        Integer position = super.addDocumentInternal(document);
        pendingOutbox.added(position, document);
        return position;
    }

    @Override
    protected void handleUpdate(Integer position, Document oldDocument, Document newDocument) {
        super.handleUpdate(position, oldDocument, newDocument);
        pendingOutbox.updated(position, newDocument);
    }

    @Override
    protected void removeDocument(Integer position) {
        super.removeDocument(position);
        pendingOutbox.removed(position);
    }

    /** Documents carrying an outbox, as the store's index of them counts (for tests). */
    int pendingOutboxDocuments() {
        return pendingOutbox.size();
    }
}
