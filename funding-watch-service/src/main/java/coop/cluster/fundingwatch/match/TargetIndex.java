package coop.cluster.fundingwatch.match;

import coop.cluster.fundingwatch.call.domain.FundingCall;
import coop.cluster.fundingwatch.match.TextAnalysis.AnalysedFacet;
import coop.cluster.fundingwatch.match.TextAnalysis.AnalysedTarget;
import coop.cluster.fundingwatch.match.TextAnalysis.CallText;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The targets a funding call is matched against (members, groups, forming projects, watches), as a Lucene index
 * in memory, and the matching itself. Plain Java, no Spring.
 *
 * <p>Matching a call is retrieve, then score. The index finds every target that can match: each label is indexed by
 * its rarest stemmed term in each language (its anchor), and a label is found in a call only when all its terms are
 * there, so the targets with an anchor among the call's terms, within the call's conditions (eligible places, a
 * watch's programmes and kinds), are all the candidates; watches without keywords and projects aiming at the call
 * are candidates too. {@link Scorer} then scores each candidate by its rules, which give the score and the reasons;
 * the best {@link MatchLimits#perKind} of each kind above {@link MatchLimits#minScore} are the matches. The result
 * is exactly what scoring every target finds ({@link #scan}, the naive baseline), at the cost of scoring the
 * candidates only.
 *
 * <p>Only the call's terms that some label has are looked up (an in-memory count of the labels' terms, which also
 * tells which term of a label is the rarest): a call has hundreds of distinct terms, and most are in no label.
 */
public final class TargetIndex implements Closeable {

    static final String KEY = "key";
    /** Which in-memory target a document is: a number given at each write, so a rewritten target has a new one. */
    static final String ORDINAL = "ordinal";
    static final String ANCHOR_EN = "anchor_en";
    static final String ANCHOR_FR = "anchor_fr";
    static final String KIND = "kind";
    static final String PLACE = "place";
    static final String PROGRAMME = "programme";
    static final String CALL_KIND = "callKind";
    static final String NO_KEYWORDS = "noKeywords";
    static final String TARGET_CALL = "targetCall";
    /** The value of a condition field that sets no condition. */
    static final String ANY = "*";


    private final TextAnalysis analysis = new TextAnalysis();
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final MatchLimits limits;
    private final Map<String, Indexed> targets = new ConcurrentHashMap<>();
    private final Map<Long, AnalysedTarget> byOrdinal = new ConcurrentHashMap<>();
    private long lastOrdinal;
    private final Map<String, Integer> termsEn = new ConcurrentHashMap<>();
    private final Map<String, Integer> termsFr = new ConcurrentHashMap<>();

    public TargetIndex(MatchLimits limits) {
        this.limits = limits;
        try {
            writer = new IndexWriter(directory, new IndexWriterConfig(analysis.text().analyzer())
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE));
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds or replaces these targets; visible to matching when it returns. */
    public synchronized void apply(Collection<Target> changed) {
        if (changed.isEmpty()) {
            return;
        }
        try {
            for (Target target : changed) {
                AnalysedTarget analysed = analysis.target(target);
                long ordinal = ++lastOrdinal;
                writer.updateDocument(new Term(KEY, target.key()), document(analysed, ordinal));
                Indexed previous = targets.put(target.key(), new Indexed(analysed, ordinal));
                if (previous != null) {
                    byOrdinal.remove(previous.ordinal());
                    count(previous.target(), -1);
                }
                byOrdinal.put(ordinal, analysed);
                count(analysed, 1);
            }
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes these targets (by {@link Target#key()}); unknown keys are ignored. */
    public synchronized void remove(Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        try {
            for (String key : keys) {
                Indexed removed = targets.remove(key);
                if (removed != null) {
                    writer.deleteDocuments(new Term(KEY, key));
                    byOrdinal.remove(removed.ordinal());
                    count(removed.target(), -1);
                }
            }
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int size() {
        return targets.size();
    }

    /** How many targets of each kind are indexed. */
    public Map<TargetKind, Long> sizes() {
        Map<TargetKind, Long> sizes = new EnumMap<>(TargetKind.class);
        for (TargetKind kind : TargetKind.values()) {
            sizes.put(kind, 0L);
        }
        targets.values().forEach(t -> sizes.merge(t.target().target().kind(), 1L, Long::sum));
        return sizes;
    }

    /** The keys of the targets of this kind. */
    public List<String> keys(TargetKind kind) {
        String prefix = kind.code() + ':';
        return targets.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
    }

    public Optional<Target> get(String key) {
        return Optional.ofNullable(targets.get(key)).map(t -> t.target().target());
    }

    /** The targets {@code call} matches, best first within each kind, kinds in {@link TargetKind} order. */
    public List<Match> match(String callId, FundingCall call) {
        CallText text = analysis.call(callId, call);
        Query query = query(text);
        Best best = new Best(text);
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                for (long ordinal : searcher.search(query, new Ordinals())) {
                    AnalysedTarget target = byOrdinal.get(ordinal);
                    if (target != null) {
                        best.offer(target);
                    }
                }
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return best.matches();
    }

    /** How {@code call} scores for each of {@code targets} (given, not looked up), those scoring above 0 at all. */
    public List<Match> score(String callId, FundingCall call, Collection<Target> targets) {
        CallText text = analysis.call(callId, call);
        List<Match> matches = new ArrayList<>();
        for (Target target : targets) {
            Indexed indexed = targets.isEmpty() ? null : this.targets.get(target.key());
            AnalysedTarget analysed = indexed != null && indexed.target().target().equals(target)
                    ? indexed.target() : analysis.target(target);
            Scorer.score(text, analysed, limits.minScore()).ifPresent(matches::add);
        }
        matches.sort(BEST_FIRST);
        return matches;
    }

    /** What {@link #match} finds, by scoring every target: the naive scan. */
    public List<Match> scan(String callId, FundingCall call) {
        Best best = new Best(analysis.call(callId, call));
        for (Indexed indexed : targets.values()) {
            best.offer(indexed.target());
        }
        return best.matches();
    }

    /** Best first: higher score, then the target's key, so equal scores come out in a stable order. */
    static final Comparator<Match> BEST_FIRST = Comparator.comparingInt(Match::score).reversed()
            .thenComparing(m -> m.target().key());

    /** The best targets of each kind, scored without reasons; only the winners are explained. */
    private final class Best {

        private final CallText call;
        private final Map<TargetKind, PriorityQueue<Scored>> perKind = new EnumMap<>(TargetKind.class);

        Best(CallText call) {
            this.call = call;
        }

        void offer(AnalysedTarget target) {
            int points = Scorer.points(call, target);
            TargetKind kind = target.target().kind();
            int cap = limits.cap(kind);
            if (points == 0 || points < limits.minScore() || cap == 0) {
                return;
            }
            PriorityQueue<Scored> kept = perKind.computeIfAbsent(kind, k -> new PriorityQueue<>(WORST_FIRST));
            Scored scored = new Scored(target, points);
            if (kept.size() < cap) {
                kept.add(scored);
            } else if (WORST_FIRST.compare(scored, kept.peek()) > 0) {
                kept.poll();
                kept.add(scored);
            }
        }

        List<Match> matches() {
            List<Match> matches = new ArrayList<>();
            perKind.forEach((kind, kept) -> kept.stream().map(s -> Scorer.explain(call, s.target()))
                    .sorted(BEST_FIRST).forEach(matches::add));
            return matches;
        }
    }

    private record Scored(AnalysedTarget target, int points) {
    }

    /** The heap's order: the worst on top (lower score, then the later key). */
    private static final Comparator<Scored> WORST_FIRST = Comparator.comparingInt(Scored::points)
            .thenComparing(s -> s.target().target().key(), Comparator.reverseOrder());

    /**
     * Every target that can match: one of its labels' anchor terms is among the call's terms (each label is indexed
     * by its rarest term per language, and a label is found only when all its terms are in the call, so this misses
     * none), or it is a watch without keywords, or a project aiming at the call; within the conditions. Null when
     * nothing can match.
     */
    private Query query(CallText call) {
        BooleanQuery.Builder anyOf = new BooleanQuery.Builder();
        anchors(anyOf, ANCHOR_EN, call.anyEn(), termsEn);
        anchors(anyOf, ANCHOR_FR, call.anyFr(), termsFr);
        anyOf.add(new TermQuery(new Term(NO_KEYWORDS, "true")), Occur.SHOULD);
        anyOf.add(new TermQuery(new Term(TARGET_CALL, call.callId())), Occur.SHOULD);
        BooleanQuery.Builder query = new BooleanQuery.Builder()
                .add(new ConstantScoreQuery(anyOf.build()), Occur.MUST);
        if (!call.eligiblePlaces().isEmpty()) {
            query.add(anyOf(PLACE, call.eligiblePlaces()), Occur.FILTER);
        }
        query.add(anyOf(PROGRAMME, call.programme() == null ? Set.of() : Set.of(call.programme())), Occur.FILTER);
        query.add(anyOf(CALL_KIND, Set.of(call.kind())), Occur.FILTER);
        return query.build();
    }

    /** The call's terms that some label has, as anchors. */
    private static void anchors(BooleanQuery.Builder query, String field, Set<String> terms,
                                Map<String, Integer> known) {
        List<BytesRef> anchors = new ArrayList<>();
        for (String term : terms) {
            if (known.containsKey(term)) {
                anchors.add(new BytesRef(term));
            }
        }
        if (!anchors.isEmpty()) {
            query.add(new TermInSetQuery(field, anchors), Occur.SHOULD);
        }
    }

    /** The value {@link #ANY} (no condition), or any of {@code values}. */
    private static Query anyOf(String field, Set<String> values) {
        BooleanQuery.Builder any = new BooleanQuery.Builder().add(new TermQuery(new Term(field, ANY)), Occur.SHOULD);
        values.forEach(v -> any.add(new TermQuery(new Term(field, v)), Occur.SHOULD));
        return new ConstantScoreQuery(any.build());
    }

    private Document document(AnalysedTarget analysed, long ordinal) {
        Target target = analysed.target();
        Document doc = new Document();
        doc.add(new StringField(KEY, target.key(), Field.Store.NO));
        doc.add(new NumericDocValuesField(ORDINAL, ordinal));
        for (AnalysedFacet facet : analysed.facets()) {
            if (facet.facet().kind().anyWord) {
                facet.words().forEach(word -> anchor(doc, word.en(), word.fr()));
            } else {
                anchor(doc, facet.en(), facet.fr());
            }
        }
        conditions(doc, PLACE, target.places());
        conditions(doc, PROGRAMME, target.programmes());
        conditions(doc, CALL_KIND, target.callKinds());
        if (target.kind() == TargetKind.WATCH && analysed.facets().isEmpty()) {
            doc.add(new StringField(NO_KEYWORDS, "true", Field.Store.NO));
        }
        if (target.targetCallId() != null) {
            doc.add(new StringField(TARGET_CALL, target.targetCallId(), Field.Store.NO));
        }
        return doc;
    }

    /** A label's rarest term per language: the label is in a call only if that term is. */
    private void anchor(Document doc, List<String> en, List<String> fr) {
        rarest(en, termsEn).ifPresent(term -> doc.add(new StringField(ANCHOR_EN, term, Field.Store.NO)));
        rarest(fr, termsFr).ifPresent(term -> doc.add(new StringField(ANCHOR_FR, term, Field.Store.NO)));
    }

    private static Optional<String> rarest(List<String> terms, Map<String, Integer> counts) {
        return terms.stream().min(Comparator.comparingInt(t -> counts.getOrDefault(t, 0)));
    }

    private static void conditions(Document doc, String field, List<String> values) {
        if (values.isEmpty()) {
            doc.add(new StringField(field, ANY, Field.Store.NO));
        }
        values.forEach(v -> doc.add(new StringField(field, v, Field.Store.NO)));
    }

    private void count(AnalysedTarget target, int delta) {
        if (target == null) {
            return;
        }
        for (AnalysedFacet facet : target.facets()) {
            facet.en().forEach(t -> termsEn.compute(t, (k, n) -> add(n, delta)));
            facet.fr().forEach(t -> termsFr.compute(t, (k, n) -> add(n, delta)));
        }
    }

    private static Integer add(Integer count, int delta) {
        int sum = (count == null ? 0 : count) + delta;
        return sum <= 0 ? null : sum;
    }

    private record Indexed(AnalysedTarget target, long ordinal) {
    }

    /** Collects the ordinals of every hit. */
    private static final class Ordinals implements CollectorManager<Ordinals.Collecting, List<Long>> {

        @Override
        public Collecting newCollector() {
            return new Collecting();
        }

        @Override
        public List<Long> reduce(Collection<Collecting> collectors) {
            List<Long> all = new ArrayList<>();
            collectors.forEach(c -> all.addAll(c.ordinals));
            return all;
        }

        static final class Collecting extends SimpleCollector {

            final List<Long> ordinals = new ArrayList<>();
            private NumericDocValues values;

            @Override
            protected void doSetNextReader(LeafReaderContext context) throws IOException {
                values = DocValues.getNumeric(context.reader(), ORDINAL);
            }

            @Override
            public void collect(int doc) throws IOException {
                if (values.advanceExact(doc)) {
                    ordinals.add(values.longValue());
                }
            }

            @Override
            public ScoreMode scoreMode() {
                return ScoreMode.COMPLETE_NO_SCORES;
            }
        }
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        analysis.close();
    }
}
