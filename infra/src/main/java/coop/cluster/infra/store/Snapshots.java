package coop.cluster.infra.store;

import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies of the documents a request answers with, taken under the collection's lock.
 *
 * <p>The library answers a query or a find-and-modify with the very document objects it stores, and an update
 * changes a stored document in place, field by field. The answer is encoded later, outside the collection's lock
 * (and held until its writes are durable, {@link DurableReplies}), so an update running meanwhile could be seen
 * half done: a client read a document's new {@code version} with its old {@code value}, wrote its compare-and-set on
 * that version, and an increment was lost ({@code ConcurrentConditionalWritesIT}). Answering with copies made before
 * the lock is released gives every reader a document as it stood between two writes.
 */
final class Snapshots {

    private Snapshots() {
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
