package coop.cluster.infra.store;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/** The in-memory backend ({@code --memory}, and the test harness), answering {@code hello} (see {@link HelloCommand}). */
public class MemoryStoreBackend extends MemoryBackend {

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if (HelloCommand.matches(command)) {
            return HelloCommand.answer(isMaster -> super.handleCommand(channel, databaseName, isMaster, query));
        }
        return super.handleCommand(channel, databaseName, command, query);
    }
}
