package coop.cluster.project.call.persistence;

import coop.cluster.plumbing.consumer.IdempotentEffects;
import coop.cluster.project.call.CallView;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The calls view in the store, the collection {@code calls}: one raw document per funding call,
 * each event applied once ({@link IdempotentEffects#applyOnce}: the dedupe record in the call's own
 * document).
 */
@Repository
public class CallStore {

    static final String COLLECTION = "calls";

    private final MongoTemplate mongo;
    private final IdempotentEffects effects;

    CallStore(MongoTemplate mongo, IdempotentEffects effects) {
        this.mongo = mongo;
        this.effects = effects;
    }

    /**
     * The call as event {@code eventId} states it (every field of {@code call} but its id; {@code
     * closedAt} removed when null), written at {@code now}; the document created if it is new.
     *
     * @return false if the event had been applied already
     */
    public boolean changed(String eventId, CallView call, Instant now) {
        Update update =
                new Update()
                        .set("title", call.title())
                        .set("programme", call.programme())
                        .set("status", call.status())
                        .set("url", call.url())
                        .set("nextDeadline", date(call.nextDeadline()));
        if (call.closedAt() != null) {
            update.set("closedAt", date(call.closedAt()));
        } else {
            update.unset("closedAt");
        }
        return apply(eventId, call.callId(), update, now);
    }

    /**
     * The call closed at {@code closedAt} (event {@code eventId}, written at {@code now}): no next
     * deadline any more.
     *
     * @return false if the event had been applied already
     */
    public boolean closed(String eventId, String callId, Instant closedAt, Instant now) {
        return apply(
                eventId,
                callId,
                new Update()
                        .set("status", "CLOSED")
                        .set("closedAt", date(closedAt))
                        .unset("nextDeadline"),
                now);
    }

    private boolean apply(String eventId, String callId, Update update, Instant now) {
        update.set("updatedAt", date(now));
        return effects.applyOnce(COLLECTION, callId, eventId, update);
    }

    public Optional<CallView> find(String callId) {
        return Optional.ofNullable(mongo.findById(callId, Document.class, COLLECTION))
                .map(CallStore::view);
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static CallView view(Document d) {
        return new CallView(
                d.getString("_id"),
                d.getString("title"),
                d.getString("programme"),
                d.getString("status"),
                instant(d.getDate("nextDeadline")),
                d.getString("url"),
                instant(d.getDate("closedAt")));
    }
}
