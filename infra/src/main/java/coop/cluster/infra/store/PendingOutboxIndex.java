package coop.cluster.infra.store;

import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.bson.Document;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The store's stand-in for the index the outbox relay creates on {@code outbox.id}: which documents
 * of a collection carry an outbox at all.
 *
 * <p>mongo-java-server 1.47 keeps unique indexes only, so the relay's periodic look for pending
 * events, {@code {"outbox.id": {$exists: true}}}, read and decoded every document of every outbox
 * collection once a second: with 100,000 documents in the store it kept a core busy while the
 * platform was idle, and every other query waited behind it. A mongod answers it from the relay's
 * index.
 *
 * <p>This keeps the positions of the documents whose {@code outbox} field is a non-empty array or
 * an embedded document (a superset of those where {@code outbox.id} exists), maintained on every
 * insert, update and removal, and answers exactly that query's candidates; the library's matcher
 * still runs the whole filter on each candidate, so the results are those of the full scan. Any
 * other query keeps the library's scan. The collection calls it under its own lock
 * (mongo-java-server's synchronized collections), so a change and the one-off build never
 * interleave.
 */
final class PendingOutboxIndex<P> {

    static final String FIELD = "outbox";
    private static final String PATH = FIELD + ".id";

    private final Set<P> positions = ConcurrentHashMap.newKeySet();
    private final Supplier<Stream<DocumentWithPosition<P>>> existing;
    private volatile boolean built;

    /**
     * @param existing the documents already in the collection (an H2 file opened at start-up), read
     *     once, at the first query this index answers: opening a large file is slow enough already
     */
    PendingOutboxIndex(Supplier<Stream<DocumentWithPosition<P>>> existing) {
        this.existing = existing;
    }

    /**
     * Changes seen before the build are kept: the build adds what the documents hold then, which
     * agrees.
     */
    private void build() {
        synchronized (positions) {
            if (!built) {
                try (Stream<DocumentWithPosition<P>> documents = existing.get()) {
                    documents.forEach(d -> added(d.getPosition(), d.getDocument()));
                }
                built = true;
            }
        }
    }

    void added(P position, Document document) {
        if (carriesOutbox(document)) {
            positions.add(position);
        }
    }

    void updated(P position, Document newDocument) {
        if (carriesOutbox(newDocument)) {
            positions.add(position);
        } else {
            positions.remove(position);
        }
    }

    void removed(P position) {
        positions.remove(position);
    }

    int size() {
        build();
        return positions.size();
    }

    /**
     * The positions that can match {@code query} if it is the relay's look for pending events;
     * {@code null} for any other query.
     */
    Iterable<P> candidatePositions(Document query) {
        if (query == null
                || query.size() != 1
                || !(query.get(PATH) instanceof Document operator)
                || operator.size() != 1
                || !isTrue(operator.get("$exists"))) {
            return null;
        }
        build();
        return List.copyOf(positions);
    }

    private static boolean isTrue(Object value) {
        return Boolean.TRUE.equals(value)
                || value instanceof Number number && number.doubleValue() != 0;
    }

    private static boolean carriesOutbox(Document document) {
        Object outbox = document == null ? null : document.get(FIELD);
        return outbox instanceof Collection<?> list && !list.isEmpty()
                || outbox instanceof Map<?, ?>;
    }
}
