package coop.cluster.infra.store;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.EmptyIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import java.util.List;
import java.util.Map.Entry;
import org.h2.mvstore.MVMap;

/**
 * The indexes of {@link H2StoreBackend}'s collections, which open without reading the collection.
 *
 * <p>When a database is opened, mongo-java-server 1.47 adds each index in {@code system.indexes} to
 * its collection with {@code AbstractMongoCollection.addIndex}, which builds the index, reading and
 * decoding every document of the collection twice, whenever {@code Index.isEmpty()} says so. That
 * was the store's slow start: the library keeps no non-unique indexes ({@code EmptyIndex}, always
 * "empty"), so every {@code @Indexed} field of the services' documents cost two full reads of its
 * collection at every start (a 2 GB file: minutes, see docs/store.md); and a sparse unique index
 * with no entries cost the same.
 */
final class StoreIndexes {

    private StoreIndexes() {}

    /**
     * A non-unique index: the library does not keep them (queries scan), so there is nothing to
     * build, ever.
     */
    static final class Unkept<P> extends EmptyIndex<P> {

        Unkept(String name, List<IndexKey> keys) {
            super(name, keys);
        }

        /** Nothing to build: {@code addIndex} must not read the collection for it. */
        @Override
        public boolean isEmpty() {
            return false;
        }
    }

    /**
     * A unique index kept in an MVStore map: the library's {@code H2UniqueIndex} (whose constructor
     * is not public), the same map under the same name, which needs no build when its map was
     * already in the file: every change to the collection changed it too.
     */
    static final class Unique extends AbstractUniqueIndex<Object> {

        private final MVMap<KeyValue, Object> mvMap;
        private final boolean inFile;

        /**
         * @param inFile the map existed in the file before this index was opened
         */
        Unique(
                MVMap<KeyValue, Object> mvMap,
                String name,
                List<IndexKey> keys,
                boolean sparse,
                boolean inFile) {
            super(name, keys, sparse);
            this.mvMap = mvMap;
            this.inFile = inFile;
        }

        /**
         * Read by {@code addIndex} only, to decide whether to build the index from the collection's
         * documents.
         */
        @Override
        public boolean isEmpty() {
            return !inFile && mvMap.isEmpty();
        }

        @Override
        protected Object removeDocument(KeyValue keyValue) {
            return mvMap.remove(keyValue);
        }

        @Override
        protected boolean putKeyPosition(KeyValue keyValue, Object position) {
            return mvMap.putIfAbsent(keyValue, Missing.ofNullable(position)) == null;
        }

        @Override
        protected Iterable<Entry<KeyValue, Object>> getIterable() {
            return mvMap.entrySet();
        }

        @Override
        protected Object getPosition(KeyValue keyValue) {
            return mvMap.get(keyValue);
        }

        @Override
        public long getCount() {
            return mvMap.sizeAsLong();
        }

        @Override
        public long getDataSize() {
            return getCount();
        }
    }
}
