package coop.cluster.finance.ledger.persistence;

import coop.cluster.finance.ledger.domain.Conversion;
import coop.cluster.finance.ledger.domain.JournalEntry;
import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.finance.ledger.domain.Posting;
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
 * The BSON shape of journal entries and of the head. Amounts are decimal strings ({@code "12.50"}) with their
 * currency code, never doubles. Account codes may hold {@code .} and {@code :}, so they are values, never field
 * names: balances are a list of {@code {account, amount, currency}}.
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

    private JournalDocuments() {
    }

    public static Document toDocument(StoredEntry stored) {
        JournalEntry entry = stored.entry();
        Document document = new Document(ID, stored.sequence())
                .append(ENTRY_ID, entry.id())
                .append(IDEMPOTENCY_KEY, entry.idempotencyKey())
                .append(EFFECTIVE_DATE, entry.effectiveDate().toString())
                .append(DESCRIPTION, entry.description())
                .append(POSTINGS, entry.postings().stream().map(posting -> new Document("account",
                        posting.accountCode()).append("side", posting.side().name())
                        .append("amount", amount(posting.amount()))
                        .append("currency", code(posting.amount()))).toList());
        document.append(REVERSES, entry.reverses());
        document.append(CONVERSIONS, entry.conversions().stream().map(conversion -> new Document(
                "fromAmount", amount(conversion.from())).append("fromCurrency", code(conversion.from()))
                .append("toAmount", amount(conversion.to())).append("toCurrency", code(conversion.to()))).toList());
        document.append(POSTED_AT, Date.from(stored.postedAt()));
        return document;
    }

    public static StoredEntry toEntry(Document document) {
        List<Posting> postings = document.getList(POSTINGS, Document.class).stream()
                .map(posting -> new Posting(posting.getString("account"), Side.valueOf(posting.getString("side")),
                        money(posting.getString("amount"), posting.getString("currency"))))
                .toList();
        List<Document> conversionDocuments = document.getList(CONVERSIONS, Document.class);
        List<Conversion> conversions = conversionDocuments == null ? List.of() : conversionDocuments.stream()
                .map(conversion -> new Conversion(
                        money(conversion.getString("fromAmount"), conversion.getString("fromCurrency")),
                        money(conversion.getString("toAmount"), conversion.getString("toCurrency"))))
                .toList();
        JournalEntry entry = new JournalEntry(document.getString(ENTRY_ID), document.getString(IDEMPOTENCY_KEY),
                LocalDate.parse(document.getString(EFFECTIVE_DATE)), document.getString(DESCRIPTION), postings,
                document.getString(REVERSES), conversions);
        return new StoredEntry(((Number) document.get(ID)).longValue(), entry,
                document.getDate(POSTED_AT).toInstant());
    }

    /** The head's fields but its {@code _id} and {@code version}. */
    static Document headFields(long sequence, Map<String, Money> balances, Map<Currency, Money> conversions,
            Instant updatedAt) {
        return new Document(SEQUENCE, sequence)
                .append(BALANCES, balances.entrySet().stream().map(balance -> new Document("account",
                        balance.getKey()).append("amount", amount(balance.getValue()))
                        .append("currency", code(balance.getValue()))).toList())
                .append(CONVERSIONS, conversions.values().stream().map(position -> new Document(
                        "amount", amount(position)).append("currency", code(position))).toList())
                .append(UPDATED_AT, Date.from(updatedAt));
    }

    static StoredHead toHead(Document document) {
        Map<String, Money> balances = new LinkedHashMap<>();
        for (Document balance : document.getList(BALANCES, Document.class)) {
            balances.put(balance.getString("account"), money(balance.getString("amount"),
                    balance.getString("currency")));
        }
        Map<Currency, Money> conversions = new LinkedHashMap<>();
        for (Document position : document.getList(CONVERSIONS, Document.class)) {
            Money money = money(position.getString("amount"), position.getString("currency"));
            conversions.put(money.currency(), money);
        }
        return new StoredHead(((Number) document.get(SEQUENCE)).longValue(), balances, conversions,
                ((Number) document.get(VERSION)).longValue(), document.getDate(UPDATED_AT).toInstant());
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
