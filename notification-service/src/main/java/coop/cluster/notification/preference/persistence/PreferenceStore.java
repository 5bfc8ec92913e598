package coop.cluster.notification.preference.persistence;

import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The collection {@code preferences}: ONE document per person ({@code _id} the person id), {@code
 * choices: {<kind code>: <choice code>}}, {@code updatedAt}, and {@code emailOff} (the kinds turned
 * off by the one-click links before choices existed). Every change is one {@code $set} of the kinds
 * changed in that document.
 */
@Repository
public class PreferenceStore {

    static final String COLLECTION = "preferences";

    private final MongoTemplate mongo;

    PreferenceStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * A person's document: their choices by kind code, and the kinds the old one-click links turned
     * off.
     *
     * @param choices choice code by kind code; empty when none was made
     * @param emailOff kind codes
     */
    public record Stored(Map<String, String> choices, List<String> emailOff) {}

    public Optional<Stored> find(String personId) {
        return Optional.ofNullable(mongo.findById(personId, Document.class, COLLECTION))
                .map(PreferenceStore::stored);
    }

    /**
     * The documents of these people, by person id, in one read (a person without one is left out).
     */
    public Map<String, Stored> findAll(Collection<String> personIds) {
        Map<String, Stored> found = new HashMap<>();
        mongo.find(
                        Query.query(Criteria.where("_id").in(Set.copyOf(personIds))),
                        Document.class,
                        COLLECTION)
                .forEach(d -> found.put(d.getString("_id"), stored(d)));
        return found;
    }

    /**
     * Sets the choices of the kinds given (choice code by kind code; the others keep theirs), in
     * one write.
     */
    public void set(String personId, Map<String, String> choices) {
        Update update = new Update().set("updatedAt", new Date());
        choices.forEach((kind, choice) -> update.set("choices." + kind, choice));
        mongo.upsert(Query.query(Criteria.where("_id").is(personId)), update, COLLECTION);
    }

    private static Stored stored(Document d) {
        Map<String, String> choices = new HashMap<>();
        Document stored = d.get("choices", Document.class);
        if (stored != null) {
            stored.forEach(
                    (kind, choice) -> {
                        if (choice instanceof String code) {
                            choices.put(kind, code);
                        }
                    });
        }
        return new Stored(choices, d.getList("emailOff", String.class, List.of()));
    }
}
