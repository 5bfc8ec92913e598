package coop.cluster.notification.unsubscribe;

import coop.cluster.notification.notify.Kind;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Which non-essential kinds a person turned off for e-mail, collection {@code preferences} (one document per
 * person, {@code emailOff}: the kinds' codes). This increment only turns kinds off, from the one-click unsubscribe
 * links; the preferences page (immediately, daily or weekly digest, off) comes later. Essential kinds are never off.
 */
@Component
public class Preferences {

    static final String COLLECTION = "preferences";

    private final MongoTemplate mongo;

    Preferences(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public boolean emailWanted(String personId, Kind kind) {
        if (kind.essential()) {
            return true;
        }
        Document preferences = mongo.findById(personId, Document.class, COLLECTION);
        return preferences == null || !preferences.getList("emailOff", String.class, List.of()).contains(kind.code());
    }

    /** Turns e-mail of {@code kind} off for the person (again: no change). Essential kinds cannot be. */
    public boolean turnOff(String personId, Kind kind) {
        if (kind.essential()) {
            return false;
        }
        mongo.upsert(Query.query(Criteria.where("_id").is(personId)),
                new Update().addToSet("emailOff", kind.code()).set("updatedAt", new Date()), COLLECTION);
        return true;
    }
}
