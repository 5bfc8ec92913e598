package coop.cluster.finance.budget.persistence;

import com.mongodb.MongoException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import coop.cluster.finance.budget.domain.Budget;
import coop.cluster.finance.ledger.domain.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Project budgets in the {@value #COLLECTION} collection, one document per project ({@code _id} the
 * project id), with its pledges and the contributions received in arrays; amounts as decimal
 * strings in the budget's currency. Every write is one conditional update of the budget's document.
 */
@Component
public class BudgetStore {

    public static final String COLLECTION = "project_budgets";
    private static final int DUPLICATE_KEY = 11000;

    private final MongoTemplate mongo;

    public BudgetStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** What opening a budget for an agreement version did. */
    public enum Opening {
        OPENED,
        UPDATED,
        UNCHANGED
    }

    /**
     * Opens the project's budget, or updates it to a later agreement version (keeping its
     * contributions): one conditional upsert that only applies when the stored agreement version is
     * older, so the same or an older version again changes nothing ({@link Opening#UNCHANGED}).
     */
    public Opening open(
            String projectId,
            int agreementVersion,
            Budget.Terms terms,
            String eventId,
            Instant at) {
        Document before;
        try {
            before =
                    mongo.getCollection(COLLECTION)
                            .findOneAndUpdate(
                                    Filters.and(
                                            Filters.eq("_id", projectId),
                                            Filters.lt("agreementVersion", agreementVersion)),
                                    Updates.combine(
                                            Updates.set("title", terms.title()),
                                            Updates.set("leaderId", terms.leaderId()),
                                            Updates.set(
                                                    "currency", terms.currency().getCurrencyCode()),
                                            Updates.set("agreementVersion", agreementVersion),
                                            Updates.set(
                                                    "pledges",
                                                    terms.pledges().stream()
                                                            .map(BudgetStore::toDocument)
                                                            .toList()),
                                            Updates.set(
                                                    "signedAt",
                                                    terms.signedAt() == null
                                                            ? null
                                                            : Date.from(terms.signedAt())),
                                            Updates.set("eventId", eventId),
                                            Updates.setOnInsert("openedAt", Date.from(at)),
                                            Updates.setOnInsert("contributions", List.of())),
                                    new FindOneAndUpdateOptions()
                                            .upsert(true)
                                            .returnDocument(ReturnDocument.BEFORE));
        } catch (MongoException duplicate) {
            if (duplicate.getCode() != DUPLICATE_KEY) {
                throw duplicate;
            }
            return Opening.UNCHANGED;
        }
        return before == null ? Opening.OPENED : Opening.UPDATED;
    }

    public Optional<Budget> find(String projectId) {
        return Optional.ofNullable(
                        mongo.getCollection(COLLECTION).find(Filters.eq("_id", projectId)).first())
                .map(BudgetStore::fromDocument);
    }

    /** Adds the contribution to the budget unless one with its id is there; false when it was. */
    public boolean addContribution(String projectId, Budget.Contribution contribution) {
        return mongo.getCollection(COLLECTION)
                        .updateOne(
                                Filters.and(
                                        Filters.eq("_id", projectId),
                                        Filters.ne("contributions.id", contribution.id())),
                                Updates.push("contributions", toDocument(contribution)))
                        .getModifiedCount()
                == 1;
    }

    /** Pulls the contribution out of the budget if it is still not posted. */
    public void removeUnposted(String projectId, String contributionId) {
        mongo.getCollection(COLLECTION)
                .updateOne(
                        Filters.eq("_id", projectId),
                        Updates.pull(
                                "contributions",
                                new Document("id", contributionId).append("posted", false)));
    }

    /** Marks the contribution posted at {@code sequence}; false when it was not there unposted. */
    public boolean markPosted(String projectId, String contributionId, long sequence) {
        return mongo.getCollection(COLLECTION)
                        .updateOne(
                                Filters.and(
                                        Filters.eq("_id", projectId),
                                        Filters.elemMatch(
                                                "contributions",
                                                Filters.and(
                                                        Filters.eq("id", contributionId),
                                                        Filters.eq("posted", false)))),
                                Updates.combine(
                                        Updates.set("contributions.$.posted", true),
                                        Updates.set("contributions.$.sequence", sequence)))
                        .getModifiedCount()
                == 1;
    }

    /** Budgets with a contribution not yet posted. */
    public List<Budget> withUnpostedContributions(int limit) {
        List<Budget> found = new ArrayList<>();
        mongo.getCollection(COLLECTION)
                .find(Filters.elemMatch("contributions", Filters.eq("posted", false)))
                .limit(limit)
                .forEach(document -> found.add(fromDocument(document)));
        return found;
    }

    /** Every budget, by project id. */
    public List<Budget> all() {
        List<Budget> all = new ArrayList<>();
        mongo.getCollection(COLLECTION)
                .find()
                .sort(Sorts.ascending("_id"))
                .forEach(document -> all.add(fromDocument(document)));
        return all;
    }

    public record Page(List<Budget> items, long total) {}

    /** A page of budgets, the latest opened first. */
    public Page page(int page, int size) {
        List<Budget> items = new ArrayList<>();
        mongo.getCollection(COLLECTION)
                .find()
                .sort(Sorts.descending("openedAt"))
                .skip(page * size)
                .limit(size)
                .forEach(document -> items.add(fromDocument(document)));
        return new Page(items, mongo.getCollection(COLLECTION).countDocuments());
    }

    static Document toDocument(Budget.Pledge p) {
        return new Document("memberId", p.memberId())
                .append("money", p.money().amount().toPlainString())
                .append("inKind", p.inKind())
                .append(
                        "inKindValue",
                        p.inKindValue() == null ? null : p.inKindValue().amount().toPlainString());
    }

    static Document toDocument(Budget.Contribution c) {
        return new Document("id", c.id())
                .append("partnerId", c.partnerId())
                .append("amount", c.amount().amount().toPlainString())
                .append("date", c.date().toString())
                .append("reference", c.reference())
                .append("recordedBy", c.recordedBy())
                .append("recordedAt", Date.from(c.recordedAt()))
                .append("key", c.key())
                .append("posted", c.posted())
                .append("sequence", c.sequence());
    }

    static Budget fromDocument(Document d) {
        Currency currency = Money.currency(d.getString("currency"));
        List<Budget.Pledge> pledges =
                d.getList("pledges", Document.class, List.of()).stream()
                        .map(
                                p ->
                                        new Budget.Pledge(
                                                p.getString("memberId"),
                                                Money.of(
                                                        p.getString("money"),
                                                        currency.getCurrencyCode()),
                                                p.getString("inKind"),
                                                p.getString("inKindValue") == null
                                                        ? null
                                                        : Money.of(
                                                                p.getString("inKindValue"),
                                                                currency.getCurrencyCode())))
                        .toList();
        List<Budget.Contribution> contributions =
                d.getList("contributions", Document.class, List.of()).stream()
                        .map(
                                c ->
                                        new Budget.Contribution(
                                                c.getString("id"),
                                                c.getString("partnerId"),
                                                Money.of(
                                                        c.getString("amount"),
                                                        currency.getCurrencyCode()),
                                                LocalDate.parse(c.getString("date")),
                                                c.getString("reference"),
                                                c.getString("recordedBy"),
                                                c.getDate("recordedAt").toInstant(),
                                                c.getString("key"),
                                                c.getBoolean("posted", false),
                                                c.get("sequence") == null
                                                        ? null
                                                        : ((Number) c.get("sequence")).longValue()))
                        .toList();
        Date signedAt = d.getDate("signedAt");
        return new Budget(
                d.getString("_id"),
                d.getString("title"),
                d.getString("leaderId"),
                currency,
                d.getInteger("agreementVersion", 0),
                pledges,
                contributions,
                d.getDate("openedAt").toInstant(),
                signedAt == null ? null : signedAt.toInstant());
    }
}
