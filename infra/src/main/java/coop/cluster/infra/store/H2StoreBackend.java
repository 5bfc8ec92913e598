package coop.cluster.infra.store;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

/** The H2 file backend of {@link MongoStoreMain}, answering {@code hello} (see {@link HelloCommand}). */
final class H2StoreBackend extends H2Backend {

    H2StoreBackend(MVStore mvStore) {
        super(mvStore);
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if (HelloCommand.matches(command)) {
            return HelloCommand.answer(isMaster -> super.handleCommand(channel, databaseName, isMaster, query));
        }
        return super.handleCommand(channel, databaseName, command, query);
    }
}
