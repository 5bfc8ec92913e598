package coop.cluster.testing.store;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;

/**
 * Every command a service's MongoDB client sent, as the driver's command monitoring reports it: the
 * thread that sent it, the command, the collection, and whether it is the outbox relay's (its read
 * asks for the {@code outbox} field, its clean-up {@code $pull}s from it). How the ITs count the
 * store operations of a business operation. Add it to the client with a {@code
 * MongoClientSettingsBuilderCustomizer}: {@code settings -> settings.addCommandListener(it)}.
 */
public final class StoreCommands implements CommandListener {

    /** One command sent. */
    public record Sent(String thread, String command, String collection, boolean relay) {

        /** {@code collection/command}, with {@code " (relay)"} for the relay's. */
        public String key() {
            return collection + "/" + command + (relay ? " (relay)" : "");
        }
    }

    private final Queue<Sent> sent = new ConcurrentLinkedQueue<>();

    @Override
    public void commandStarted(CommandStartedEvent event) {
        String name = event.getCommandName();
        BsonDocument command = event.getCommand();
        BsonValue target = command.get(name);
        String collection =
                target != null && target.isString()
                        ? target.asString().getValue()
                        : name.equals("getMore") && command.containsKey("collection")
                                ? command.getString("collection").getValue()
                                : "-";
        sent.add(
                new Sent(Thread.currentThread().getName(), name, collection, relay(name, command)));
    }

    private static boolean relay(String name, BsonDocument command) {
        if (name.equals("find") && command.containsKey("projection")) {
            BsonDocument projection = command.getDocument("projection");
            return projection.containsKey("outbox")
                    && !projection.get("outbox").equals(new BsonInt32(0));
        }
        if (name.equals("update") && command.containsKey("updates")) {
            return command.getArray("updates").stream()
                    .anyMatch(
                            update ->
                                    update.isDocument()
                                            && update.asDocument().containsKey("u")
                                            && update.asDocument().get("u").isDocument()
                                            && update.asDocument()
                                                    .getDocument("u")
                                                    .containsKey("$pull"));
        }
        return false;
    }

    /** The commands sent so far, in order. */
    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    public void clear() {
        sent.clear();
    }

    /** How many commands were sent so far, by {@link Sent#key()}. */
    public Map<String, Long> snapshot() {
        Map<String, Long> counts = new TreeMap<>();
        sent.forEach(command -> counts.merge(command.key(), 1L, Long::sum));
        return counts;
    }

    /**
     * The commands sent since {@code before} (a {@link #snapshot()}), by key; keys with none left
     * out.
     */
    public Map<String, Long> since(Map<String, Long> before) {
        Map<String, Long> delta = new TreeMap<>();
        snapshot()
                .forEach(
                        (key, count) -> {
                            long moved = count - before.getOrDefault(key, 0L);
                            if (moved > 0) {
                                delta.put(key, moved);
                            }
                        });
        return delta;
    }
}
