package coop.cluster.finance.ledger.persistence;

import coop.cluster.finance.ledger.domain.JournalEntry;
import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.finance.ledger.domain.SealChain;
import coop.cluster.plumbing.events.PendingEvent;
import coop.cluster.plumbing.outbox.OutboxRelay;
import coop.cluster.plumbing.outbox.OutboxWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
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
 *   <li>{@value #JOURNAL}: one document per accepted entry, {@code _id} = its sequence (1, 2,
 *       3...). The {@code _id} is unique, so two writers can never both take sequence n: inserting
 *       n+1 is what serialises posting. This collection is the truth.
 *   <li>{@value #HEADS}: one document ({@code _id} = {@value #HEAD_ID}) caching the balances after
 *       some sequence. It only moves forward (a conditional update on its sequence) and may lag the
 *       journal.
 * </ul>
 *
 * Unique indexes on the entry id and idempotency key back the ledger's own checks: a writer working
 * from a stale view gets a {@link DuplicateKeyException} and reads again.
 *
 * <p>Transactional outbox: each journal document carries the event announcing it in its {@value
 * #OUTBOX} array, written by the same insert, so the entry and its event are stored together or not
 * at all. The outbox relay publishes it and removes it ({@value #JOURNAL} is listed in {@code
 * cluster.outbox.collections}); reading the journal never looks at that field.
 */
@Repository
public class LedgerJournal {

    public static final String JOURNAL = "ledger_journal";
    public static final String HEADS = "ledger_heads";
    public static final String HEAD_ID = "cluster";
    static final String OUTBOX = "outbox";

    private final MongoTemplate mongo;
    private final OutboxWriter.Signal relaySignal;

    /**
     * Tells the relay of this instance which journal document has an event, as {@link OutboxWriter}
     * does.
     */
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
        mongo.indexOps(JOURNAL)
                .createIndex(
                        new Index()
                                .on(JournalDocuments.ENTRY_ID, Sort.Direction.ASC)
                                .unique()
                                .named("entry_id_unique"));
        mongo.indexOps(JOURNAL)
                .createIndex(
                        new Index()
                                .on(JournalDocuments.IDEMPOTENCY_KEY, Sort.Direction.ASC)
                                .unique()
                                .named("idempotency_key_unique"));
    }

    /**
     * Writes an entry at its sequence together with the event that announces it, in one insert;
     * then tells the relay. When the insert fails nothing is stored, so nothing is published.
     *
     * @throws DuplicateKeyException when the sequence (or the entry id, or the idempotency key) is
     *     taken: another writer posted first
     */
    public void append(StoredEntry entry, PendingEvent posted) {
        Document document =
                JournalDocuments.toDocument(entry).append(OUTBOX, List.of(posted.toDocument()));
        mongo.insert(document, JOURNAL);
        relaySignal.pending(JOURNAL, entry.sequence());
    }

    /**
     * Writes a period's closing at its sequence together with the event that announces it, in one
     * insert; then tells the relay.
     *
     * @throws DuplicateKeyException when the sequence is taken (another writer wrote first) or the
     *     period is already closed (its reserved entry id and key are taken)
     */
    public void appendClosing(StoredClosing closing, PendingEvent closed) {
        Document document =
                JournalDocuments.toDocument(closing).append(OUTBOX, List.of(closed.toDocument()));
        mongo.insert(document, JOURNAL);
        relaySignal.pending(JOURNAL, closing.sequence());
    }

    /**
     * Writes consecutive entries, each with the event that announces it, in one ordered {@code
     * insertMany}; then tells the relay. The insert stops at the first sequence taken: the entries
     * before it are stored (whole, with their events), none after it.
     *
     * @throws DuplicateKeyException when a sequence (or an entry id, or an idempotency key) is
     *     taken
     */
    public void appendAll(List<StoredEntry> entries, List<PendingEvent> posted) {
        if (entries.size() != posted.size()) {
            throw new IllegalArgumentException("one event per entry");
        }
        List<Document> documents = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            documents.add(
                    JournalDocuments.toDocument(entries.get(i))
                            .append(OUTBOX, List.of(posted.get(i).toDocument())));
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

    private static final int WINDOW = 100;

    /**
     * The entries after {@code sequence}, in order, at most {@code limit} of them (never their
     * pending events); closings are skipped, so sequences may jump.
     */
    public List<StoredEntry> after(long sequence, int limit) {
        // sequences run on without gaps, so a page is a lookup of the next ids ({@code $in} on
        // {@code _id}, which
        // the embedded store serves from its id index, where a range scans and sorts the whole
        // collection); closings
        // take sequences too, hence another window when a page holds one
        List<StoredEntry> entries = new ArrayList<>(Math.min(limit, 1_000));
        long from = sequence + 1;
        while (entries.size() < limit) {
            // small windows: the embedded store matches an $in by a linear search of its values
            int want = (int) Math.min(limit - entries.size(), WINDOW);
            List<Long> ids = java.util.stream.LongStream.range(from, from + want).boxed().toList();
            Query query =
                    Query.query(Criteria.where(JournalDocuments.ID).in(ids))
                            .with(Sort.by(Sort.Direction.ASC, JournalDocuments.ID));
            query.fields().exclude(OUTBOX);
            List<Document> found = mongo.find(query, Document.class, JOURNAL);
            for (Document document : found) {
                if (!JournalDocuments.isClosing(document)) {
                    entries.add(JournalDocuments.toEntry(document));
                }
            }
            if (found.size() < want) {
                return entries; // the end of the journal (or a write still in flight)
            }
            from += want;
        }
        return entries;
    }

    /**
     * Every record (entries and closings) after {@code sequence}, in order, at most {@code limit}
     * of them.
     */
    public List<JournalRecord> records(long sequence, int limit) {
        Query query =
                Query.query(Criteria.where(JournalDocuments.ID).gt(sequence))
                        .with(Sort.by(Sort.Direction.ASC, JournalDocuments.ID))
                        .limit(limit);
        query.fields().exclude(OUTBOX);
        return mongo.find(query, Document.class, JOURNAL).stream()
                .map(JournalDocuments::toRecord)
                .toList();
    }

    /**
     * The records stored at sequences {@code after + 1} to {@code after + count}, in order: one
     * read of {@code _id}s by {@code $in}, which any store serves from its id index, as {@link #at}
     * is. How an instance catches up with what others wrote, a window at a time instead of a read
     * per record.
     */
    public List<JournalRecord> window(long after, int count) {
        List<Long> ids = new ArrayList<>(count);
        for (long sequence = after + 1; sequence <= after + count; sequence++) {
            ids.add(sequence);
        }
        Query query = Query.query(Criteria.where(JournalDocuments.ID).in(ids));
        query.fields().exclude(OUTBOX);
        List<JournalRecord> records =
                new ArrayList<>(
                        mongo.find(query, Document.class, JOURNAL).stream()
                                .map(JournalDocuments::toRecord)
                                .toList());
        records.sort(java.util.Comparator.comparingLong(JournalRecord::sequence));
        return records;
    }

    /**
     * The record (entry or closing) at {@code sequence}, if stored: a lookup by {@code _id}, which
     * any store serves from its id index (a range on {@code _id}, as {@link #records} asks, is a
     * scan of the collection in the embedded store).
     */
    public Optional<JournalRecord> at(long sequence) {
        Query query = Query.query(Criteria.where(JournalDocuments.ID).is(sequence));
        query.fields().exclude(OUTBOX);
        return Optional.ofNullable(mongo.findOne(query, Document.class, JOURNAL))
                .map(JournalDocuments::toRecord);
    }

    /** Whether a record is stored at {@code sequence} (a lookup by {@code _id}). */
    public boolean has(long sequence) {
        // not MongoTemplate.exists: it counts through an aggregation, a scan of the collection in
        // the embedded store
        Query query = Query.query(Criteria.where(JournalDocuments.ID).is(sequence));
        query.fields().include(JournalDocuments.ID);
        return mongo.findOne(query, Document.class, JOURNAL) != null;
    }

    /**
     * Every record after {@code sequence}, in order, in one pass over the collection, until {@code
     * action} says stop (for the first load of a ledger: {@link #records} pages, each page a query
     * of its own).
     */
    public void forEachAfter(long sequence, Predicate<JournalRecord> action) {
        forEachDocumentAfter(
                sequence, document -> action.test(JournalDocuments.toRecord(document)));
    }

    private void forEachDocumentAfter(long sequence, Predicate<Document> action) {
        Query query =
                Query.query(Criteria.where(JournalDocuments.ID).gt(sequence))
                        .with(Sort.by(Sort.Direction.ASC, JournalDocuments.ID));
        query.fields().exclude(OUTBOX);
        try (Stream<Document> documents = mongo.stream(query, Document.class, JOURNAL)) {
            Iterator<Document> iterator = documents.iterator();
            while (iterator.hasNext()) {
                if (!action.test(iterator.next())) {
                    return;
                }
            }
        }
    }

    /**
     * The closing of {@code periodId}, if it is closed under that id (by its reserved key: an index
     * lookup).
     */
    public Optional<StoredClosing> closing(String periodId) {
        Query query =
                Query.query(
                        Criteria.where(JournalDocuments.IDEMPOTENCY_KEY)
                                .is(JournalEntry.RESERVED_PREFIX + periodId)
                                .and(JournalDocuments.KIND)
                                .is(JournalDocuments.CLOSING));
        query.fields().exclude(OUTBOX);
        return Optional.ofNullable(mongo.findOne(query, Document.class, JOURNAL))
                .map(JournalDocuments::toClosing);
    }

    /**
     * Reads the whole journal as the seal chain sees it, straight from the stored fields (an
     * auditor's view: the domain's checks are not applied, so a document changed in the store still
     * reads).
     */
    public Audit audit() {
        List<SealChain.Entry> entries = new ArrayList<>();
        List<SealChain.Closing> closings = new ArrayList<>();
        forEachDocumentAfter(
                0,
                document -> {
                    if (JournalDocuments.isClosing(document)) {
                        closings.add(JournalDocuments.toSealedClosing(document));
                    } else {
                        entries.add(JournalDocuments.toSealed(document));
                    }
                    return true;
                });
        return new Audit(entries, closings);
    }

    /** The journal as the seal chain reads it: entries and closings, each in sequence order. */
    public record Audit(List<SealChain.Entry> entries, List<SealChain.Closing> closings) {}

    public Optional<StoredHead> head() {
        return Optional.ofNullable(mongo.findById(HEAD_ID, Document.class, HEADS))
                .map(JournalDocuments::toHead);
    }

    /**
     * Moves the head forward to the state after {@code sequence}, never backwards, in one command
     * and without reading it first: an upsert whose filter holds only a head behind {@code
     * sequence}. The state after a given sequence is a function of the journal alone, so whichever
     * writer's update lands, the head is right for the sequence it names; a head already at or
     * beyond {@code sequence} is left alone (the upsert then meets its {@code _id} and is refused,
     * which is harmless).
     *
     * @return whether the head was written; a lost race is harmless, the journal being the truth
     */
    public boolean advanceHead(
            long sequence, Map<String, Money> balances, Map<Currency, Money> conversions) {
        Update update = new Update().inc(JournalDocuments.VERSION, 1L);
        JournalDocuments.headFields(sequence, balances, conversions, Instant.now())
                .forEach(update::set);
        Query behind =
                Query.query(
                        Criteria.where(JournalDocuments.ID)
                                .is(HEAD_ID)
                                .and(JournalDocuments.SEQUENCE)
                                .lt(sequence));
        try {
            com.mongodb.client.result.UpdateResult result = mongo.upsert(behind, update, HEADS);
            return result.getMatchedCount() == 1 || result.getUpsertedId() != null;
        } catch (DuplicateKeyException ahead) {
            return false; // the head is at sequence or beyond
        }
    }
}
