package coop.cluster.notification.preference;

import coop.cluster.notification.notify.Kind;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Each person's choice per kind of e-mail ({@link Choice}), collection {@code preferences}: ONE document per person
 * ({@code _id} the person id), {@code choices: {<kind code>: <choice code>}}. Every change is one write of that
 * document ({@code $set} of the kinds changed), so a change of several kinds is all or nothing without a
 * transaction. A kind never chosen is {@link Choice#IMMEDIATELY}; {@code emailOff} (the kinds turned off by the
 * one-click links before choices existed) still reads as {@link Choice#OFF} for a kind with no choice. Essential
 * kinds are always {@link Choice#IMMEDIATELY}, whatever the document says.
 */
@Component
public class Preferences {

    static final String COLLECTION = "preferences";

    private final MongoTemplate mongo;

    Preferences(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The person's choice for one kind. */
    public Choice choice(String personId, Kind kind) {
        if (kind.essential()) {
            return Choice.IMMEDIATELY;
        }
        return choice(mongo.findById(personId, Document.class, COLLECTION), kind);
    }

    /**
     * The choices of these people for {@code kind}, in one read (none for an essential kind: always
     * {@link Choice#IMMEDIATELY}).
     */
    public Map<String, Choice> choices(java.util.Collection<String> personIds, Kind kind) {
        Map<String, Choice> choices = new java.util.HashMap<>();
        if (kind.essential() || personIds.isEmpty()) {
            personIds.forEach(id -> choices.put(id, Choice.IMMEDIATELY));
            return choices;
        }
        Map<String, Document> stored = new java.util.HashMap<>();
        mongo.find(Query.query(Criteria.where("_id").in(java.util.Set.copyOf(personIds))), Document.class, COLLECTION)
                .forEach(d -> stored.put(d.getString("_id"), d));
        personIds.forEach(id -> choices.put(id, choice(stored.get(id), kind)));
        return choices;
    }

    /** The person's choice for every kind a person can hear of, in the kinds' order. */
    public Map<Kind, Choice> of(String personId) {
        Document stored = mongo.findById(personId, Document.class, COLLECTION);
        Map<Kind, Choice> all = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.notices()) {
            all.put(kind, kind.essential() ? Choice.IMMEDIATELY : choice(stored, kind));
        }
        return all;
    }

    /**
     * Sets the person's choices of the kinds given (the others keep theirs), in one write.
     *
     * @throws IllegalArgumentException if a kind does not allow its choice ({@link Choice#allowedFor}): the caller
     *                                  validates first
     */
    public void set(String personId, Map<Kind, Choice> choices) {
        if (choices.isEmpty()) {
            return;
        }
        Update update = new Update().set("updatedAt", new Date());
        choices.forEach((kind, choice) -> {
            if (!Choice.allowedFor(kind).contains(choice)) {
                throw new IllegalArgumentException(kind.code() + " cannot be " + choice.code());
            }
            update.set("choices." + kind.code(), choice.code());
        });
        mongo.upsert(Query.query(Criteria.where("_id").is(personId)), update, COLLECTION);
    }

    /** Turns e-mail of {@code kind} off for the person (again: no change). Essential kinds cannot be. */
    public boolean turnOff(String personId, Kind kind) {
        if (kind.essential()) {
            return false;
        }
        set(personId, Map.of(kind, Choice.OFF));
        return true;
    }

    private static Choice choice(Document stored, Kind kind) {
        if (stored == null) {
            return Choice.IMMEDIATELY;
        }
        Document choices = stored.get("choices", Document.class);
        if (choices != null && choices.getString(kind.code()) != null) {
            return Choice.ofCode(choices.getString(kind.code())).orElse(Choice.IMMEDIATELY);
        }
        return stored.getList("emailOff", String.class, List.of()).contains(kind.code())
                ? Choice.OFF : Choice.IMMEDIATELY;
    }
}
