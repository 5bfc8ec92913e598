package coop.cluster.infra.store;

import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Copies of the documents a request answers with, taken under the collection's lock.
 *
 * <p>The library answers a query or a find-and-modify with the very document objects it stores, and
 * an update changes a stored document in place, field by field. The answer is encoded later,
 * outside the collection's lock (and held until its writes are durable, {@link DurableReplies}), so
 * an update running meanwhile could be seen half done: a client read a document's new {@code
 * version} with its old {@code value}, wrote its compare-and-set on that version, and an increment
 * was lost ({@code ConcurrentConditionalWritesIT}). Answering with copies made before the lock is
 * released gives every reader a document as it stood between two writes.
 */
final class Snapshots {

    /**
     * Guarded by the collection's lock: a query is being answered, so its documents leave as
     * copies.
     */
    private boolean answering;

    /**
     * Guarded by the collection's lock: a find-and-modify is reading the documents it changes in
     * place.
     */
    private boolean modifying;

    /**
     * Answers a query (the collection's {@code handleQuery}, under its lock) with copies of what it
     * matched.
     */
    QueryResult query(Supplier<QueryResult> query) {
        answering = !modifying;
        try {
            return query.get();
        } finally {
            answering = false;
        }
    }

    /**
     * What the collection's {@code createQueryResult} should hold: copies when they answer a query,
     * the stored documents themselves when an update or a find-and-modify reads them to change them
     * in place.
     */
    List<Document> matched(List<Document> documents) {
        return answering ? of(documents) : documents;
    }

    /**
     * Runs a find-and-modify (under the collection's lock) and answers with a copy of its document.
     */
    Document findAndModify(Supplier<Document> findAndModify) {
        modifying = true;
        try {
            return ofAnswer(findAndModify.get());
        } finally {
            modifying = false;
        }
    }

    /** Deep copies of {@code documents}, in a list the library may split into batches. */
    static List<Document> of(List<Document> documents) {
        List<Document> copies = new ArrayList<>(documents.size());
        for (Document document : documents) {
            copies.add(document == null ? null : document.cloneDeeply());
        }
        return copies;
    }

    /** A find-and-modify's answer with a copy of its {@code value} document. */
    static Document ofAnswer(Document answer) {
        if (answer != null && answer.get("value") instanceof Document value) {
            answer.put("value", value.cloneDeeply());
        }
        return answer;
    }
}
