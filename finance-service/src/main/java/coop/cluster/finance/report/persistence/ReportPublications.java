package coop.cluster.finance.report.persistence;

import coop.cluster.plumbing.events.PendingEvent;
import coop.cluster.plumbing.outbox.OutboxRelay;
import coop.cluster.plumbing.outbox.OutboxWriter;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The published reports: {@value #COLLECTION}, one document per period ({@code _id} = the period
 * id) holding the frozen report (its JSON, exact decimal strings), the hash of its figures, whether
 * the period was sealed, the revision and a {@code version} for compare-and-set; and, in its {@code
 * outbox} array, the {@code report.published} event, written by the same insert or update, so the
 * report and its announcement are stored together or not at all ({@value #COLLECTION} is in {@code
 * cluster.outbox.collections}).
 */
@Repository
public class ReportPublications {

    public static final String COLLECTION = "report_publications";
    private static final String OUTBOX = "outbox";

    private final MongoTemplate mongo;
    private final OutboxWriter.Signal relaySignal;

    @Autowired
    public ReportPublications(MongoTemplate mongo, OutboxRelay relay) {
        this(mongo, relay::pending);
    }

    public ReportPublications(MongoTemplate mongo, OutboxWriter.Signal relaySignal) {
        this.mongo = mongo;
        this.relaySignal = relaySignal;
    }

    /**
     * One publication.
     *
     * @param contentHash the SHA-256 of the report's figures
     * @param sealed whether the period was sealed when it was published
     * @param report the frozen report as JSON
     */
    public record Publication(
            String periodId,
            int revision,
            long version,
            String contentHash,
            boolean sealed,
            String report,
            Instant publishedAt) {}

    public Optional<Publication> find(String periodId) {
        Query query = Query.query(Criteria.where("_id").is(periodId));
        query.fields().exclude(OUTBOX);
        return Optional.ofNullable(mongo.findOne(query, Document.class, COLLECTION))
                .map(ReportPublications::of);
    }

    /**
     * Stores a first publication with its event.
     *
     * @throws DuplicateKeyException when the period was published meanwhile
     */
    public void insert(Publication publication, PendingEvent published) {
        mongo.insert(
                fields(publication)
                        .append("_id", publication.periodId())
                        .append("version", 1L)
                        .append(OUTBOX, List.of(published.toDocument())),
                COLLECTION);
        relaySignal.pending(COLLECTION, publication.periodId());
    }

    /**
     * Replaces a publication by a new revision with its event, if it is still at {@code
     * expectedVersion}.
     *
     * @return false when another publisher changed it first
     */
    public boolean replace(long expectedVersion, Publication publication, PendingEvent published) {
        Update update = new Update().inc("version", 1L).push(OUTBOX, published.toDocument());
        fields(publication).forEach(update::set);
        boolean replaced =
                mongo.updateFirst(
                                        Query.query(
                                                Criteria.where("_id")
                                                        .is(publication.periodId())
                                                        .and("version")
                                                        .is(expectedVersion)),
                                        update,
                                        COLLECTION)
                                .getModifiedCount()
                        == 1;
        if (replaced) {
            relaySignal.pending(COLLECTION, publication.periodId());
        }
        return replaced;
    }

    /** A page of publications, newest period first, without their reports' bodies. */
    public List<Publication> page(int page, int size) {
        Query query =
                new Query()
                        .with(Sort.by(Sort.Direction.DESC, "_id"))
                        .skip((long) page * size)
                        .limit(size);
        query.fields().exclude(OUTBOX).exclude("report");
        return mongo.find(query, Document.class, COLLECTION).stream()
                .map(ReportPublications::of)
                .toList();
    }

    public long count() {
        return mongo.count(new Query(), COLLECTION);
    }

    private static Document fields(Publication publication) {
        return new Document("revision", publication.revision())
                .append("contentHash", publication.contentHash())
                .append("sealed", publication.sealed())
                .append("report", publication.report())
                .append("publishedAt", Date.from(publication.publishedAt()));
    }

    private static Publication of(Document document) {
        return new Publication(
                document.getString("_id"),
                ((Number) document.get("revision")).intValue(),
                ((Number) document.get("version")).longValue(),
                document.getString("contentHash"),
                Boolean.TRUE.equals(document.getBoolean("sealed")),
                document.getString("report"),
                document.getDate("publishedAt").toInstant());
    }
}
