package coop.cluster.fundingwatch.call.search;

import coop.cluster.fundingwatch.call.domain.FundingCall;
import coop.cluster.fundingwatch.call.domain.TrackedCall;
import coop.cluster.search.InMemoryIndex;
import coop.cluster.search.WeightedField;
import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

/**
 * The funding calls as a Lucene index held in memory ({@link InMemoryIndex}): one document per
 * call, whatever its status, kept in step with the store by {@link CallIndexer}. Plain Java, no
 * Spring.
 *
 * <p>Text fields (title, identifiers, keywords, tags, call title, programme, a cascade call's
 * project name and acronym, a tender's contracting authority, description) are indexed in an
 * English and a French variant ({@link coop.cluster.search.BilingualText}); status, kind and
 * programme (exactly as the call names it) are filter terms; every deadline is a point, so a
 * deadline range matches a call when any one of its cut-offs lies in it.
 *
 * <p>Hits are ordered by relevance (with text), then by next deadline (the first cut-off after now;
 * calls with none come last), then by id. The next deadline moves on as time passes, so it is
 * worked out at search time over the matching calls rather than stored in the index.
 *
 * <p>Writes come one batch at a time ({@link #apply} is synchronized) and are visible to searches
 * when it returns; applying a call is idempotent, and an older version never replaces a newer one.
 * What a hit shows comes from an in-memory copy of the indexed calls.
 */
public final class CallIndex implements Closeable {

    /** Text fields, each in an English and a French variant, with the weight of a match in it. */
    static final class Text {
        static final WeightedField TITLE = new WeightedField("title", 3f);
        static final WeightedField IDENTIFIER = new WeightedField("identifier", 3f);
        static final WeightedField KEYWORDS = new WeightedField("keywords", 2f);
        static final WeightedField TAGS = new WeightedField("tags", 2f);
        static final WeightedField CALL_TITLE = new WeightedField("callTitle", 1.5f);
        static final WeightedField PROGRAMME = new WeightedField("programme", 1.5f);
        static final WeightedField PROJECT = new WeightedField("project", 1.5f);
        static final WeightedField CONTRACTING_AUTHORITY =
                new WeightedField("contractingAuthority", 1f);
        static final WeightedField DESCRIPTION = new WeightedField("description", 1f);

        /** In the order a query word is looked up in them. */
        static final WeightedField[] ALL = {
            TITLE,
            IDENTIFIER,
            KEYWORDS,
            TAGS,
            CALL_TITLE,
            PROGRAMME,
            PROJECT,
            CONTRACTING_AUTHORITY,
            DESCRIPTION
        };

        private Text() {}
    }

    static final String ID = "id";
    static final String STATUS = "status";
    static final String KIND = "kind";
    static final String PROGRAMME = "programme";
    static final String DEADLINE = "deadline";

    /**
     * Identifier and call identifier, whole and lower case: a query that is exactly one ranks that
     * call first.
     */
    static final String IDENTIFIER_EXACT = "identifier.exact";

    /** At most this many words of a query are looked up; the rest are ignored. */
    static final int MAX_QUERY_WORDS = 32;

    private static final float EXACT_IDENTIFIER_BOOST = 10f;

    private final InMemoryIndex index = new InMemoryIndex(Text.ALL);
    private final Clock clock;
    private final Map<String, TrackedCall> indexed = new ConcurrentHashMap<>();

    public CallIndex(Clock clock) {
        this.clock = clock;
    }

    /** A page of hits, and how many calls match in all. */
    public record Result(long total, List<Hit> hits) {}

    /**
     * @param nextDeadline the call's first cut-off after the search's now; null when it has none
     *     left, and for a CLOSED call
     * @param score the relevance; null when the search had no text
     */
    public record Hit(TrackedCall call, Instant nextDeadline, Float score) {}

    /**
     * Indexes {@code calls} as they are now. A call given in the state already indexed, or in an
     * older version than the one indexed, is skipped: reading a call twice, or hearing of two
     * writes out of order, is harmless.
     *
     * @return how many calls were (re)indexed
     */
    public synchronized int apply(Collection<TrackedCall> calls) {
        int changed = 0;
        for (TrackedCall call : calls) {
            TrackedCall current = indexed.get(call.id());
            if (call.equals(current)
                    || current != null
                            && current.version() != null
                            && call.version() != null
                            && call.version() < current.version()) {
                continue;
            }
            index.update(new Term(ID, call.id()), document(call));
            indexed.put(call.id(), call);
            changed++;
        }
        if (changed > 0) {
            index.refresh();
        }
        return changed;
    }

    /** The number of calls indexed. */
    public int size() {
        return indexed.size();
    }

    /**
     * The calls matching {@code query}, page {@code page} (0-based) of {@code size}.
     *
     * @throws IllegalArgumentException for a negative page or a size below 1
     */
    public Result search(CallQuery query, int page, int size) {
        if (page < 0 || size < 1) {
            throw new IllegalArgumentException("page " + page + ", size " + size);
        }
        Instant now = clock.instant();
        boolean scored = query.scored();
        Query lucene = query(query);
        List<Hit> all =
                index.search(
                        searcher -> {
                            List<Hit> found = new ArrayList<>();
                            TopDocs top =
                                    searcher.search(
                                            lucene,
                                            Math.max(1, searcher.getIndexReader().maxDoc()));
                            StoredFields stored = searcher.storedFields();
                            for (ScoreDoc doc : top.scoreDocs) {
                                TrackedCall call = indexed.get(stored.document(doc.doc).get(ID));
                                if (call != null) {
                                    found.add(
                                            new Hit(
                                                    call,
                                                    nextDeadline(call, now),
                                                    scored ? doc.score : null));
                                }
                            }
                            return found;
                        });
        Comparator<Hit> byDeadline =
                Comparator.comparing(
                        Hit::nextDeadline, Comparator.nullsLast(Comparator.naturalOrder()));
        Comparator<Hit> order =
                scored
                        ? Comparator.comparing(Hit::score, Comparator.reverseOrder())
                                .thenComparing(byDeadline)
                        : byDeadline;
        all.sort(order.thenComparing(hit -> hit.call().id()));
        long from = (long) page * size;
        List<Hit> content =
                from >= all.size()
                        ? List.of()
                        : List.copyOf(
                                all.subList((int) from, (int) Math.min(all.size(), from + size)));
        return new Result(all.size(), content);
    }

    @Override
    public void close() throws IOException {
        index.close();
    }

    /**
     * The first cut-off of {@code call} after {@code now}, or null. A CLOSED call has none,
     * whatever cut-offs its source still lists (a source may close a call before its last cut-off):
     * acceptance testing found a closed call showing a future next deadline.
     */
    static Instant nextDeadline(TrackedCall call, Instant now) {
        if (call.status() == coop.cluster.fundingwatch.call.domain.CallStatus.CLOSED) {
            return null;
        }
        for (Instant deadline : call.call().deadlines()) {
            if (deadline.isAfter(now)) {
                return deadline;
            }
        }
        return null;
    }

    private Query query(CallQuery query) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        if (!query.scored()) {
            all.add(new MatchAllDocsQuery(), Occur.FILTER);
        }
        if (query.text() != null) {
            all.add(textQuery(query.text()), Occur.MUST);
        }
        if (!query.keywords().isEmpty()) {
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            query.keywords().forEach(keyword -> any.add(textQuery(keyword), Occur.SHOULD));
            any.setMinimumNumberShouldMatch(1);
            all.add(any.build(), Occur.MUST);
        }
        filter(all, STATUS, query.statuses().stream().map(Enum::name).toList());
        filter(all, KIND, query.kinds().stream().map(Enum::name).toList());
        filter(all, PROGRAMME, query.programmes());
        if (query.deadlineFrom() != null || query.deadlineTo() != null) {
            long from =
                    query.deadlineFrom() == null
                            ? Long.MIN_VALUE
                            : query.deadlineFrom().toEpochMilli();
            long to =
                    query.deadlineTo() == null ? Long.MAX_VALUE : query.deadlineTo().toEpochMilli();
            all.add(LongPoint.newRangeQuery(DEADLINE, from, to), Occur.FILTER);
        }
        return all.build();
    }

    private static void filter(BooleanQuery.Builder all, String field, List<String> values) {
        if (!values.isEmpty()) {
            all.add(
                    new TermInSetQuery(field, values.stream().map(BytesRef::new).toList()),
                    Occur.FILTER);
        }
    }

    /**
     * Each word of {@code text} in any text field, in either language: the best field counts, the
     * others add a little. All words must match for up to two words, and two thirds of them for
     * longer texts. A text that is exactly a call's identifier ranks that call first. A text with
     * no word left (only stop words, or punctuation) matches nothing.
     */
    Query textQuery(String text) {
        Query words = index.words(text, MAX_QUERY_WORDS);
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        if (words != null) {
            query.add(words, Occur.SHOULD);
        }
        query.add(
                new BoostQuery(
                        new TermQuery(
                                new Term(IDENTIFIER_EXACT, text.strip().toLowerCase(Locale.ROOT))),
                        EXACT_IDENTIFIER_BOOST),
                Occur.SHOULD);
        BooleanQuery built = query.build();
        return built.clauses().isEmpty() ? new MatchNoDocsQuery("no word to look up") : built;
    }

    private Document document(TrackedCall tracked) {
        FundingCall c = tracked.call();
        Document doc = new Document();
        doc.add(new StringField(ID, tracked.id(), Field.Store.YES));
        doc.add(new StringField(STATUS, tracked.status().name(), Field.Store.NO));
        doc.add(new StringField(KIND, c.kind().name(), Field.Store.NO));
        if (c.programme() != null) {
            doc.add(new StringField(PROGRAMME, c.programme(), Field.Store.NO));
        }
        for (Instant deadline : c.deadlines()) {
            doc.add(new LongPoint(DEADLINE, deadline.toEpochMilli()));
        }
        text(doc, Text.TITLE, c.title());
        for (String identifier : new String[] {c.identifier(), c.callIdentifier()}) {
            text(doc, Text.IDENTIFIER, identifier);
            if (identifier != null) {
                doc.add(
                        new StringField(
                                IDENTIFIER_EXACT,
                                identifier.toLowerCase(Locale.ROOT),
                                Field.Store.NO));
            }
        }
        c.keywords().forEach(keyword -> text(doc, Text.KEYWORDS, keyword));
        c.tags().forEach(tag -> text(doc, Text.TAGS, tag));
        text(doc, Text.CALL_TITLE, c.callTitle());
        text(doc, Text.PROGRAMME, c.programme());
        text(doc, Text.PROJECT, c.projectName());
        text(doc, Text.PROJECT, c.projectAcronym());
        text(doc, Text.CONTRACTING_AUTHORITY, c.contractingAuthority());
        text(doc, Text.DESCRIPTION, c.description());
        return doc;
    }

    private void text(Document doc, WeightedField field, String value) {
        index.addText(doc, field, value);
    }
}
