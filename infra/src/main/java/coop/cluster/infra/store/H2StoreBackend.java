package coop.cluster.infra.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The H2 file backend of {@link MongoStoreMain}, answering {@code hello} (see {@link HelloCommand})
 * and finding documents by {@code _id} also when the filter has further criteria (see {@link
 * IdLookup}), whose collections open without reading their documents (see {@link StoreIndexes}).
 */
final class H2StoreBackend extends H2Backend {

    /**
     * The names of a collection's MVStore maps, as {@link H2Database} names them (its constants are
     * not public); {@code H2StoreBackendTest} checks that files written by the library's own
     * backend open with their data.
     */
    private static final String DATA_MAP_PREFIX = "databases.";

    private static final String META_MAP_PREFIX = "meta.";
    private static final String INDEX_MAP_INFIX = "._index_";

    H2StoreBackend(MVStore mvStore) {
        super(mvStore);
    }

    /**
     * Builds the pending outbox index of every collection that the outbox relay reads (see {@link
     * H2StoreCollection#buildPendingOutbox}), one after the other; called in the background once
     * the store serves. Each build pins the store version it reads (see {@code StoreServer}).
     */
    void buildPendingOutboxes() {
        MVStore mvStore = getMvStore();
        for (String mapName : mvStore.getMapNames()) {
            if (!mapName.startsWith(DATA_MAP_PREFIX) || mvStore.isClosed()) {
                continue;
            }
            String fullName = mapName.substring(DATA_MAP_PREFIX.length());
            String databaseName = Utils.firstFragment(fullName);
            String collectionName = fullName.substring(databaseName.length() + 1);
            MVStore.TxCounter pin = mvStore.registerVersionUsage();
            try {
                if (resolveDatabase(databaseName).resolveCollection(collectionName, false)
                                instanceof H2StoreCollection collection
                        && collection.hasOutboxIndex()) {
                    collection.buildPendingOutbox();
                }
            } finally {
                mvStore.deregisterVersionUsage(pin);
            }
        }
    }

    @Override
    public Document handleCommand(
            Channel channel, String databaseName, String command, Document query) {
        if (HelloCommand.matches(command)) {
            return HelloCommand.answer(
                    isMaster -> super.handleCommand(channel, databaseName, isMaster, query));
        }
        return super.handleCommand(channel, databaseName, command, query);
    }

    /** Also called by the {@link H2Backend} constructor, for the databases already in the file. */
    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new StoreDatabase(databaseName);
    }

    /**
     * An H2 database whose collections are {@link H2StoreCollection}s. An inner class on purpose:
     * the {@link H2Database} constructor opens the existing collections (calling {@link
     * #openOrCreateCollection}) before a subclass could set a field, while the enclosing backend,
     * whose MVStore is already set, is reachable from the start.
     */
    private final class StoreDatabase extends H2Database {

        StoreDatabase(String databaseName) {
            super(
                    databaseName,
                    H2StoreBackend.this.getMvStore(),
                    H2StoreBackend.this.getCursorRegistry());
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(
                String collectionName, CollectionOptions options) {
            MVStore mvStore = H2StoreBackend.this.getMvStore();
            String fullName = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> dataMap = mvStore.openMap(DATA_MAP_PREFIX + fullName);
            MVMap<String, Object> metaMap = mvStore.openMap(META_MAP_PREFIX + fullName);
            return new H2StoreCollection(
                    this, collectionName, options, dataMap, metaMap, cursorRegistry);
        }

        /**
         * The library's H2 unique index, built from the documents only when its map is new (see
         * StoreIndexes).
         */
        @Override
        protected Index<Object> openOrCreateUniqueIndex(
                String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            MVStore mvStore = H2StoreBackend.this.getMvStore();
            String mapName =
                    getFullCollectionNamespace(collectionName) + INDEX_MAP_INFIX + indexName;
            boolean inFile = mvStore.hasMap(mapName);
            MVMap<KeyValue, Object> map = mvStore.openMap(mapName);
            return new StoreIndexes.Unique(map, indexName, keys, sparse, inFile);
        }

        /** The library keeps no non-unique indexes: nothing to build (see StoreIndexes). */
        @Override
        protected Index<Object> openOrCreateSecondaryIndex(
                String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            return new StoreIndexes.Unkept<>(indexName, keys);
        }
    }
}
