package coop.cluster.infra.store;

import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * The in-memory backend ({@code --memory}, and the test harness), answering {@code hello} (see
 * {@link HelloCommand}) and finding documents by {@code _id} also when the filter has further
 * criteria (see {@link IdLookup}).
 */
public class MemoryStoreBackend extends MemoryBackend {

    @Override
    public Document handleCommand(
            Channel channel, String databaseName, String command, Document query) {
        if (HelloCommand.matches(command)) {
            return HelloCommand.answer(
                    isMaster -> super.handleCommand(channel, databaseName, isMaster, query));
        }
        return super.handleCommand(channel, databaseName, command, query);
    }

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new StoreDatabase(databaseName, getCursorRegistry());
    }

    /** A memory database whose collections are {@link MemoryStoreCollection}s. */
    private static final class StoreDatabase extends MemoryDatabase {

        StoreDatabase(String databaseName, CursorRegistry cursorRegistry) {
            super(databaseName, cursorRegistry);
        }

        @Override
        protected MemoryCollection openOrCreateCollection(
                String collectionName, CollectionOptions options) {
            return new MemoryStoreCollection(this, collectionName, options, cursorRegistry);
        }
    }
}
