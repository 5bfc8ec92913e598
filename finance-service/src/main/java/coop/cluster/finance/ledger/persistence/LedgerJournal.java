package coop.cluster.finance.ledger.persistence;

import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.plumbing.events.PendingEvent;
import coop.cluster.plumbing.outbox.OutboxRelay;
import coop.cluster.plumbing.outbox.OutboxWriter;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The ledger's store, correct without transactions (single-document atomicity only).
 *
 * <ul>
 * <li>{@value #JOURNAL}: one document per accepted entry, {@code _id} = its sequence (1, 2, 3...). The
 * {@code _id} is unique, so two writers can never both take sequence n: inserting n+1 is what serialises posting.
 * This collection is the truth.</li>
 * <li>{@value #HEADS}: one document ({@code _id} = {@value #HEAD_ID}) caching the balances after some sequence.
 * It is written by compare-and-set on its {@code version} and may lag the journal.</li>
 * </ul>
 * Unique indexes on the entry id and idempotency key back the ledger's own checks: a writer working from a stale
 * view gets a {@link DuplicateKeyException} and reads again.
 *
 * <p>Transactional outbox: each journal document carries the event announcing it in its {@value #OUTBOX} array,
 * written by the same insert, so the entry and its event are stored together or not at all. The outbox relay
 * publishes it and removes it ({@value #JOURNAL} is listed in {@code cluster.outbox.collections}); reading the
 * journal never looks at that field.
 */
@Repository
public class LedgerJournal {

    public static final String JOURNAL = "ledger_journal";
    public static final String HEADS = "ledger_heads";
    public static final String HEAD_ID = "cluster";
    static final String OUTBOX = "outbox";

    private final MongoTemplate mongo;
    private final OutboxWriter.Signal relaySignal;

    /** Tells the relay of this instance which journal document has an event, as {@link OutboxWriter} does. */
    @Autowired
    public LedgerJournal(MongoTemplate mongo, OutboxRelay relay) {
        this(mongo, relay::pending);
    }

    public LedgerJournal(MongoTemplate mongo, OutboxWriter.Signal relaySignal) {
        this.mongo = mongo;
        this.relaySignal = relaySignal;
        ensureIndexes();
    }

    /** Creates the unique indexes if missing; idempotent. */
    public void ensureIndexes() {
        mongo.indexOps(JOURNAL).createIndex(new Index().on(JournalDocuments.ENTRY_ID, Sort.Direction.ASC).unique()
                .named("entry_id_unique"));
        mongo.indexOps(JOURNAL).createIndex(new Index().on(JournalDocuments.IDEMPOTENCY_KEY, Sort.Direction.ASC)
                .unique().named("idempotency_key_unique"));
    }

    /**
     * Writes an entry at its sequence together with the event that announces it, in one insert; then tells the
     * relay. When the insert fails nothing is stored, so nothing is published.
     *
     * @throws DuplicateKeyException when the sequence (or the entry id, or the idempotency key) is taken: another
     *                               writer posted first
     */
    public void append(StoredEntry entry, PendingEvent posted) {
        Document document = JournalDocuments.toDocument(entry).append(OUTBOX, List.of(posted.toDocument()));
        mongo.insert(document, JOURNAL);
        relaySignal.pending(JOURNAL, entry.sequence());
    }

    /**
     * Writes consecutive entries, each with the event that announces it, in one ordered {@code insertMany}; then
     * tells the relay. The insert stops at the first sequence taken: the entries before it are stored (whole, with
     * their events), none after it.
     *
     * @throws DuplicateKeyException when a sequence (or an entry id, or an idempotency key) is taken
     */
    public void appendAll(List<StoredEntry> entries, List<PendingEvent> posted) {
        if (entries.size() != posted.size()) {
            throw new IllegalArgumentException("one event per entry");
        }
        List<Document> documents = new java.util.ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            documents.add(JournalDocuments.toDocument(entries.get(i)).append(OUTBOX,
                    List.of(posted.get(i).toDocument())));
        }
        try {
            mongo.insert(documents, JOURNAL);
        } finally {
            // whatever part was stored has its events to publish
            for (StoredEntry entry : entries) {
                relaySignal.pending(JOURNAL, entry.sequence());
            }
        }
    }

    /** The entries after {@code sequence}, in order, at most {@code limit} of them (never their pending events). */
    public List<StoredEntry> after(long sequence, int limit) {
        Query query = Query.query(Criteria.where(JournalDocuments.ID).gt(sequence))
                .with(Sort.by(Sort.Direction.ASC, JournalDocuments.ID)).limit(limit);
        query.fields().exclude(OUTBOX);
        return mongo.find(query, Document.class, JOURNAL).stream().map(JournalDocuments::toEntry).toList();
    }

    /**
     * The entry at {@code sequence}, if stored: a lookup by {@code _id}, which any store serves from its id index
     * (a range on {@code _id}, as {@link #after} asks, is a scan of the collection in the embedded store).
     */
    public Optional<StoredEntry> at(long sequence) {
        Query query = Query.query(Criteria.where(JournalDocuments.ID).is(sequence));
        query.fields().exclude(OUTBOX);
        return Optional.ofNullable(mongo.findOne(query, Document.class, JOURNAL)).map(JournalDocuments::toEntry);
    }

    /** Whether an entry is stored at {@code sequence} (a lookup by {@code _id}). */
    public boolean has(long sequence) {
        return mongo.exists(Query.query(Criteria.where(JournalDocuments.ID).is(sequence)), JOURNAL);
    }

    /**
     * Every entry after {@code sequence}, in order, in one pass over the collection (for the first load of a
     * ledger; {@link #after} pages, each page a query of its own).
     */
    public void forEachAfter(long sequence, java.util.function.Predicate<StoredEntry> action) {
        Query query = Query.query(Criteria.where(JournalDocuments.ID).gt(sequence))
                .with(Sort.by(Sort.Direction.ASC, JournalDocuments.ID));
        query.fields().exclude(OUTBOX);
        try (java.util.stream.Stream<Document> documents = mongo.stream(query, Document.class, JOURNAL)) {
            var iterator = documents.iterator();
            while (iterator.hasNext()) {
                if (!action.test(JournalDocuments.toEntry(iterator.next()))) {
                    return;
                }
            }
        }
    }

    /** Whether any entry comes after {@code sequence}. */
    public boolean hasAfter(long sequence) {
        return mongo.exists(Query.query(Criteria.where(JournalDocuments.ID).gt(sequence)), JOURNAL);
    }

    public Optional<StoredHead> head() {
        return Optional.ofNullable(mongo.findById(HEAD_ID, Document.class, HEADS)).map(JournalDocuments::toHead);
    }

    /**
     * Moves the head forward to the state after {@code sequence}, if it is still at {@code seen} (compare and set
     * on its version; {@code seen} empty means there was no head). Never moves it backwards.
     *
     * @return whether the head was written; a lost race is harmless, the journal being the truth
     */
    public boolean advanceHead(Optional<StoredHead> seen, long sequence, Map<String, Money> balances,
            Map<Currency, Money> conversions) {
        Document fields = JournalDocuments.headFields(sequence, balances, conversions, Instant.now());
        if (seen.isEmpty()) {
            try {
                mongo.insert(new Document(fields).append(JournalDocuments.ID, HEAD_ID)
                        .append(JournalDocuments.VERSION, 1L), HEADS);
                return true;
            } catch (DuplicateKeyException raced) {
                return false;
            }
        }
        if (seen.get().sequence() >= sequence) {
            return false;
        }
        Update update = new Update().inc(JournalDocuments.VERSION, 1L);
        fields.forEach(update::set);
        Query expected = Query.query(Criteria.where(JournalDocuments.ID).is(HEAD_ID)
                .and(JournalDocuments.VERSION).is(seen.get().version())
                .and(JournalDocuments.SEQUENCE).lt(sequence));
        return mongo.updateFirst(expected, update, HEADS).getModifiedCount() == 1;
    }
}
