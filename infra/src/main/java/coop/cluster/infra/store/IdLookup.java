package coop.cluster.infra.store;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The {@code _id} fast path of the store's collections ({@link MemoryStoreCollection},
 * {@link H2StoreCollection}).
 *
 * <p>mongo-java-server 1.47 uses an index only when a query's field names are exactly the index's
 * (its {@code AbstractUniqueIndex.canHandle} compares the key sets), so a filter such as
 * {@code {_id: X, version: 3}} (optimistic locking) or {@code {_id: X, appliedEventIds: {$ne: E}}}
 * (idempotent consumption) scanned the whole collection, slower the more documents it held, while
 * a mongod uses its {@code _id} index for both. findAndModify upserts over the wire, measured with
 * {@code StoreIdLookupBenchmark} at 20,000 documents (ops/s, 2 busy cores):
 *
 * <pre>
 *                      {_id}   {_id, $ne} before   {_id, $ne} with this
 * memory backend      ~11,000        ~560               ~10,500
 * H2 file backend      ~5,300        ~170                ~4,700
 * </pre>
 *
 * <p>When the filter requires the id field to equal a plain value (at its top level or in a
 * top-level {@code $and}), only the document that {@code {_id: value}} selects can match, so the
 * collections fetch it through the {@code _id} index (the lookup the library already does for
 * {@code {_id: value}} alone) and run the whole filter on it: the other criteria still decide, and
 * the results are those of the full scan (one difference, as on a mongod: an expression that fails
 * on some other document, such as a {@code $divide} by zero, is no longer evaluated there).
 * Anything else (no id criterion, an operator or regex or array or null as the id value, an
 * embedded document as the id value, no index on the id field) keeps the library's full scan.
 */
final class IdLookup {

    private IdLookup() {
    }

    /**
     * The positions of the documents that {@code {idField: value}} selects, through an index that
     * handles that query; {@code null} when the fast path does not apply and the caller must scan.
     */
    static <P> Iterable<P> candidatePositions(Document query, String idField, List<Index<P>> indexes) {
        Object value = idField == null || query == null ? null : plainIdValue(query, idField);
        if (value == null) {
            return null;
        }
        Document idQuery = new Document(idField, value);
        for (Index<P> index : indexes) {
            if (index.canHandle(idQuery)) {
                return index.getPositions(idQuery);
            }
        }
        return null;
    }

    /**
     * The id value that the filter requires with plain equality, at its top level or in a top-level
     * {@code $and} (the MongoDB driver's {@code Filters.and} always writes one); {@code null} if none.
     */
    private static Object plainIdValue(Document query, String idField) {
        Object value = query.get(idField);
        if (query.containsKey(idField) && isPlainValue(value)) {
            return value;
        }
        if (query.get("$and") instanceof Collection<?> clauses) {
            for (Object clause : clauses) {
                Object clauseValue = clause instanceof Document document ? plainIdValue(document, idField) : null;
                if (clauseValue != null) {
                    return clauseValue;
                }
            }
        }
        return null;
    }

    /**
     * A value whose match is plain equality. Operator documents ({@code $in}, {@code $ne}, ...)
     * and regexes are not; nor, to stay on the safe side, are null (it also matches a missing
     * field), arrays (the index reads them as "any of") and embedded documents.
     */
    private static boolean isPlainValue(Object value) {
        return !Missing.isNullOrMissing(value)
                && !(value instanceof Map)
                && !(value instanceof Collection)
                && !BsonRegularExpression.isRegularExpression(value)
                && !(value instanceof java.util.regex.Pattern);
    }
}
