package coop.cluster.finance.receipt.persistence;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.finance.receipt.domain.Receipt;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Receipts in the {@value #COLLECTION} collection, one document each, amounts as decimal strings. A
 * receipt not yet in the ledger carries {@code pendingSince} (the repair sweep's index) until it is
 * marked posted.
 */
@Component
public class ReceiptStore {

    public static final String COLLECTION = "receipts";

    private final MongoTemplate mongo;

    public ReceiptStore(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.getCollection(COLLECTION).createIndex(Indexes.ascending("kind", "recordedAt"));
        mongo.getCollection(COLLECTION).createIndex(Indexes.ascending("pendingSince"));
    }

    public record Page(List<Receipt> items, long total) {}

    /** Inserts a receipt (pending unless posted); false when its id is taken. */
    public boolean insert(Receipt receipt) {
        Document document = toDocument(receipt);
        if (!receipt.posted()) {
            document.append("pendingSince", Date.from(receipt.recordedAt()));
        }
        try {
            mongo.getCollection(COLLECTION).insertOne(document);
            return true;
        } catch (com.mongodb.MongoException e) {
            if (e.getCode() == 11000) {
                return false;
            }
            throw e;
        }
    }

    public Optional<Receipt> find(String id) {
        return Optional.ofNullable(
                        mongo.getCollection(COLLECTION).find(Filters.eq("_id", id)).first())
                .map(ReceiptStore::fromDocument);
    }

    /** Posted receipts of a kind, newest first. */
    public Page list(Receipt.Kind kind, int page, int size) {
        var filter = Filters.and(Filters.eq("kind", kind.name()), Filters.eq("posted", true));
        List<Receipt> items = new ArrayList<>();
        mongo.getCollection(COLLECTION)
                .find(filter)
                .sort(Sorts.orderBy(Sorts.descending("recordedAt"), Sorts.ascending("_id")))
                .skip(page * size)
                .limit(size)
                .forEach(document -> items.add(fromDocument(document)));
        return new Page(items, mongo.getCollection(COLLECTION).countDocuments(filter));
    }

    /** Receipts recorded before {@code before} and not yet in the ledger. */
    public List<Receipt> pendingBefore(Instant before, int limit) {
        List<Receipt> pending = new ArrayList<>();
        mongo.getCollection(COLLECTION)
                .find(Filters.lt("pendingSince", Date.from(before)))
                .limit(limit)
                .forEach(document -> pending.add(fromDocument(document)));
        return pending;
    }

    /** Removes the receipt if it is still not posted. */
    public void removeUnposted(String id) {
        mongo.getCollection(COLLECTION)
                .deleteOne(Filters.and(Filters.eq("_id", id), Filters.eq("posted", false)));
    }

    /** Marks the receipt posted at {@code sequence}; false when it was not there unposted. */
    public boolean markPosted(String id, long sequence) {
        return mongo.getCollection(COLLECTION)
                        .updateOne(
                                Filters.and(Filters.eq("_id", id), Filters.eq("posted", false)),
                                Updates.combine(
                                        Updates.set("posted", true),
                                        Updates.set("sequence", sequence),
                                        Updates.unset("pendingSince")))
                        .getModifiedCount()
                == 1;
    }

    public static Document toDocument(Receipt r) {
        return new Document("_id", r.id())
                .append("kind", r.kind().name())
                .append("amount", r.amount().amount().toPlainString())
                .append("currency", r.amount().currency().getCurrencyCode())
                .append("date", r.date().toString())
                .append("sourceId", r.sourceId())
                .append("sourceName", r.sourceName())
                .append("programme", r.programme())
                .append("projectId", r.projectId())
                .append("memberId", r.memberId())
                .append("description", r.description())
                .append("valuationBasis", r.valuationBasis())
                .append("reference", r.reference())
                .append("debitAccount", r.debitAccount())
                .append("creditAccount", r.creditAccount())
                .append("recordedBy", r.recordedBy())
                .append("recordedAt", Date.from(r.recordedAt()))
                .append("key", r.key())
                .append("posted", r.posted())
                .append("sequence", r.sequence());
    }

    public static Receipt fromDocument(Document d) {
        Number sequence = (Number) d.get("sequence");
        return new Receipt(
                d.getString("_id"),
                Receipt.Kind.valueOf(d.getString("kind")),
                Money.of(d.getString("amount"), d.getString("currency")),
                LocalDate.parse(d.getString("date")),
                d.getString("sourceId"),
                d.getString("sourceName"),
                d.getString("programme"),
                d.getString("projectId"),
                d.getString("memberId"),
                d.getString("description"),
                d.getString("valuationBasis"),
                d.getString("reference"),
                d.getString("recordedBy"),
                d.getDate("recordedAt").toInstant(),
                d.getString("key"),
                d.getBoolean("posted", false),
                sequence == null ? null : sequence.longValue());
    }
}
