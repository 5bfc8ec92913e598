package coop.cluster.finance.ledger.persistence;

import coop.cluster.finance.ledger.domain.CanonicalEntry;
import coop.cluster.finance.ledger.domain.Conversion;
import coop.cluster.finance.ledger.domain.JournalEntry;
import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.finance.ledger.domain.Posting;
import coop.cluster.finance.ledger.domain.Seal;
import coop.cluster.finance.ledger.domain.SealChain;
import coop.cluster.finance.ledger.domain.Side;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * The BSON shape of journal entries and of the head. Amounts are decimal strings ({@code "12.50"})
 * with their currency code, never doubles. Account codes may hold {@code .} and {@code :}, so they
 * are values, never field names: balances are a list of {@code {account, amount, currency}}.
 */
public final class JournalDocuments {

    static final String ID = "_id";
    static final String ENTRY_ID = "entryId";
    static final String IDEMPOTENCY_KEY = "idempotencyKey";
    static final String EFFECTIVE_DATE = "effectiveDate";
    static final String DESCRIPTION = "description";
    static final String POSTINGS = "postings";
    static final String REVERSES = "reverses";
    static final String CONVERSIONS = "conversions";
    static final String POSTED_AT = "postedAt";
    static final String SEQUENCE = "sequence";
    static final String BALANCES = "balances";
    static final String VERSION = "version";
    static final String UPDATED_AT = "updatedAt";

    /** Absent on entries; {@value #CLOSING} on a period's closing. */
    static final String KIND = "kind";

    static final String CLOSING = "period-close";
    static final String PERIOD_ID = "periodId";
    static final String FROM = "from";
    static final String TO = "to";
    static final String SEAL_HASH = "sealHash";
    static final String PREVIOUS_HASH = "previousHash";
    static final String ENTRY_COUNT = "entryCount";
    static final String FIRST_SEQUENCE = "firstSequence";
    static final String LAST_SEQUENCE = "lastSequence";
    static final String CLOSED_AT = "closedAt";
    static final String CLOSED_BY = "closedBy";

    private JournalDocuments() {}

    public static Document toDocument(StoredEntry stored) {
        JournalEntry entry = stored.entry();
        Document document =
                new Document(ID, stored.sequence())
                        .append(ENTRY_ID, entry.id())
                        .append(IDEMPOTENCY_KEY, entry.idempotencyKey())
                        .append(EFFECTIVE_DATE, entry.effectiveDate().toString())
                        .append(DESCRIPTION, entry.description())
                        .append(
                                POSTINGS,
                                entry.postings().stream()
                                        .map(
                                                posting ->
                                                        new Document(
                                                                        "account",
                                                                        posting.accountCode())
                                                                .append(
                                                                        "side",
                                                                        posting.side().name())
                                                                .append(
                                                                        "amount",
                                                                        amount(posting.amount()))
                                                                .append(
                                                                        "currency",
                                                                        code(posting.amount())))
                                        .toList());
        document.append(REVERSES, entry.reverses());
        document.append(
                CONVERSIONS,
                entry.conversions().stream()
                        .map(
                                conversion ->
                                        new Document("fromAmount", amount(conversion.from()))
                                                .append("fromCurrency", code(conversion.from()))
                                                .append("toAmount", amount(conversion.to()))
                                                .append("toCurrency", code(conversion.to())))
                        .toList());
        document.append(POSTED_AT, Date.from(stored.postedAt()));
        return document;
    }

    public static StoredEntry toEntry(Document document) {
        List<Posting> postings =
                document.getList(POSTINGS, Document.class).stream()
                        .map(
                                posting ->
                                        new Posting(
                                                posting.getString("account"),
                                                Side.valueOf(posting.getString("side")),
                                                money(
                                                        posting.getString("amount"),
                                                        posting.getString("currency"))))
                        .toList();
        List<Document> conversionDocuments = document.getList(CONVERSIONS, Document.class);
        List<Conversion> conversions =
                conversionDocuments == null
                        ? List.of()
                        : conversionDocuments.stream()
                                .map(
                                        conversion ->
                                                new Conversion(
                                                        money(
                                                                conversion.getString("fromAmount"),
                                                                conversion.getString(
                                                                        "fromCurrency")),
                                                        money(
                                                                conversion.getString("toAmount"),
                                                                conversion.getString(
                                                                        "toCurrency"))))
                                .toList();
        JournalEntry entry =
                new JournalEntry(
                        document.getString(ENTRY_ID),
                        document.getString(IDEMPOTENCY_KEY),
                        LocalDate.parse(document.getString(EFFECTIVE_DATE)),
                        document.getString(DESCRIPTION),
                        postings,
                        document.getString(REVERSES),
                        conversions);
        return new StoredEntry(
                ((Number) document.get(ID)).longValue(),
                entry,
                document.getDate(POSTED_AT).toInstant());
    }

    /**
     * A closing as a journal document. Its entry id and idempotency key are {@code
     * period-close:<periodId>} ({@link JournalEntry#RESERVED_PREFIX}): unique per period, never an
     * entry's, so the journal's unique indexes hold and a period is closed at most once.
     */
    public static Document toDocument(StoredClosing stored) {
        Seal seal = stored.seal();
        String reserved = JournalEntry.RESERVED_PREFIX + seal.periodId();
        return new Document(ID, stored.sequence())
                .append(KIND, CLOSING)
                .append(ENTRY_ID, reserved)
                .append(IDEMPOTENCY_KEY, reserved)
                .append(PERIOD_ID, seal.periodId())
                .append(FROM, seal.from().toString())
                .append(TO, seal.to().toString())
                .append(SEAL_HASH, seal.hash())
                .append(PREVIOUS_HASH, seal.previousHash())
                .append(ENTRY_COUNT, seal.entryCount())
                .append(FIRST_SEQUENCE, seal.firstSequence())
                .append(LAST_SEQUENCE, seal.lastSequence())
                .append(CLOSED_AT, Date.from(stored.closedAt()))
                .append(CLOSED_BY, stored.closedBy());
    }

    public static boolean isClosing(Document document) {
        return CLOSING.equals(document.get(KIND));
    }

    public static StoredClosing toClosing(Document document) {
        Seal seal =
                new Seal(
                        document.getString(PERIOD_ID),
                        LocalDate.parse(document.getString(FROM)),
                        LocalDate.parse(document.getString(TO)),
                        document.getString(PREVIOUS_HASH),
                        document.getString(SEAL_HASH),
                        ((Number) document.get(ENTRY_COUNT)).intValue(),
                        ((Number) document.get(FIRST_SEQUENCE)).longValue(),
                        ((Number) document.get(LAST_SEQUENCE)).longValue());
        return new StoredClosing(
                ((Number) document.get(ID)).longValue(),
                seal,
                document.getDate(CLOSED_AT).toInstant(),
                document.getString(CLOSED_BY));
    }

    /** A journal document, entry or closing. */
    public static JournalRecord toRecord(Document document) {
        return isClosing(document) ? toClosing(document) : toEntry(document);
    }

    /**
     * An entry document as the seal chain reads it, straight from the stored fields and never
     * through the domain's checks: a document changed in the store (an unbalanced amount, a date
     * that is not one) still reads, and then hashes differently.
     */
    public static SealChain.Entry toSealed(Document document) {
        long sequence = ((Number) document.get(ID)).longValue();
        String date = text(document.get(EFFECTIVE_DATE));
        LocalDate effective;
        try {
            effective = date == null ? null : LocalDate.parse(date);
        } catch (java.time.format.DateTimeParseException unreadable) {
            effective = null;
        }
        List<CanonicalEntry.PostingLine> postings =
                documents(document.get(POSTINGS)).stream()
                        .map(
                                posting ->
                                        new CanonicalEntry.PostingLine(
                                                text(posting.get("account")),
                                                text(posting.get("side")),
                                                text(posting.get("amount")),
                                                text(posting.get("currency"))))
                        .toList();
        List<CanonicalEntry.ConversionLine> conversions =
                documents(document.get(CONVERSIONS)).stream()
                        .map(
                                conversion ->
                                        new CanonicalEntry.ConversionLine(
                                                text(conversion.get("fromAmount")),
                                                text(conversion.get("fromCurrency")),
                                                text(conversion.get("toAmount")),
                                                text(conversion.get("toCurrency"))))
                        .toList();
        return new SealChain.Entry(
                sequence,
                effective,
                new CanonicalEntry(
                        sequence,
                        text(document.get(ENTRY_ID)),
                        text(document.get(IDEMPOTENCY_KEY)),
                        date,
                        text(document.get(DESCRIPTION)),
                        postings,
                        text(document.get(REVERSES)),
                        conversions));
    }

    /**
     * A closing document as the seal chain reads it; a field changed in the store to something
     * unreadable reads as a value that cannot match (an empty hash, a count of -1, the period's
     * other day), so the chain breaks there.
     */
    public static SealChain.Closing toSealedClosing(Document document) {
        long sequence = ((Number) document.get(ID)).longValue();
        LocalDate from = date(document.get(FROM));
        LocalDate to = date(document.get(TO));
        from = from == null ? (to == null ? LocalDate.EPOCH : to) : from;
        to = to == null || to.isBefore(from) ? from : to;
        String periodId = text(document.get(PERIOD_ID));
        return new SealChain.Closing(
                sequence,
                new Seal(
                        periodId == null ? "" : periodId,
                        from,
                        to,
                        orEmpty(text(document.get(PREVIOUS_HASH))),
                        orEmpty(text(document.get(SEAL_HASH))),
                        document.get(ENTRY_COUNT) instanceof Number count ? count.intValue() : -1,
                        document.get(FIRST_SEQUENCE) instanceof Number first
                                ? first.longValue()
                                : 0,
                        document.get(LAST_SEQUENCE) instanceof Number last ? last.longValue() : 0));
    }

    private static LocalDate date(Object value) {
        try {
            return value instanceof String text ? LocalDate.parse(text) : null;
        } catch (java.time.format.DateTimeParseException unreadable) {
            return null;
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String text(Object value) {
        return value == null
                ? null
                : value instanceof String string ? string : String.valueOf(value);
    }

    private static List<Document> documents(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        return list.stream()
                .map(
                        item ->
                                item instanceof Document document
                                        ? document
                                        : new Document("value", item))
                .toList();
    }

    /** The head's fields but its {@code _id} and {@code version}. */
    static Document headFields(
            long sequence,
            Map<String, Money> balances,
            Map<Currency, Money> conversions,
            Instant updatedAt) {
        return new Document(SEQUENCE, sequence)
                .append(
                        BALANCES,
                        balances.entrySet().stream()
                                .map(
                                        balance ->
                                                new Document("account", balance.getKey())
                                                        .append(
                                                                "amount",
                                                                amount(balance.getValue()))
                                                        .append(
                                                                "currency",
                                                                code(balance.getValue())))
                                .toList())
                .append(
                        CONVERSIONS,
                        conversions.values().stream()
                                .map(
                                        position ->
                                                new Document("amount", amount(position))
                                                        .append("currency", code(position)))
                                .toList())
                .append(UPDATED_AT, Date.from(updatedAt));
    }

    static StoredHead toHead(Document document) {
        Map<String, Money> balances = new LinkedHashMap<>();
        for (Document balance : document.getList(BALANCES, Document.class)) {
            balances.put(
                    balance.getString("account"),
                    money(balance.getString("amount"), balance.getString("currency")));
        }
        Map<Currency, Money> conversions = new LinkedHashMap<>();
        for (Document position : document.getList(CONVERSIONS, Document.class)) {
            Money money = money(position.getString("amount"), position.getString("currency"));
            conversions.put(money.currency(), money);
        }
        return new StoredHead(
                ((Number) document.get(SEQUENCE)).longValue(),
                balances,
                conversions,
                ((Number) document.get(VERSION)).longValue(),
                document.getDate(UPDATED_AT).toInstant());
    }

    private static String amount(Money money) {
        return money.amount().toPlainString();
    }

    private static String code(Money money) {
        return money.currency().getCurrencyCode();
    }

    private static Money money(String amount, String currency) {
        return Money.of(new BigDecimal(amount), Money.currency(currency));
    }
}
