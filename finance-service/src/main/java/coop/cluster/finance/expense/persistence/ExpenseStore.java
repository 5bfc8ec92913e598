package coop.cluster.finance.expense.persistence;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import coop.cluster.finance.expense.domain.Expense;
import coop.cluster.finance.expense.domain.ExpenseState;
import coop.cluster.finance.ledger.domain.ExpenseCategory;
import coop.cluster.finance.ledger.domain.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Expenses in the {@code expenses} collection, one document each, amounts as decimal strings. Every
 * change is a compare-and-set on {@code _id} and {@code version}: a writer that read an older
 * version changes nothing and reads again.
 */
@Component
public class ExpenseStore {

    public static final String COLLECTION = "expenses";

    private final MongoTemplate mongo;

    public ExpenseStore(MongoTemplate mongo) {
        this.mongo = mongo;
        var collection = mongo.getCollection(COLLECTION);
        collection.createIndex(Indexes.ascending("projectId", "state"));
        collection.createIndex(Indexes.descending("submittedAt"));
        collection.createIndex(Indexes.ascending("pendingSince"));
    }

    /** Inserts a new expense; false when its id is taken. */
    public boolean insert(Expense expense) {
        try {
            mongo.getCollection(COLLECTION).insertOne(toDocument(expense));
            return true;
        } catch (com.mongodb.MongoException e) {
            if (e.getCode() == 11000) {
                return false;
            }
            throw e;
        }
    }

    public Optional<Expense> find(String id) {
        return Optional.ofNullable(
                        mongo.getCollection(COLLECTION).find(Filters.eq("_id", id)).first())
                .map(ExpenseStore::fromDocument);
    }

    /** Replaces {@code read} by {@code next} if the stored version is still {@code read}'s. */
    public boolean replace(Expense read, Expense next) {
        return mongo.getCollection(COLLECTION)
                        .replaceOne(
                                Filters.and(
                                        Filters.eq("_id", read.id()),
                                        Filters.eq("version", read.version())),
                                toDocument(next))
                        .getMatchedCount()
                == 1;
    }

    public record Page(List<Expense> items, long total) {}

    public Page list(
            ExpenseState state,
            ExpenseCategory category,
            String projectId,
            String submittedBy,
            int page,
            int size) {
        List<Bson> filters = new ArrayList<>();
        if (state != null) {
            filters.add(Filters.eq("state", state.name()));
        }
        if (category != null) {
            filters.add(Filters.eq("category", category.name()));
        }
        if (projectId != null) {
            filters.add(Filters.eq("projectId", projectId));
        }
        if (submittedBy != null) {
            filters.add(Filters.eq("submittedBy", submittedBy));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        var collection = mongo.getCollection(COLLECTION);
        List<Expense> items = new ArrayList<>();
        collection
                .find(filter)
                .sort(Sorts.orderBy(Sorts.descending("submittedAt"), Sorts.ascending("_id")))
                .skip(page * size)
                .limit(size)
                .forEach(document -> items.add(fromDocument(document)));
        return new Page(items, collection.countDocuments(filter));
    }

    /** Project expenses of one project in the given states. */
    public List<Expense> ofProject(String projectId, List<ExpenseState> states) {
        List<Expense> found = new ArrayList<>();
        mongo.getCollection(COLLECTION)
                .find(
                        Filters.and(
                                Filters.eq("projectId", projectId),
                                Filters.in("state", states.stream().map(Enum::name).toList())))
                .forEach(document -> found.add(fromDocument(document)));
        return found;
    }

    /** Expenses with a step begun before {@code before} and not yet in the ledger. */
    public List<Expense> pendingBefore(Instant before, int limit) {
        List<Expense> found = new ArrayList<>();
        mongo.getCollection(COLLECTION)
                .find(Filters.lt("pendingSince", Date.from(before)))
                .limit(limit)
                .forEach(document -> found.add(fromDocument(document)));
        return found;
    }

    public static Document toDocument(Expense e) {
        Document document =
                new Document("_id", e.id())
                        .append("version", e.version())
                        .append("category", e.category().name())
                        .append("amount", e.amount().amount().toPlainString())
                        .append("currency", e.amount().currency().getCurrencyCode())
                        .append("receiptReference", e.receiptReference())
                        .append("payeeName", e.payeeName())
                        .append("payeeMemberId", e.payeeMemberId())
                        .append("description", e.description())
                        .append("projectId", e.projectId())
                        .append("partnerId", e.partnerId())
                        .append("state", e.state().name())
                        .append("submittedBy", e.submittedBy())
                        .append("submittedAt", Date.from(e.submittedAt()))
                        .append("submitKey", e.submitKey());
        if (e.approval() != null) {
            Expense.Approval a = e.approval();
            document.append(
                    "approval",
                    new Document("by", a.by())
                            .append("at", Date.from(a.at()))
                            .append("date", a.date().toString())
                            .append(
                                    "releases",
                                    a.releases().stream()
                                            .map(
                                                    r ->
                                                            new Document("partnerId", r.partnerId())
                                                                    .append(
                                                                            "amount",
                                                                            r.amount()
                                                                                    .amount()
                                                                                    .toPlainString()))
                                            .toList())
                            .append("posted", a.posted())
                            .append("sequence", a.sequence())
                            .append("key", a.key()));
        }
        if (e.rejection() != null) {
            document.append(
                    "rejection",
                    new Document("by", e.rejection().by())
                            .append("at", Date.from(e.rejection().at()))
                            .append("reason", e.rejection().reason()));
        }
        if (e.payment() != null) {
            Expense.Payment p = e.payment();
            document.append(
                    "payment",
                    new Document("by", p.by())
                            .append("at", Date.from(p.at()))
                            .append("date", p.date().toString())
                            .append("reference", p.reference())
                            .append("posted", p.posted())
                            .append("sequence", p.sequence())
                            .append("key", p.key()));
        }
        // the repair sweep's index: set while a step is begun and not yet in the ledger
        if (e.approvalPending()) {
            document.append("pendingSince", Date.from(e.approval().at()));
        } else if (e.paymentPending()) {
            document.append("pendingSince", Date.from(e.payment().at()));
        }
        return document;
    }

    public static Expense fromDocument(Document d) {
        String currency = d.getString("currency");
        Expense.Approval approval = null;
        Document a = d.get("approval", Document.class);
        if (a != null) {
            List<Expense.Release> releases =
                    a.getList("releases", Document.class, List.of()).stream()
                            .map(
                                    r ->
                                            new Expense.Release(
                                                    r.getString("partnerId"),
                                                    Money.of(r.getString("amount"), currency)))
                            .toList();
            approval =
                    new Expense.Approval(
                            a.getString("by"),
                            a.getDate("at").toInstant(),
                            LocalDate.parse(a.getString("date")),
                            releases,
                            a.getBoolean("posted", false),
                            number(a.get("sequence")),
                            a.getString("key"));
        }
        Expense.Rejection rejection = null;
        Document r = d.get("rejection", Document.class);
        if (r != null) {
            rejection =
                    new Expense.Rejection(
                            r.getString("by"), r.getDate("at").toInstant(), r.getString("reason"));
        }
        Expense.Payment payment = null;
        Document p = d.get("payment", Document.class);
        if (p != null) {
            payment =
                    new Expense.Payment(
                            p.getString("by"),
                            p.getDate("at").toInstant(),
                            LocalDate.parse(p.getString("date")),
                            p.getString("reference"),
                            p.getBoolean("posted", false),
                            number(p.get("sequence")),
                            p.getString("key"));
        }
        return new Expense(
                d.getString("_id"),
                number(d.get("version")),
                ExpenseCategory.valueOf(d.getString("category")),
                Money.of(d.getString("amount"), currency),
                d.getString("receiptReference"),
                d.getString("payeeName"),
                d.getString("payeeMemberId"),
                d.getString("description"),
                d.getString("projectId"),
                d.getString("partnerId"),
                ExpenseState.valueOf(d.getString("state")),
                d.getString("submittedBy"),
                d.getDate("submittedAt").toInstant(),
                d.getString("submitKey"),
                approval,
                rejection,
                payment);
    }

    private static Long number(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}
