package coop.cluster.notification.digest;

import coop.cluster.notification.notify.Kind;
import coop.cluster.notification.notify.Rendered;
import coop.cluster.plumbing.consumer.IdempotentEffects;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.data.util.Pair;
import org.springframework.stereotype.Component;

/**
 * The notices waiting for a digest or for the end of their burst, and the batches they go out in; two collections,
 * every write one document's (no transaction anywhere):
 * <ul>
 *   <li>{@code digest_notices}: one document per (notice, person), {@code _id} derived from both
 *   ({@link IdempotentEffects#effectId}), inserted once: a redelivered event gathers nothing twice. It holds the
 *   notice as written for the person (subject, summary, text, html, link, unsubscribe link), its {@code period}
 *   ({@code burst}, {@code daily}, {@code weekly}), {@code gatheredAt}, and {@code digestId}: null until a batch takes
 *   it, by a conditional update ({@code digestId = null} → the batch's id), so a notice is taken once.</li>
 *   <li>{@code digests}: one document per batch, {@code _id} the batch's id ({@link Gathering#id}), inserted once: the
 *   list of the notices it sends ({@code noticeIds}) is fixed by that insert, whoever runs it and however often;
 *   {@code state} {@code PENDING} until its e-mail delivery is made ({@code DONE}) or there is nobody to send it to
 *   ({@code SUPPRESSED}).</li>
 * </ul>
 */
@Component
public class DigestNotices {

    static final String NOTICES = "digest_notices";
    static final String BATCHES = "digests";
    public static final String PENDING = "PENDING";
    public static final String DONE = "DONE";
    public static final String SUPPRESSED = "SUPPRESSED";

    private final MongoTemplate mongo;
    private final Clock clock;

    DigestNotices(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    public static List<Pair<String, Index>> indexes() {
        return List.of(
                Pair.of(NOTICES, new Index().on("period", Sort.Direction.ASC).on("digestId", Sort.Direction.ASC)
                        .on("gatheredAt", Sort.Direction.ASC)),
                Pair.of(NOTICES, new Index().on("personId", Sort.Direction.ASC).on("digestId", Sort.Direction.ASC)),
                Pair.of(BATCHES, new Index().on("state", Sort.Direction.ASC)));
    }

    /** The id of a notice gathered for a person: the same event (or notice key) and person give the same id. */
    public static String noticeId(String noticeKey, String personId) {
        return IdempotentEffects.effectId(noticeKey, "gathered:" + personId);
    }

    /** A notice as gathered for one person, written in their language. */
    public record GatheredNotice(String id, String personId, Kind kind, Period period, String eventId,
                                 String deliveryKey, String subject, String summary, String text, String html,
                                 String link, String unsubscribe, Instant at, Instant gatheredAt) {

        Gathering.Gathered key() {
            return new Gathering.Gathered(id, personId, kind, period, gatheredAt);
        }
    }

    /**
     * Gathers a notice for a person, once.
     *
     * @param noticeKey   the notice's exactly-once key (the event id)
     * @param deliveryKey the id its e-mail has when it goes out alone (a burst of one)
     * @return false if it was gathered before (a redelivered event)
     */
    public boolean gather(String noticeKey, String personId, Kind kind, Period period, Rendered text, String link,
                          String unsubscribe, String deliveryKey, Instant at) {
        Document notice = new Document("_id", noticeId(noticeKey, personId)).append("personId", personId)
                .append("kind", kind.code()).append("period", period.code()).append("eventId", noticeKey)
                .append("deliveryKey", deliveryKey).append("subject", text.subject())
                .append("summary", text.summary()).append("text", text.text()).append("html", text.html())
                .append("link", link).append("unsubscribe", unsubscribe).append("at", Date.from(at))
                .append("gatheredAt", Date.from(clock.instant())).append("digestId", null);
        try {
            mongo.insert(notice, NOTICES);
            return true;
        } catch (DuplicateKeyException alreadyGathered) {
            return false;
        }
    }

    /** Whether a notice was gathered for the person (for tests and operators). */
    public Optional<GatheredNotice> gathered(String noticeKey, String personId) {
        return Optional.ofNullable(mongo.findById(noticeId(noticeKey, personId), Document.class, NOTICES))
                .map(DigestNotices::notice);
    }

    /** Untaken burst notices gathered at or before {@code cutoff}: the first ones of the bursts that may be due. */
    List<Gathering.Gathered> burstsStartedBy(Instant cutoff, int limit) {
        Query query = Query.query(Criteria.where("period").is(Period.BURST.code()).and("digestId").is(null)
                .and("gatheredAt").lte(Date.from(cutoff))).limit(limit);
        keys(query);
        return mongo.find(query, Document.class, NOTICES).stream().map(d -> notice(d).key()).toList();
    }

    /** The people with untaken notices of a daily or weekly period gathered before {@code boundary}. */
    Set<String> peopleWaiting(Period period, Instant boundary) {
        Query query = Query.query(Criteria.where("period").is(period.code()).and("digestId").is(null)
                .and("gatheredAt").lt(Date.from(boundary)));
        query.fields().include("personId");
        return mongo.find(query, Document.class, NOTICES).stream().map(d -> d.getString("personId"))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** A person's untaken notices of a period (and kind, for a burst), oldest first, at most {@code limit}. */
    List<Gathering.Gathered> untaken(String personId, Period period, Kind kind, int limit) {
        Criteria criteria = Criteria.where("personId").is(personId).and("digestId").is(null).and("period")
                .is(period.code());
        if (kind != null) {
            criteria.and("kind").is(kind.code());
        }
        Query query = Query.query(criteria).with(Sort.by("gatheredAt", "_id")).limit(limit);
        keys(query);
        return mongo.find(query, Document.class, NOTICES).stream().map(d -> notice(d).key()).toList();
    }

    /** The batch's document, if some run made it. */
    Optional<Document> batch(String batchId) {
        return Optional.ofNullable(mongo.findById(batchId, Document.class, BATCHES));
    }

    /**
     * Makes the batch's document, fixing the notices it sends; if another run made it first, theirs is the batch.
     *
     * @return the batch's document as stored
     */
    Document open(Gathering.Batch batch) {
        Document document = new Document("_id", batch.id()).append("name", batch.name())
                .append("personId", batch.personId()).append("period", batch.period().code())
                .append("kind", batch.kind() == null ? null : batch.kind().code())
                .append("noticeIds", batch.noticeIds()).append("state", PENDING)
                .append("createdAt", Date.from(clock.instant()));
        try {
            mongo.insert(document, BATCHES);
            return document;
        } catch (DuplicateKeyException anotherRunWasFirst) {
            return mongo.findById(batch.id(), Document.class, BATCHES);
        }
    }

    /** Marks each notice taken by the batch, in this order, each only if no batch took it yet. */
    void take(String batchId, List<String> noticeIds) {
        Date now = Date.from(clock.instant());
        for (String id : noticeIds) {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("digestId").is(null)),
                    new Update().set("digestId", batchId).set("takenAt", now), NOTICES);
        }
    }

    /** The notices of these ids, in this order (a notice no longer there is left out). */
    List<GatheredNotice> notices(List<String> ids) {
        Map<String, GatheredNotice> byId = mongo.find(Query.query(Criteria.where("_id").in(ids)), Document.class,
                NOTICES).stream().map(DigestNotices::notice).collect(Collectors.toMap(GatheredNotice::id,
                Function.identity()));
        List<GatheredNotice> ordered = new ArrayList<>();
        ids.forEach(id -> Optional.ofNullable(byId.get(id)).ifPresent(ordered::add));
        return ordered;
    }

    /** Closes a pending batch: {@code DONE} with its delivery's id, or {@code SUPPRESSED}. */
    void close(String batchId, String state, String deliveryId, String reason) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(batchId).and("state").is(PENDING)),
                new Update().set("state", state).set("deliveryId", deliveryId).set("reason", reason)
                        .set("closedAt", Date.from(clock.instant())), BATCHES);
    }

    /** Batches still pending that were opened before {@code before}: a run stopped half-way. */
    List<Document> pendingSince(Instant before, int limit) {
        return mongo.find(Query.query(Criteria.where("state").is(PENDING).and("createdAt").lt(Date.from(before)))
                .limit(limit), Document.class, BATCHES);
    }

    /** Batches of a person (for tests and operators), oldest first. */
    public List<Document> batchesOf(String personId) {
        return mongo.find(Query.query(Criteria.where("personId").is(personId)).with(Sort.by("createdAt")),
                Document.class, BATCHES);
    }

    private static void keys(Query query) {
        query.fields().include("personId", "kind", "period", "gatheredAt");
    }

    private static GatheredNotice notice(Document d) {
        Date at = d.getDate("at");
        Date gatheredAt = d.getDate("gatheredAt");
        return new GatheredNotice(d.getString("_id"), d.getString("personId"),
                Kind.ofCode(d.getString("kind")).orElse(null), Period.of(d.getString("period")),
                d.getString("eventId"), d.getString("deliveryKey"), d.getString("subject"), d.getString("summary"),
                d.getString("text"), d.getString("html"), d.getString("link"), d.getString("unsubscribe"),
                at == null ? null : at.toInstant(), gatheredAt.toInstant());
    }
}
