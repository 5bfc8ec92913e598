package coop.cluster.finance.report.persistence;

import coop.cluster.finance.ledger.persistence.LedgerJournal;
import coop.cluster.finance.report.domain.Movement;
import coop.cluster.finance.report.domain.ReportPeriod;
import coop.cluster.finance.report.domain.Rollups;
import coop.cluster.plumbing.lease.Lease;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The materialised view the public reports read: per month, every account's debit and credit
 * totals, fed from the journal ({@value LedgerJournal#JOURNAL}) and correct without transactions.
 *
 * <ul>
 *   <li>{@value #BUCKETS}: one document per month ({@code _id} {@code yyyy-MM}): {@code detail},
 *       the totals of every account posted that month; {@code rollup}, the few totals a later
 *       period's report needs ({@link Rollups}); {@code appliedThrough}, the journal sequence it is
 *       complete up to (every entry of that month up to it is in, none after); {@code version} and
 *       {@code stamp} (new on every write) for compare-and-set.
 *   <li>{@value #STATE}: one document ({@code _id} {@value #STATE_ID}): {@code checkpoint}, the
 *       sequence up to which every month is complete; {@code months}, the months that have a
 *       bucket; the projector's lease ({@code owner}, {@code leaseUntil}: a plumbing {@link Lease}
 *       on this document, {@link #lease}).
 * </ul>
 *
 * <p>Applying a batch of entries (c, e] is idempotent and safe to repeat or to race: each month's
 * bucket is written by compare-and-set on its version, adding only the entries after {@code
 * max(appliedThrough, c)}, and then says {@code appliedThrough = e}; a bucket already at e or
 * beyond is left alone. The checkpoint moves forward only ({@code checkpoint < e}) and only after
 * every bucket of the batch is written. A crash between leaves buckets ahead of the checkpoint,
 * which the next pass skips over exactly. Invariant: a bucket holds every entry of its month up to
 * the checkpoint, and none after its own {@code appliedThrough}.
 *
 * <p>A pass of the projector costs the store a fixed number of commands whatever the number of
 * entries it covers: the lease and the state in one find-and-modify ({@link #lease}: each grant
 * reads the state), the new entries in one find per {@value #READ_CHUNK} sequences ({@link
 * #journalAfter}), one write per month touched ({@link #applyAll}: a bucket this instance wrote
 * last is not read again, see {@code written}; the others in one find), the checkpoint in one write
 * ({@link #advance}).
 *
 * <p>The journal is read by explicit sequences ({@code _id $in [c+1 .. c+n]}, in chunks): its
 * sequences run on without gaps, so this reads exactly the next entries through the {@code _id}
 * index, on a mongod as on the embedded store (where a range query would scan the whole journal).
 */
@Repository
public class LedgerTotals {

    public static final String BUCKETS = "report_ledger_totals";
    public static final String STATE = "report_projection";
    static final String STATE_ID = "ledger-totals";
    private static final String ID = "_id";
    private static final String APPLIED_THROUGH = "appliedThrough";
    private static final String VERSION = "version";
    private static final String DETAIL = "detail";
    private static final String ROLLUP = "rollup";
    private static final String CHECKPOINT = "checkpoint";
    private static final String MONTHS = "months";
    private static final String OWNER = "owner";
    private static final String LEASE_UNTIL = "leaseUntil";
    private static final int READ_ATTEMPTS = 20;

    /**
     * Sequences per {@code $in} read of the journal: the embedded store matches an {@code $in} in
     * time quadratic in its length (2,000 ids: ~380 ms, 250: ~12 ms), so a batch is read in chunks.
     */
    private static final int READ_CHUNK = 250;

    private static final String STAMP = "stamp";
    private static final int MAX_REMEMBERED = 240;

    private final MongoTemplate mongo;

    /**
     * The buckets as this instance last wrote them, by month: a bucket's {@code stamp} is new on
     * every write, so a compare-and-set on it succeeds only if nobody wrote the bucket since, and
     * then what is remembered is what is stored; the next batch of that month starts from it
     * without reading the bucket.
     */
    private final Map<String, Document> written = new ConcurrentHashMap<>();

    public LedgerTotals(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * One journal entry as the projection needs it: sequence, month, its movements by account and
     * each account's currency (an entry with a conversion posts in two).
     */
    public record JournalLine(
            long sequence,
            String month,
            Map<String, Movement> movements,
            Map<String, String> currencies) {}

    /** The projection's progress. */
    public record State(long checkpoint, List<String> months, String owner, Instant leaseUntil) {}

    /** The totals a report reads, consistent as of {@code throughSequence}. */
    public record Totals(
            Map<String, Movement> inPeriod,
            Map<String, Movement> before,
            String currency,
            long throughSequence) {}

    public State state() {
        Document state = mongo.findById(STATE_ID, Document.class, STATE);
        if (state == null) {
            return new State(0, List.of(), null, Instant.EPOCH);
        }
        return state(state);
    }

    private static State state(Document state) {
        Date until = state.getDate(LEASE_UNTIL);
        return new State(
                ((Number) state.get(CHECKPOINT)).longValue(),
                state.getList(MONTHS, String.class, List.of()),
                state.getString(OWNER),
                until == null ? Instant.EPOCH : until.toInstant());
    }

    /**
     * The projector's lease, on the state document: granted when nobody holds it, it has expired,
     * or {@code owner} holds it; each grant (one find-and-modify, an upsert that creates the state
     * the first time) answers the state as it leaves it, so that a pass takes the lease and reads
     * its checkpoint in one command. The lease saves duplicated work between instances; correctness
     * does not depend on it.
     */
    public Lease<State> lease(String owner, Duration ttl, Clock clock) {
        return Lease.of(mongo, STATE, STATE_ID, owner, ttl, clock)
                .withExpiryField(LEASE_UNTIL)
                .withInitialFields(Map.of(CHECKPOINT, 0L, MONTHS, List.of()))
                .reading(LedgerTotals::state);
    }

    /**
     * The entries after {@code checkpoint}, at most {@code limit}, in order and without a gap
     * (reading stops before a missing sequence: only a write in flight can be missing).
     */
    public List<JournalLine> journalAfter(long checkpoint, int limit) {
        List<JournalLine> lines = new ArrayList<>();
        long next = checkpoint + 1;
        long end = checkpoint + limit;
        while (next <= end) {
            long chunkEnd = Math.min(end, next + READ_CHUNK - 1);
            List<Long> wanted = LongStream.rangeClosed(next, chunkEnd).boxed().toList();
            Query query = Query.query(Criteria.where(ID).in(wanted));
            query.fields()
                    .include("effectiveDate")
                    .include("postings")
                    .include("kind")
                    .include("to");
            Map<Long, Document> found = new HashMap<>();
            for (Document document : mongo.find(query, Document.class, LedgerJournal.JOURNAL)) {
                found.put(((Number) document.get(ID)).longValue(), document);
            }
            for (; next <= chunkEnd; next++) {
                Document entry = found.get(next);
                if (entry == null) {
                    return lines;
                }
                lines.add(line(next, entry));
            }
        }
        return lines;
    }

    private static JournalLine line(long sequence, Document entry) {
        if (entry.containsKey("kind")) {
            // a period's closing takes a sequence and moves no money: an empty line in the month it
            // closes on
            return new JournalLine(
                    sequence,
                    ReportPeriod.monthOf(LocalDate.parse(entry.getString("to"))),
                    Map.of(),
                    Map.of());
        }
        String month = ReportPeriod.monthOf(LocalDate.parse(entry.getString("effectiveDate")));
        Map<String, Movement> movements = new LinkedHashMap<>();
        Map<String, String> currencies = new HashMap<>();
        for (Document posting : entry.getList("postings", Document.class)) {
            BigDecimal amount = new BigDecimal(posting.getString("amount"));
            Movement movement =
                    "DEBIT".equals(posting.getString("side"))
                            ? Movement.debit(amount)
                            : Movement.credit(amount);
            movements.merge(posting.getString("account"), movement, Movement::plus);
            currencies.put(posting.getString("account"), posting.getString("currency"));
        }
        return new JournalLine(sequence, month, movements, currencies);
    }

    /**
     * {@link #applyToMonth} for every month of a batch, the buckets read together: one find for the
     * batch and one write per month touched (a month whose write loses a race reads its bucket
     * again on its own).
     *
     * @param byMonth the batch's lines by month, each in sequence order
     */
    public void applyAll(Map<String, List<JournalLine>> byMonth, long checkpoint, long batchEnd) {
        if (byMonth.isEmpty()) {
            return;
        }
        Map<String, Document> buckets = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String month : byMonth.keySet()) {
            Document mine = written.get(month);
            // only a bucket behind the batch: one at or past its end may have been cleared or
            // rewound meanwhile, and
            // skipping it on the strength of memory alone could lose entries
            if (mine != null && ((Number) mine.get(APPLIED_THROUGH)).longValue() < batchEnd) {
                buckets.put(month, mine);
            } else {
                unknown.add(month);
            }
        }
        if (!unknown.isEmpty()) {
            for (Document bucket :
                    mongo.find(
                            Query.query(Criteria.where(ID).in(unknown)), Document.class, BUCKETS)) {
                buckets.put(bucket.getString(ID), bucket);
            }
        }
        byMonth.forEach(
                (month, lines) -> apply(month, lines, checkpoint, batchEnd, buckets.get(month)));
    }

    /**
     * Adds to a month's bucket the lines of the batch (c, e] that it does not hold yet, and marks
     * it complete up to e. Compare-and-set on the bucket's version: a lost race reads again and
     * adds only what is still missing.
     *
     * @param lines the batch's lines of this month, in sequence order
     * @return whether the bucket was written (false: it was already at e or beyond)
     */
    public boolean applyToMonth(
            String month, List<JournalLine> lines, long checkpoint, long batchEnd) {
        return apply(
                month, lines, checkpoint, batchEnd, mongo.findById(month, Document.class, BUCKETS));
    }

    /**
     * {@link #applyToMonth}, starting from {@code read}, the bucket as just read ({@code null}:
     * none).
     */
    private boolean apply(
            String month, List<JournalLine> lines, long checkpoint, long batchEnd, Document read) {
        for (int attempt = 0; ; attempt++) {
            Document bucket = attempt == 0 ? read : mongo.findById(month, Document.class, BUCKETS);
            long appliedThrough =
                    bucket == null ? 0 : ((Number) bucket.get(APPLIED_THROUGH)).longValue();
            if (appliedThrough >= batchEnd) {
                return false;
            }
            long from = Math.max(appliedThrough, checkpoint);
            Map<String, Line> detail =
                    bucket == null ? new TreeMap<>() : read(bucket.getList(DETAIL, Document.class));
            for (JournalLine line : lines) {
                if (line.sequence() > from) {
                    line.movements()
                            .forEach(
                                    (account, movement) ->
                                            detail.merge(
                                                    account,
                                                    new Line(
                                                            line.currencies().get(account),
                                                            movement),
                                                    Line::plus));
                }
            }
            Map<String, Line> rollup = new TreeMap<>();
            detail.forEach(
                    (account, line) -> {
                        for (String key : Rollups.keysOf(account)) {
                            rollup.merge(key, line, Line::plus);
                        }
                    });
            List<Document> detailDocuments = write(detail);
            List<Document> rollupDocuments = write(rollup);
            String stamp = UUID.randomUUID().toString();
            if (bucket == null) {
                Document inserted =
                        new Document(ID, month)
                                .append(APPLIED_THROUGH, batchEnd)
                                .append(VERSION, 1L)
                                .append(DETAIL, detailDocuments)
                                .append(ROLLUP, rollupDocuments)
                                .append(STAMP, stamp);
                try {
                    mongo.insert(inserted, BUCKETS);
                    remember(month, inserted);
                    return true;
                } catch (DuplicateKeyException raced) {
                    written.remove(month);
                    continue;
                }
            }
            long version = ((Number) bucket.get(VERSION)).longValue();
            Criteria expected = Criteria.where(ID).is(month).and(VERSION).is(version);
            if (bucket.containsKey(STAMP)) {
                expected =
                        expected.and(STAMP)
                                .is(bucket.getString(STAMP)); // the very write it was read from
            }
            Update update =
                    new Update()
                            .set(APPLIED_THROUGH, batchEnd)
                            .set(DETAIL, detailDocuments)
                            .set(ROLLUP, rollupDocuments)
                            .set(STAMP, stamp)
                            .inc(VERSION, 1L);
            if (mongo.updateFirst(Query.query(expected), update, BUCKETS).getModifiedCount() == 1) {
                remember(
                        month,
                        new Document(ID, month)
                                .append(APPLIED_THROUGH, batchEnd)
                                .append(VERSION, version + 1)
                                .append(DETAIL, detailDocuments)
                                .append(ROLLUP, rollupDocuments)
                                .append(STAMP, stamp));
                return true;
            }
            written.remove(month); // changed by another projector (or cleared): read it again
            if (attempt > 1000) {
                throw new IllegalStateException(
                        "bucket " + month + " kept changing under the projector");
            }
        }
    }

    private void remember(String month, Document bucket) {
        if (written.size() >= MAX_REMEMBERED) {
            written.clear();
        }
        written.put(month, bucket);
    }

    /**
     * Moves the checkpoint forward to {@code batchEnd} (never back) and records the batch's months.
     */
    public void advance(long batchEnd, Collection<String> months) {
        Update update = new Update().set(CHECKPOINT, batchEnd);
        if (!months.isEmpty()) {
            update.addToSet(MONTHS).each(months.toArray());
        }
        try {
            // an upsert: the state may not exist yet (a projector that never took the lease); when
            // it exists at or
            // beyond batchEnd the filter misses it and the insert meets its _id, which is fine
            mongo.upsert(
                    Query.query(Criteria.where(ID).is(STATE_ID).and(CHECKPOINT).lt(batchEnd)),
                    update,
                    STATE);
        } catch (DuplicateKeyException alreadyAhead) {
            // another projector moved the checkpoint to batchEnd or beyond
        }
    }

    /**
     * The totals of a period (full detail of its months) and the rollups of every month before it,
     * read so that they agree: the checkpoint first, then the buckets; a bucket ahead of that
     * checkpoint (a batch being applied) makes it read again.
     */
    public Totals totals(ReportPeriod period) {
        for (int attempt = 1; ; attempt++) {
            State state = state();
            List<String> periodMonths = period.months();
            String first = periodMonths.getFirst();
            List<String> earlier =
                    state.months().stream().filter(month -> month.compareTo(first) < 0).toList();
            Map<String, Movement> inPeriod = new TreeMap<>();
            Map<String, Movement> before = new TreeMap<>();
            String[] currency = {null};
            long[] newest = {0};
            Query monthsOfPeriod = Query.query(Criteria.where(ID).in(periodMonths));
            monthsOfPeriod.fields().exclude(ROLLUP);
            for (Document bucket : mongo.find(monthsOfPeriod, Document.class, BUCKETS)) {
                newest[0] = Math.max(newest[0], ((Number) bucket.get(APPLIED_THROUGH)).longValue());
                add(bucket.getList(DETAIL, Document.class), inPeriod, currency);
            }
            if (!earlier.isEmpty()) {
                Query monthsBefore = Query.query(Criteria.where(ID).in(earlier));
                monthsBefore.fields().include(ROLLUP).include(APPLIED_THROUGH);
                for (Document bucket : mongo.find(monthsBefore, Document.class, BUCKETS)) {
                    newest[0] =
                            Math.max(newest[0], ((Number) bucket.get(APPLIED_THROUGH)).longValue());
                    add(bucket.getList(ROLLUP, Document.class), before, currency);
                }
            }
            if (newest[0] <= state.checkpoint() || attempt >= READ_ATTEMPTS) {
                return new Totals(
                        inPeriod, before, currency[0], Math.max(state.checkpoint(), newest[0]));
            }
            try {
                Thread.sleep(5); // a batch is being applied: its checkpoint follows in a moment
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return new Totals(
                        inPeriod, before, currency[0], Math.max(state.checkpoint(), newest[0]));
            }
        }
    }

    /**
     * The last sequence in the journal, found from {@code known} (a sequence known to exist, or 0)
     * by id lookups.
     */
    public long lastJournalSequence(long known) {
        long low = known;
        long step = 1;
        while (exists(low + step)) {
            low += step;
            step *= 2;
        }
        long high = low + step; // missing
        while (high - low > 1) {
            long middle = low + (high - low) / 2;
            if (exists(middle)) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /**
     * A find by {@code _id}, not {@code MongoTemplate.exists}: that counts through an aggregation,
     * which the embedded store runs over every document of the journal.
     */
    private boolean exists(long sequence) {
        Query byId = Query.query(Criteria.where(ID).is(sequence)).limit(1);
        byId.fields().include(ID);
        return mongo.findOne(byId, Document.class, LedgerJournal.JOURNAL) != null;
    }

    /** Forgets everything projected (tests and benchmarks only). */
    public void clear() {
        written.clear();
        mongo.remove(new Query(), BUCKETS);
        mongo.remove(new Query(), STATE);
    }

    /** Rewinds the checkpoint (tests: applying again must change nothing). */
    public void rewind(long checkpoint) {
        mongo.updateFirst(
                Query.query(Criteria.where(ID).is(STATE_ID)),
                new Update().set(CHECKPOINT, checkpoint),
                STATE);
    }

    /** One bucket's raw totals by account (tests). */
    public Optional<Map<String, Movement>> bucket(String month) {
        Document bucket = mongo.findById(month, Document.class, BUCKETS);
        if (bucket == null) {
            return Optional.empty();
        }
        Map<String, Movement> totals = new TreeMap<>();
        add(bucket.getList(DETAIL, Document.class), totals, new String[1]);
        return Optional.of(totals);
    }

    private static void add(List<Document> lines, Map<String, Movement> into, String[] currency) {
        for (Document line : lines) {
            String lineCurrency = line.getString("currency");
            if (currency[0] == null) {
                currency[0] = lineCurrency;
            } else if (lineCurrency != null && !lineCurrency.equals(currency[0])) {
                throw new IllegalStateException(
                        "the ledger holds "
                                + currency[0]
                                + " and "
                                + lineCurrency
                                + "; a report is in one currency");
            }
            into.merge(
                    line.getString("account"),
                    new Movement(
                            new BigDecimal(line.getString("debit")),
                            new BigDecimal(line.getString("credit"))),
                    Movement::plus);
        }
    }

    private static Map<String, Line> read(List<Document> documents) {
        Map<String, Line> lines = new TreeMap<>();
        for (Document line : documents) {
            lines.put(
                    line.getString("account"),
                    new Line(
                            line.getString("currency"),
                            new Movement(
                                    new BigDecimal(line.getString("debit")),
                                    new BigDecimal(line.getString("credit")))));
        }
        return lines;
    }

    private static List<Document> write(Map<String, Line> lines) {
        List<Document> documents = new ArrayList<>(lines.size());
        lines.forEach(
                (account, line) ->
                        documents.add(
                                new Document("account", account)
                                        .append("currency", line.currency())
                                        .append("debit", line.movement().debit().toPlainString())
                                        .append(
                                                "credit",
                                                line.movement().credit().toPlainString())));
        return documents;
    }

    private record Line(String currency, Movement movement) {

        Line plus(Line other) {
            return new Line(
                    currency == null ? other.currency : currency, movement.plus(other.movement));
        }
    }
}
