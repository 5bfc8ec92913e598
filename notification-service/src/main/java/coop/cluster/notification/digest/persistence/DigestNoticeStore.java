package coop.cluster.notification.digest.persistence;

import coop.cluster.notification.digest.DigestNotices;
import coop.cluster.notification.digest.Gathering;
import coop.cluster.notification.digest.Period;
import coop.cluster.notification.notify.Kind;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The gathered notices and their batches; two collections, every write one document's (no
 * transaction anywhere):
 *
 * <ul>
 *   <li>{@code digest_notices}: one document per (notice, person), {@code _id} derived from both
 *       ({@link DigestNotices#noticeId}), inserted once: a redelivered event gathers nothing twice.
 *       It holds the notice as written for the person (subject, summary, text, html, link,
 *       unsubscribe link), its {@code period} ({@code burst}, {@code daily}, {@code weekly}),
 *       {@code gatheredAt}, and {@code digestId}: null until a batch takes it, by a conditional
 *       update ({@code digestId = null} → the batch's id), so a notice is taken once.
 *   <li>{@code digests}: one document per batch, {@code _id} the batch's id ({@link Gathering#id}),
 *       inserted once: the list of the notices it sends ({@code noticeIds}) is fixed by that
 *       insert, whoever runs it and however often; {@code state} {@code PENDING} until it is closed
 *       (a conditional update: only a pending batch closes).
 * </ul>
 */
@Repository
public class DigestNoticeStore {

    private static final Logger log = LoggerFactory.getLogger(DigestNoticeStore.class);

    static final String NOTICES = "digest_notices";
    static final String BATCHES = "digests";

    private final MongoTemplate mongo;

    DigestNoticeStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * The indexes the job's questions use, made once the service is ready; a store out of reach
     * leaves them.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void createIndexes() {
        index(
                NOTICES,
                new Index()
                        .on("period", Sort.Direction.ASC)
                        .on("digestId", Sort.Direction.ASC)
                        .on("gatheredAt", Sort.Direction.ASC));
        index(
                NOTICES,
                new Index().on("personId", Sort.Direction.ASC).on("digestId", Sort.Direction.ASC));
        index(BATCHES, new Index().on("state", Sort.Direction.ASC));
    }

    // --- the notices

    /**
     * Inserts the notice, not taken by any batch yet. @return false if it was there (a redelivered
     * event)
     */
    public boolean insert(DigestNotices.GatheredNotice n) {
        Document notice =
                new Document("_id", n.id())
                        .append("personId", n.personId())
                        .append("kind", n.kind().code())
                        .append("period", n.period().code())
                        .append("eventId", n.eventId())
                        .append("deliveryKey", n.deliveryKey())
                        .append("subject", n.subject())
                        .append("summary", n.summary())
                        .append("text", n.text())
                        .append("html", n.html())
                        .append("link", n.link())
                        .append("unsubscribe", n.unsubscribe())
                        .append("at", Date.from(n.at()))
                        .append("gatheredAt", Date.from(n.gatheredAt()))
                        .append("digestId", null);
        try {
            mongo.insert(notice, NOTICES);
            return true;
        } catch (DuplicateKeyException alreadyGathered) {
            return false;
        }
    }

    public Optional<DigestNotices.GatheredNotice> notice(String id) {
        return Optional.ofNullable(mongo.findById(id, Document.class, NOTICES))
                .map(DigestNoticeStore::notice);
    }

    /**
     * Untaken burst notices gathered at or before {@code cutoff}, at most {@code limit}: their keys
     * only.
     */
    public List<Gathering.Gathered> burstsStartedBy(Instant cutoff, int limit) {
        Query query =
                Query.query(
                                Criteria.where("period")
                                        .is(Period.BURST.code())
                                        .and("digestId")
                                        .is(null)
                                        .and("gatheredAt")
                                        .lte(Date.from(cutoff)))
                        .limit(limit);
        keys(query);
        return mongo.find(query, Document.class, NOTICES).stream()
                .map(DigestNoticeStore::key)
                .toList();
    }

    /** The people with untaken notices of a period gathered before {@code boundary}. */
    public Set<String> peopleWaiting(Period period, Instant boundary) {
        Query query =
                Query.query(
                        Criteria.where("period")
                                .is(period.code())
                                .and("digestId")
                                .is(null)
                                .and("gatheredAt")
                                .lt(Date.from(boundary)));
        query.fields().include("personId");
        return mongo.find(query, Document.class, NOTICES).stream()
                .map(d -> d.getString("personId"))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /**
     * A person's untaken notices of a period (and kind, unless null), oldest first, at most {@code
     * limit}: keys.
     */
    public List<Gathering.Gathered> untaken(String personId, Period period, Kind kind, int limit) {
        Criteria criteria =
                Criteria.where("personId")
                        .is(personId)
                        .and("digestId")
                        .is(null)
                        .and("period")
                        .is(period.code());
        if (kind != null) {
            criteria.and("kind").is(kind.code());
        }
        Query query = Query.query(criteria).with(Sort.by("gatheredAt", "_id")).limit(limit);
        keys(query);
        return mongo.find(query, Document.class, NOTICES).stream()
                .map(DigestNoticeStore::key)
                .toList();
    }

    /**
     * Marks each notice taken by the batch, in this order, each only if no batch took it yet (one
     * write each).
     */
    public void take(String batchId, List<String> noticeIds, Instant at) {
        Date now = Date.from(at);
        for (String id : noticeIds) {
            mongo.updateFirst(
                    Query.query(Criteria.where("_id").is(id).and("digestId").is(null)),
                    new Update().set("digestId", batchId).set("takenAt", now),
                    NOTICES);
        }
    }

    /**
     * The notices of these ids, in this order (a notice no longer there is left out), in one read.
     */
    public List<DigestNotices.GatheredNotice> notices(List<String> ids) {
        Map<String, DigestNotices.GatheredNotice> byId =
                mongo
                        .find(Query.query(Criteria.where("_id").in(ids)), Document.class, NOTICES)
                        .stream()
                        .map(DigestNoticeStore::notice)
                        .collect(
                                Collectors.toMap(
                                        DigestNotices.GatheredNotice::id, Function.identity()));
        List<DigestNotices.GatheredNotice> ordered = new ArrayList<>();
        ids.forEach(id -> Optional.ofNullable(byId.get(id)).ifPresent(ordered::add));
        return ordered;
    }

    // --- the batches

    public Optional<DigestNotices.StoredBatch> batch(String batchId) {
        return Optional.ofNullable(mongo.findById(batchId, Document.class, BATCHES))
                .map(DigestNoticeStore::batch);
    }

    /**
     * Inserts the batch, {@code PENDING}, fixing the notices it sends; if another run inserted it
     * first, theirs is the batch.
     *
     * @return the batch as stored
     */
    public DigestNotices.StoredBatch open(Gathering.Batch batch, Instant createdAt) {
        Document document =
                new Document("_id", batch.id())
                        .append("name", batch.name())
                        .append("personId", batch.personId())
                        .append("period", batch.period().code())
                        .append("kind", batch.kind() == null ? null : batch.kind().code())
                        .append("noticeIds", batch.noticeIds())
                        .append("state", DigestNotices.PENDING)
                        .append("createdAt", Date.from(createdAt));
        try {
            mongo.insert(document, BATCHES);
            return batch(document);
        } catch (DuplicateKeyException anotherRunWasFirst) {
            return batch(mongo.findById(batch.id(), Document.class, BATCHES));
        }
    }

    /**
     * Closes the batch if it is still pending: {@code state}, the delivery's id or the reason, the
     * time.
     */
    public void close(String batchId, String state, String deliveryId, String reason, Instant at) {
        mongo.updateFirst(
                Query.query(
                        Criteria.where("_id").is(batchId).and("state").is(DigestNotices.PENDING)),
                new Update()
                        .set("state", state)
                        .set("deliveryId", deliveryId)
                        .set("reason", reason)
                        .set("closedAt", Date.from(at)),
                BATCHES);
    }

    /** Batches still pending that were opened before {@code before}, at most {@code limit}. */
    public List<DigestNotices.StoredBatch> pendingSince(Instant before, int limit) {
        return mongo
                .find(
                        Query.query(
                                        Criteria.where("state")
                                                .is(DigestNotices.PENDING)
                                                .and("createdAt")
                                                .lt(Date.from(before)))
                                .limit(limit),
                        Document.class,
                        BATCHES)
                .stream()
                .map(DigestNoticeStore::batch)
                .toList();
    }

    /** Batches of a person, oldest first. */
    public List<DigestNotices.StoredBatch> batchesOf(String personId) {
        return mongo
                .find(
                        Query.query(Criteria.where("personId").is(personId))
                                .with(Sort.by("createdAt")),
                        Document.class,
                        BATCHES)
                .stream()
                .map(DigestNoticeStore::batch)
                .toList();
    }

    private static void keys(Query query) {
        query.fields().include("personId", "kind", "period", "gatheredAt");
    }

    private static Gathering.Gathered key(Document d) {
        return new Gathering.Gathered(
                d.getString("_id"),
                d.getString("personId"),
                Kind.ofCode(d.getString("kind")).orElse(null),
                Period.of(d.getString("period")),
                d.getDate("gatheredAt").toInstant());
    }

    private static DigestNotices.GatheredNotice notice(Document d) {
        Date at = d.getDate("at");
        Date gatheredAt = d.getDate("gatheredAt");
        return new DigestNotices.GatheredNotice(
                d.getString("_id"),
                d.getString("personId"),
                Kind.ofCode(d.getString("kind")).orElse(null),
                Period.of(d.getString("period")),
                d.getString("eventId"),
                d.getString("deliveryKey"),
                d.getString("subject"),
                d.getString("summary"),
                d.getString("text"),
                d.getString("html"),
                d.getString("link"),
                d.getString("unsubscribe"),
                at == null ? null : at.toInstant(),
                gatheredAt.toInstant());
    }

    private static DigestNotices.StoredBatch batch(Document d) {
        String kind = d.getString("kind");
        return new DigestNotices.StoredBatch(
                d.getString("_id"),
                d.getString("name"),
                d.getString("personId"),
                Period.of(d.getString("period")),
                kind == null ? null : Kind.ofCode(kind).orElse(null),
                d.getList("noticeIds", String.class),
                d.getString("state"));
    }

    private void index(String collection, Index index) {
        try {
            mongo.indexOps(collection).createIndex(index);
        } catch (RuntimeException e) {
            log.warn("Could not create an index on {} now: {}", collection, e.toString());
        }
    }
}
