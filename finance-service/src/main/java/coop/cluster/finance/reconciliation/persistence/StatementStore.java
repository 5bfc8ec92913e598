package coop.cluster.finance.reconciliation.persistence;

import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.finance.reconciliation.LineMatch;
import coop.cluster.finance.reconciliation.Reconciliation;
import coop.cluster.finance.reconciliation.StatementSummary;
import coop.cluster.finance.reconciliation.StoredStatement;
import coop.cluster.finance.reconciliation.domain.BalanceCheck;
import coop.cluster.finance.reconciliation.domain.BalanceDifference;
import coop.cluster.finance.reconciliation.domain.BalanceExplanation;
import coop.cluster.finance.reconciliation.domain.BankMovement;
import coop.cluster.finance.reconciliation.domain.BankStatement;
import coop.cluster.finance.reconciliation.domain.MatchBasis;
import coop.cluster.finance.reconciliation.domain.StatementFormat;
import coop.cluster.finance.reconciliation.domain.StatementLine;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Currency;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Imported statements, one document each in {@value #COLLECTION}: the statement, its lines and its
 * latest reconciliation together, so every change is a single-document write.
 *
 * <ul>
 *   <li>An import is one insert with a deterministic {@code _id} (the statement's identity): a
 *       second import of the same statement, even racing, gets a {@link DuplicateKeyException} and
 *       reads the first.
 *   <li>A matching re-run replaces the reconciliation by compare-and-set on {@code version}: of two
 *       concurrent runs one writes, the other finds the version moved and runs again; their results
 *       never interleave.
 * </ul>
 *
 * Amounts are decimal strings, dates ISO strings.
 */
@Repository
public class StatementStore {

    public static final String COLLECTION = "bank_statements";
    private static final String MATCHED_SEQUENCES = "reconciliation.matches.sequence";

    private final MongoTemplate mongo;

    public StatementStore(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION)
                .createIndex(
                        new Index().on("importedAt", Sort.Direction.DESC).named("imported_at"));
        mongo.indexOps(COLLECTION)
                .createIndex(
                        new Index()
                                .on(MATCHED_SEQUENCES, Sort.Direction.ASC)
                                .named("matched_sequences"));
    }

    /** A line of a stored statement that matched an entry. */
    public record Claim(String statement, String statementId, int line) {}

    /**
     * The entry sequences among {@code sequences} that a line of another statement than {@code id}
     * has matched, with that statement and line (the one imported first, when several have).
     */
    public Map<Long, Claim> matchedElsewhere(String id, Collection<Long> sequences) {
        if (sequences.isEmpty()) {
            return Map.of();
        }
        Query query =
                Query.query(Criteria.where("_id").ne(id).and(MATCHED_SEQUENCES).in(sequences))
                        .with(Sort.by(Sort.Order.asc("importedAt"), Sort.Order.asc("_id")));
        query.fields().include("reconciliation.matches").include("statementId");
        Set<Long> wanted = new HashSet<>(sequences);
        Map<Long, Claim> claimed = new HashMap<>();
        for (Document document : mongo.find(query, Document.class, COLLECTION)) {
            for (Document match :
                    document.get("reconciliation", Document.class)
                            .getList("matches", Document.class)) {
                long sequence = ((Number) match.get("sequence")).longValue();
                if (wanted.contains(sequence)) {
                    claimed.putIfAbsent(
                            sequence,
                            new Claim(
                                    document.getString("_id"),
                                    document.getString("statementId"),
                                    match.getInteger("line")));
                }
            }
        }
        return claimed;
    }

    /**
     * @return whether it was inserted; {@code false} when a statement with this id is already
     *     stored
     */
    public boolean insert(StoredStatement statement) {
        try {
            mongo.insert(toDocument(statement), COLLECTION);
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    public Optional<StoredStatement> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Document.class, COLLECTION))
                .map(StatementStore::toStatement);
    }

    /**
     * Replaces the reconciliation if it is still at {@code expectedVersion}.
     *
     * @return whether it was written
     */
    public boolean replaceReconciliation(
            String id, long expectedVersion, Reconciliation reconciliation) {
        Document stored = reconciliation(reconciliation);
        Update update =
                new Update()
                        .set("version", reconciliation.version())
                        .set("reconciliation", stored)
                        .set("matchedLines", reconciliation.matches().size())
                        .set("unmatchedEntryCount", reconciliation.unmatchedEntries().size())
                        .set("balanceAgrees", reconciliation.balance().agrees());
        Query expected =
                Query.query(Criteria.where("_id").is(id).and("version").is(expectedVersion));
        return mongo.updateFirst(expected, update, COLLECTION).getModifiedCount() == 1;
    }

    /** A page of statements, the latest imported first. */
    public List<StatementSummary> page(int page, int size) {
        Query query =
                new Query()
                        .with(Sort.by(Sort.Order.desc("importedAt"), Sort.Order.asc("_id")))
                        .skip((long) page * size)
                        .limit(size);
        query.fields().exclude("lines").exclude("reconciliation");
        return mongo.find(query, Document.class, COLLECTION).stream()
                .map(StatementStore::toSummary)
                .toList();
    }

    public long count() {
        return mongo.count(new Query(), COLLECTION);
    }

    private static Document toDocument(StoredStatement stored) {
        BankStatement statement = stored.statement();
        List<Document> lines = new ArrayList<>();
        for (StatementLine line : statement.lines()) {
            lines.add(
                    new Document("n", line.number())
                            .append("bookingDate", line.bookingDate().toString())
                            .append(
                                    "valueDate",
                                    line.valueDate() == null ? null : line.valueDate().toString())
                            .append("amount", line.amount().amount().toPlainString())
                            .append("reference", line.reference())
                            .append("counterparty", line.counterparty())
                            .append("bankTransactionId", line.bankTransactionId()));
        }
        Reconciliation reconciliation = stored.reconciliation();
        return new Document("_id", stored.id())
                .append("format", statement.format().name())
                .append("statementId", statement.statementId())
                .append("account", statement.account())
                .append("currency", statement.currency().getCurrencyCode())
                .append(
                        "openingBalance",
                        statement.openingBalance() == null
                                ? null
                                : statement.openingBalance().amount().toPlainString())
                .append("closingBalance", statement.closingBalance().amount().toPlainString())
                .append("from", statement.from().toString())
                .append("to", statement.to().toString())
                .append("contentHash", stored.contentHash())
                .append("importedAt", Date.from(stored.importedAt()))
                .append("importedBy", stored.importedBy())
                .append("lines", lines)
                .append("lineCount", lines.size())
                .append("version", reconciliation.version())
                .append("reconciliation", reconciliation(reconciliation))
                .append("matchedLines", reconciliation.matches().size())
                .append("unmatchedEntryCount", reconciliation.unmatchedEntries().size())
                .append("balanceAgrees", reconciliation.balance().agrees());
    }

    /**
     * One document per matched entry (a batched line has several with its line number), so that the
     * index on {@value #MATCHED_SEQUENCES} finds every entry a statement took.
     */
    private static Document reconciliation(Reconciliation reconciliation) {
        List<Document> matches = new ArrayList<>();
        reconciliation.matches().values().stream()
                .sorted(Comparator.comparingInt(LineMatch::line))
                .forEach(
                        match ->
                                match.entries()
                                        .forEach(
                                                entry ->
                                                        matches.add(
                                                                new Document("line", match.line())
                                                                        .append(
                                                                                "sequence",
                                                                                entry.sequence())
                                                                        .append(
                                                                                "entryId",
                                                                                entry.entryId())
                                                                        .append(
                                                                                "entryDate",
                                                                                entry.entryDate()
                                                                                        .toString())
                                                                        .append(
                                                                                "basis",
                                                                                entry.basis()
                                                                                        .name())
                                                                        .append(
                                                                                "amount",
                                                                                entry.amount()
                                                                                        .amount()
                                                                                        .toPlainString()))));
        List<Document> unmatched = new ArrayList<>();
        for (BankMovement movement : reconciliation.unmatchedEntries()) {
            unmatched.add(
                    new Document("sequence", movement.sequence())
                            .append("entryId", movement.entryId())
                            .append("idempotencyKey", movement.idempotencyKey())
                            .append("description", movement.description())
                            .append("date", movement.date().toString())
                            .append("amount", movement.amount().amount().toPlainString()));
        }
        BalanceCheck balance = reconciliation.balance();
        Document stored =
                new Document("ranAt", Date.from(reconciliation.ranAt()))
                        .append("matches", matches)
                        .append("unmatchedEntries", unmatched)
                        .append(
                                "balance",
                                new Document("asOf", balance.asOf().toString())
                                        .append(
                                                "ledger",
                                                balance.ledgerBalance().amount().toPlainString())
                                        .append(
                                                "statement",
                                                balance.statementBalance()
                                                        .amount()
                                                        .toPlainString()));
        BalanceExplanation explanation = reconciliation.explanation();
        if (explanation != null) {
            List<Document> differences = new ArrayList<>();
            for (BalanceDifference difference : explanation.differences()) {
                differences.add(
                        new Document("kind", difference.kind().name())
                                .append("amount", difference.amount().amount().toPlainString())
                                .append("line", difference.line())
                                .append("bookingDate", text(difference.bookingDate()))
                                .append("entrySequence", difference.entrySequence())
                                .append("entryId", difference.entryId())
                                .append("entryDate", text(difference.entryDate()))
                                .append("otherStatement", difference.otherStatement())
                                .append("otherStatementId", difference.otherStatementId())
                                .append("otherLine", difference.otherLine()));
            }
            stored.append("differences", differences)
                    .append("unexplained", explanation.unexplained().amount().toPlainString());
        }
        return stored;
    }

    private static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }

    private static StoredStatement toStatement(Document document) {
        Currency currency = Currency.getInstance(document.getString("currency"));
        List<StatementLine> lines = new ArrayList<>();
        for (Document line : document.getList("lines", Document.class)) {
            lines.add(
                    new StatementLine(
                            line.getInteger("n"),
                            LocalDate.parse(line.getString("bookingDate")),
                            date(line.getString("valueDate")),
                            money(line.getString("amount"), currency),
                            line.getString("reference"),
                            line.getString("counterparty"),
                            line.getString("bankTransactionId")));
        }
        BankStatement statement =
                new BankStatement(
                        StatementFormat.valueOf(document.getString("format")),
                        document.getString("statementId"),
                        document.getString("account"),
                        currency,
                        document.getString("openingBalance") == null
                                ? null
                                : money(document.getString("openingBalance"), currency),
                        money(document.getString("closingBalance"), currency),
                        LocalDate.parse(document.getString("from")),
                        LocalDate.parse(document.getString("to")),
                        lines);
        Document stored = document.get("reconciliation", Document.class);
        Map<Integer, List<LineMatch.Entry>> entries = new LinkedHashMap<>();
        for (Document match : stored.getList("matches", Document.class)) {
            int line = match.getInteger("line");
            String amount = match.getString("amount");
            entries.computeIfAbsent(line, n -> new ArrayList<>())
                    .add(
                            new LineMatch.Entry(
                                    ((Number) match.get("sequence")).longValue(),
                                    match.getString("entryId"),
                                    LocalDate.parse(match.getString("entryDate")),
                                    // stored before batches: one entry, of the line's amount
                                    amount != null
                                            ? money(amount, currency)
                                            : lines.get(line - 1).amount(),
                                    MatchBasis.valueOf(match.getString("basis"))));
        }
        Map<Integer, LineMatch> matches = new LinkedHashMap<>();
        entries.forEach((line, matched) -> matches.put(line, new LineMatch(line, matched)));
        List<BankMovement> unmatched = new ArrayList<>();
        for (Document movement : stored.getList("unmatchedEntries", Document.class)) {
            unmatched.add(
                    new BankMovement(
                            ((Number) movement.get("sequence")).longValue(),
                            movement.getString("entryId"),
                            movement.getString("idempotencyKey"),
                            movement.getString("description"),
                            LocalDate.parse(movement.getString("date")),
                            money(movement.getString("amount"), currency)));
        }
        Document balance = stored.get("balance", Document.class);
        BalanceExplanation explanation = null;
        if (stored.containsKey("differences")) {
            List<BalanceDifference> differences = new ArrayList<>();
            for (Document difference : stored.getList("differences", Document.class)) {
                Number sequence = (Number) difference.get("entrySequence");
                differences.add(
                        new BalanceDifference(
                                BalanceDifference.Kind.valueOf(difference.getString("kind")),
                                money(difference.getString("amount"), currency),
                                difference.getInteger("line"),
                                date(difference.getString("bookingDate")),
                                sequence == null ? null : sequence.longValue(),
                                difference.getString("entryId"),
                                date(difference.getString("entryDate")),
                                difference.getString("otherStatement"),
                                difference.getString("otherStatementId"),
                                difference.getInteger("otherLine")));
            }
            explanation =
                    new BalanceExplanation(
                            differences, money(stored.getString("unexplained"), currency));
        }
        Reconciliation reconciliation =
                new Reconciliation(
                        ((Number) document.get("version")).longValue(),
                        stored.getDate("ranAt").toInstant(),
                        matches,
                        unmatched,
                        BalanceCheck.of(
                                LocalDate.parse(balance.getString("asOf")),
                                money(balance.getString("ledger"), currency),
                                money(balance.getString("statement"), currency)),
                        explanation);
        return new StoredStatement(
                document.getString("_id"),
                statement,
                document.getString("contentHash"),
                document.getDate("importedAt").toInstant(),
                document.getString("importedBy"),
                reconciliation);
    }

    private static StatementSummary toSummary(Document document) {
        return new StatementSummary(
                document.getString("_id"),
                StatementFormat.valueOf(document.getString("format")),
                document.getString("statementId"),
                document.getString("account"),
                document.getString("currency"),
                LocalDate.parse(document.getString("from")),
                LocalDate.parse(document.getString("to")),
                document.getString("closingBalance"),
                document.getDate("importedAt").toInstant(),
                document.getInteger("lineCount", 0),
                document.getInteger("matchedLines", 0),
                document.getInteger("unmatchedEntryCount", 0),
                document.getBoolean("balanceAgrees", false));
    }

    private static Money money(String amount, Currency currency) {
        return Money.of(new BigDecimal(amount), currency);
    }

    private static LocalDate date(String text) {
        return text == null ? null : LocalDate.parse(text);
    }
}
