package coop.cluster.finance.receipt;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import coop.cluster.finance.ledger.LedgerService;
import coop.cluster.finance.ledger.PostedEntry;
import coop.cluster.finance.ledger.domain.LedgerViolation;
import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.plumbing.web.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Donations, grants and in-kind contributions, correct without transactions: (1) the receipt is inserted under an
 * id derived from its kind and the request's Idempotency-Key, not yet posted; (2) its entry, derived from the stored
 * receipt, is posted under a deterministic key; (3) it is marked posted. The same request again finds the receipt
 * and completes or replays it; another receipt under the same key is {@code receipt-key-reused}. A receipt the
 * ledger refuses (nothing posted) is removed again, so the request may be corrected and retried. The repair sweep
 * posts what a crash left between (1) and (3).
 */
@Service
public class Receipts {

    public static final String METRIC = "cluster.finance.receipts";
    static final String COLLECTION = "receipts";
    static final Duration REPAIR_AFTER = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(Receipts.class);

    private final MongoTemplate mongo;
    private final LedgerService ledger;
    private final Clock clock;
    private final Map<Receipt.Kind, Counter> recorded = new EnumMap<>(Receipt.Kind.class);

    @Autowired
    Receipts(MongoTemplate mongo, LedgerService ledger, MeterRegistry meters) {
        this(mongo, ledger, meters, Clock.systemUTC());
    }

    Receipts(MongoTemplate mongo, LedgerService ledger, MeterRegistry meters, Clock clock) {
        this.mongo = mongo;
        this.ledger = ledger;
        this.clock = clock;
        for (Receipt.Kind kind : Receipt.Kind.values()) {
            recorded.put(kind, Counter.builder(METRIC).description("Receipts posted to the ledger, by kind")
                    .tag("kind", kind.label()).register(meters));
        }
        mongo.getCollection(COLLECTION).createIndex(Indexes.ascending("kind", "recordedAt"));
        mongo.getCollection(COLLECTION).createIndex(Indexes.ascending("pendingSince"));
    }

    /** A receipt recorded, and whether it had been before under the same key. */
    public record Recorded(Receipt receipt, boolean replayed) {
    }

    public record Page(List<Receipt> items, long total) {
    }

    /** Records a receipt whose id was derived with {@link Receipt#idFor} from the request's Idempotency-Key. */
    public Recorded record(Receipt offered) {
        boolean inserted = insert(offered);
        Receipt stored = inserted ? offered : find(offered.id()).orElseThrow(() -> new IllegalStateException(
                "receipt " + offered.id() + " vanished"));
        if (!inserted && !stored.sameAs(offered)) {
            throw new ProblemException(HttpStatus.CONFLICT, "receipt-key-reused", offered.key());
        }
        if (stored.posted()) {
            return new Recorded(stored, true);
        }
        return new Recorded(complete(stored), !inserted);
    }

    public Optional<Receipt> find(String id) {
        return Optional.ofNullable(mongo.getCollection(COLLECTION).find(Filters.eq("_id", id)).first())
                .map(Receipts::fromDocument);
    }

    /** Posted receipts of a kind, newest first. */
    public Page list(Receipt.Kind kind, int page, int size) {
        var filter = Filters.and(Filters.eq("kind", kind.name()), Filters.eq("posted", true));
        List<Receipt> items = new ArrayList<>();
        mongo.getCollection(COLLECTION).find(filter)
                .sort(Sorts.orderBy(Sorts.descending("recordedAt"), Sorts.ascending("_id")))
                .skip(page * size).limit(size).forEach(document -> items.add(fromDocument(document)));
        return new Page(items, mongo.getCollection(COLLECTION).countDocuments(filter));
    }

    /** Posts the receipts recorded more than {@link #REPAIR_AFTER} ago and not yet in the ledger. */
    @Scheduled(fixedDelayString = "${cluster.finance.repair-interval:PT30S}",
            initialDelayString = "${cluster.finance.repair-interval:PT30S}")
    public int repair() {
        int repaired = 0;
        List<Receipt> pending = new ArrayList<>();
        mongo.getCollection(COLLECTION).find(Filters.lt("pendingSince",
                Date.from(clock.instant().minus(REPAIR_AFTER)))).limit(100)
                .forEach(document -> pending.add(fromDocument(document)));
        for (Receipt receipt : pending) {
            try {
                complete(receipt);
                repaired++;
            } catch (RuntimeException failed) {
                log.warn("Repair of receipt {} did not complete: {}", receipt.id(), failed.getMessage());
            }
        }
        return repaired;
    }

    private Receipt complete(Receipt stored) {
        PostedEntry posted;
        try {
            posted = ledger.post(stored.entry());
        } catch (LedgerViolation refused) {
            mongo.getCollection(COLLECTION).deleteOne(Filters.and(Filters.eq("_id", stored.id()),
                    Filters.eq("posted", false)));
            log.warn("Receipt {} refused by the ledger and removed: {}", stored.id(), refused.getMessage());
            throw refused;
        }
        long matched = mongo.getCollection(COLLECTION).updateOne(
                Filters.and(Filters.eq("_id", stored.id()), Filters.eq("posted", false)),
                Updates.combine(Updates.set("posted", true), Updates.set("sequence", posted.sequence()),
                        Updates.unset("pendingSince"))).getModifiedCount();
        if (matched == 1) {
            recorded.get(stored.kind()).increment();
            log.info("{} {} of {} posted at sequence {}", stored.kind().label(), stored.id(), stored.amount(),
                    posted.sequence());
        } else if (find(stored.id()).isEmpty() && insert(stored.postedAt(posted.sequence()))) {
            // another caller's post was refused just before this one went through, and it removed the receipt:
            // the entry is in the ledger, so the receipt is put back, posted
            recorded.get(stored.kind()).increment();
            log.warn("Receipt {} was removed after this caller posted it; restored", stored.id());
        }
        return stored.postedAt(posted.sequence());
    }

    private boolean insert(Receipt receipt) {
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

    static Document toDocument(Receipt r) {
        return new Document("_id", r.id()).append("kind", r.kind().name())
                .append("amount", r.amount().amount().toPlainString())
                .append("currency", r.amount().currency().getCurrencyCode()).append("date", r.date().toString())
                .append("sourceId", r.sourceId()).append("sourceName", r.sourceName())
                .append("programme", r.programme()).append("projectId", r.projectId())
                .append("memberId", r.memberId()).append("description", r.description())
                .append("valuationBasis", r.valuationBasis()).append("reference", r.reference())
                .append("debitAccount", r.debitAccount()).append("creditAccount", r.creditAccount())
                .append("recordedBy", r.recordedBy()).append("recordedAt", Date.from(r.recordedAt()))
                .append("key", r.key()).append("posted", r.posted()).append("sequence", r.sequence());
    }

    static Receipt fromDocument(Document d) {
        Number sequence = (Number) d.get("sequence");
        return new Receipt(d.getString("_id"), Receipt.Kind.valueOf(d.getString("kind")),
                Money.of(d.getString("amount"), d.getString("currency")), LocalDate.parse(d.getString("date")),
                d.getString("sourceId"), d.getString("sourceName"), d.getString("programme"),
                d.getString("projectId"), d.getString("memberId"), d.getString("description"),
                d.getString("valuationBasis"), d.getString("reference"), d.getString("recordedBy"),
                d.getDate("recordedAt").toInstant(), d.getString("key"), d.getBoolean("posted", false),
                sequence == null ? null : sequence.longValue());
    }
}
