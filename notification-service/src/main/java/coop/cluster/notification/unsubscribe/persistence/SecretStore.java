package coop.cluster.notification.unsubscribe.persistence;

import java.util.Date;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/**
 * The service's own secrets, collection {@code secrets}: one document per secret ({@code _id} its
 * name, {@code key} its bytes, {@code createdAt}), inserted once, so every instance and every
 * restart reads the same one.
 */
@Repository
public class SecretStore {

    static final String COLLECTION = "secrets";

    private final MongoTemplate mongo;

    SecretStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * The secret named {@code id}; the first caller, on any instance, stores {@code fresh} (made
     * only then). When two insert it at once, the one stored first is everyone's.
     */
    public byte[] secret(String id, Supplier<byte[]> fresh) {
        Document stored = mongo.findById(id, Document.class, COLLECTION);
        if (stored == null) {
            try {
                mongo.insert(
                        new Document("_id", id)
                                .append("key", new Binary(fresh.get()))
                                .append("createdAt", new Date()),
                        COLLECTION);
            } catch (DuplicateKeyException anotherInstanceWasFirst) {
                // theirs is the key: read it below
            }
            stored = mongo.findById(id, Document.class, COLLECTION);
        }
        return stored.get("key", Binary.class).getData();
    }
}
