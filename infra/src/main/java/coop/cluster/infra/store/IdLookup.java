package coop.cluster.infra.store;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The {@code _id} fast path of the store's collections ({@link MemoryStoreCollection}, {@link
 * H2StoreCollection}).
 *
 * <p>mongo-java-server 1.47 uses an index only when a query's field names are exactly the index's
 * (its {@code AbstractUniqueIndex.canHandle} compares the key sets), so a filter such as {@code
 * {_id: X, version: 3}} (optimistic locking) or {@code {_id: X, appliedEventIds: {$ne: E}}}
 * (idempotent consumption) scanned the whole collection, slower the more documents it held, while a
 * mongod uses its {@code _id} index for both ({@code StoreIdLookupBenchmark}: ~560 against ~10,500
 * upserts a second at 20,000 documents; the figures are in docs/benchmarks.md).
 *
 * <p>When the filter requires the id field to equal a plain value, or one of the plain values of an
 * {@code $in} (at its top level or in a top-level {@code $and}), only the documents that {@code
 * {_id: value}} selects can match, so the collections fetch them through the {@code _id} index (the
 * lookup the library already does for {@code {_id: value}} alone) and run the whole filter on them:
 * the other criteria still decide, and the results are those of the full scan (one difference, as
 * on a mongod: an expression that fails on some other document, such as a {@code $divide} by zero,
 * is no longer evaluated there). Anything else (no id criterion, another operator or a regex or
 * array or null as the id value, an {@code $in} holding any of those, an embedded document as the
 * id value, no index on the id field) keeps the library's full scan. The {@code $in} path matters
 * to the outbox relay, which reads and clears by {@code {_id: {$in: [...]}}} after every write: a
 * scan each time made every write slower the more documents a collection held.
 */
final class IdLookup {

    private IdLookup() {}

    /**
     * The positions of the documents that {@code {idField: value}} selects, through an index that
     * handles that query; {@code null} when the fast path does not apply and the caller must scan.
     */
    static <P> Iterable<P> candidatePositions(
            Document query, String idField, List<Index<P>> indexes) {
        List<Object> values = idField == null || query == null ? null : idValues(query, idField);
        if (values == null) {
            return null;
        }
        Index<P> byId = null;
        for (Index<P> index : indexes) {
            if (index.canHandle(new Document(idField, values.getFirst()))) {
                byId = index;
                break;
            }
        }
        if (byId == null) {
            return null;
        }
        // an $in may name an id twice: each document once, in the order first named
        java.util.Set<P> positions = new java.util.LinkedHashSet<>();
        for (Object value : values) {
            for (P position : byId.getPositions(new Document(idField, value))) {
                positions.add(position);
            }
        }
        return positions;
    }

    /**
     * The id values one of which the filter requires, at its top level or in a top-level {@code
     * $and}: a plain value, or every value of an {@code $in} when they all are plain (the outbox
     * relay reads and clears the documents it was told of by {@code {_id: {$in: [...]}}}); {@code
     * null} if none.
     */
    private static List<Object> idValues(Document query, String idField) {
        Object value = plainIdValue(query, idField);
        if (value != null) {
            return List.of(value);
        }
        return inIdValues(query, idField);
    }

    private static List<Object> inIdValues(Document query, String idField) {
        if (query.get(idField) instanceof Document operator
                && operator.size() == 1
                && operator.get("$in") instanceof Collection<?> in
                && !in.isEmpty()
                && in.stream().allMatch(IdLookup::isPlainValue)) {
            return List.copyOf(in);
        }
        if (query.get("$and") instanceof Collection<?> clauses) {
            for (Object clause : clauses) {
                List<Object> clauseValues =
                        clause instanceof Document document ? idValues(document, idField) : null;
                if (clauseValues != null) {
                    return clauseValues;
                }
            }
        }
        return null;
    }

    /**
     * The id value that the filter requires with plain equality, at its top level or in a top-level
     * {@code $and} (the MongoDB driver's {@code Filters.and} always writes one); {@code null} if
     * none.
     */
    private static Object plainIdValue(Document query, String idField) {
        Object value = query.get(idField);
        if (query.containsKey(idField) && isPlainValue(value)) {
            return value;
        }
        if (query.get("$and") instanceof Collection<?> clauses) {
            for (Object clause : clauses) {
                Object clauseValue =
                        clause instanceof Document document
                                ? plainIdValue(document, idField)
                                : null;
                if (clauseValue != null) {
                    return clauseValue;
                }
            }
        }
        return null;
    }

    /**
     * A value whose match is plain equality. Operator documents ({@code $in}, {@code $ne}, ...) and
     * regexes are not; nor, to stay on the safe side, are null (it also matches a missing field),
     * arrays (the index reads them as "any of") and embedded documents.
     */
    private static boolean isPlainValue(Object value) {
        return !Missing.isNullOrMissing(value)
                && !(value instanceof Map)
                && !(value instanceof Collection)
                && !BsonRegularExpression.isRegularExpression(value)
                && !(value instanceof java.util.regex.Pattern);
    }
}
