package coop.cluster.fundingwatch.match;

import coop.cluster.fundingwatch.call.domain.FundingCall;
import coop.cluster.fundingwatch.match.TextAnalysis.AnalysedFacet;
import coop.cluster.fundingwatch.match.TextAnalysis.AnalysedTarget;
import coop.cluster.fundingwatch.match.TextAnalysis.CallText;
import coop.cluster.fundingwatch.match.TextAnalysis.Phrase;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * The targets a funding call is matched against (members, groups, forming projects, watches), as a Lucene index
 * in memory, and the matching itself. Plain Java, no Spring.
 *
 * <p>Every label of every target is a phrase: its stemmed terms in English and in French. Phrases are shared: the
 * index knows each distinct phrase once, by a number, and by its rarest term in each language (its anchor). A target
 * is a Lucene document listing the numbers of its phrases per kind of label, with its conditions.
 *
 * <p>Matching a call: (1) the phrases found in the call: those anchored by one of the call's terms whose terms are
 * all in the call (in either language), and where (prominently, or in the description only); (2) per target kind,
 * a query whose clauses are those phrases, each scoring exactly the points {@link Scorer} gives it (constant
 * scores, summed), with the bonuses as clauses too (the project's target call, a watch's conditions, an eligible
 * place) and the conditions as filters; Lucene returns the best {@link MatchLimits#perKind} by that sum, skipping
 * what cannot make the cut (block-max WAND); (3) those are explained ({@link Scorer#explain}), and kept when they
 * reach {@link MatchLimits#minScore}. The work grows with the phrases a call mentions and the best targets, not with
 * the number of targets. {@link #scan} scores every target by looking, the naive baseline: it finds the same scores
 * (TargetIndexTest); at the cut, equal sums may be broken differently.
 */
public final class TargetIndex implements Closeable {

    static final String KEY = "key";
    static final String KEY_VALUE = "keyValue";
    static final String KIND = "kind";
    static final String PLACE = "place";
    static final String HAS_PLACE = "hasPlace";
    static final String PROGRAMME = "programme";
    static final String CALL_KIND = "callKind";
    static final String CONDITIONS_ONLY = "conditionsOnly";
    static final String TARGET_CALL = "targetCall";
    /** The value of a condition field that sets no condition. */
    static final String ANY = "*";
    /** At most this many phrase clauses per query (the most telling first); Lucene's own limit is 1,024. */
    static final int MAX_CLAUSES = 1_000;
    /** A write of this many targets or more is followed by merging the index into one segment. */
    static final int MERGE_AFTER = 500;

    private final TextAnalysis analysis = new TextAnalysis();
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final MatchLimits limits;
    private final Map<String, AnalysedTarget> targets = new ConcurrentHashMap<>();
    private final Phrases phrases = new Phrases();

    public TargetIndex(MatchLimits limits) {
        this.limits = limits;
        try {
            writer = new IndexWriter(directory, new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.CREATE));
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds or replaces these targets (one given as it is indexed already is skipped); visible when it returns. */
    public synchronized void apply(Collection<Target> changed) {
        int written = 0;
        try {
            for (Target target : changed) {
                AnalysedTarget current = targets.get(target.key());
                if (current != null && current.target().equals(target)) {
                    continue;
                }
                AnalysedTarget analysed = analysis.target(target);
                analysed.facets().forEach(f -> phrases.add(f.facet().kind(), f.phrase()));
                writer.updateDocument(new Term(KEY, target.key()), document(analysed));
                targets.put(target.key(), analysed);
                if (current != null) {
                    current.facets().forEach(f -> phrases.remove(f.facet().kind(), f.phrase()));
                }
                written++;
            }
            if (written >= MERGE_AFTER) {
                // a bulk load leaves many small segments, and every term is looked up in each: merge them
                writer.forceMerge(1);
            }
            if (written > 0) {
                searchers.maybeRefreshBlocking();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes these targets (by {@link Target#key()}); unknown keys are ignored. */
    public synchronized void remove(Collection<String> keys) {
        int removed = 0;
        try {
            for (String key : keys) {
                AnalysedTarget gone = targets.remove(key);
                if (gone != null) {
                    writer.deleteDocuments(new Term(KEY, key));
                    gone.facets().forEach(f -> phrases.remove(f.facet().kind(), f.phrase()));
                    removed++;
                }
            }
            if (removed > 0) {
                searchers.maybeRefreshBlocking();
            }
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
        targets.values().forEach(t -> sizes.merge(t.target().kind(), 1L, Long::sum));
        return sizes;
    }

    /** The keys of the targets of this kind. */
    public List<String> keys(TargetKind kind) {
        String prefix = kind.code() + ':';
        return targets.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
    }

    public Optional<Target> get(String key) {
        return Optional.ofNullable(targets.get(key)).map(AnalysedTarget::target);
    }

    /** The targets {@code call} matches, best first within each kind, kinds in {@link TargetKind} order. */
    public List<Match> match(String callId, FundingCall call) {
        CallText text = analysis.call(callId, call);
        Map<String, Boolean> found = phrases.foundIn(text);
        Scorer.Found lookup = phrase -> found.get(phrase.key());
        Map<TargetKind, Query> labels = labels(found);
        List<Match> matches = new ArrayList<>();
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                for (TargetKind kind : TargetKind.values()) {
                    int cap = limits.cap(kind);
                    Query query = cap == 0 ? null : query(kind, text, labels.get(kind));
                    if (query == null) {
                        continue;
                    }
                    TopDocs top = searcher.search(query, new TopScoreDocCollectorManager(cap, cap));
                    List<Match> kept = new ArrayList<>(top.scoreDocs.length);
                    for (String key : keys(searcher, top.scoreDocs, limits.minScore())) {
                        AnalysedTarget target = targets.get(key);
                        if (target != null) {
                            Match match = Scorer.explain(text, target, lookup);
                            if (match.points() >= limits.minScore()) {
                                kept.add(match);
                            }
                        }
                    }
                    kept.sort(BEST_FIRST);
                    matches.addAll(kept);
                }
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return matches;
    }

    /** What {@link #match} finds, by looking for every label of every target in the call: the naive scan. */
    public List<Match> scan(String callId, FundingCall call) {
        CallText text = analysis.call(callId, call);
        Scorer.Found look = phrase -> Scorer.look(text, phrase);
        Map<TargetKind, PriorityQueue<Scored>> best = new EnumMap<>(TargetKind.class);
        for (AnalysedTarget target : targets.values()) {
            int points = Scorer.points(text, target, look);
            TargetKind kind = target.target().kind();
            int cap = limits.cap(kind);
            if (points == 0 || points < limits.minScore() || cap == 0) {
                continue;
            }
            PriorityQueue<Scored> kept = best.computeIfAbsent(kind, k -> new PriorityQueue<>(WORST_FIRST));
            Scored scored = new Scored(target, points);
            if (kept.size() < cap) {
                kept.add(scored);
            } else if (WORST_FIRST.compare(scored, kept.peek()) > 0) {
                kept.poll();
                kept.add(scored);
            }
        }
        List<Match> matches = new ArrayList<>();
        best.forEach((kind, kept) -> kept.stream().map(s -> Scorer.explain(text, s.target(), look))
                .sorted(BEST_FIRST).forEach(matches::add));
        return matches;
    }

    /** How {@code call} scores for each of {@code targets} (given, not looked up), those reaching the minimum. */
    public List<Match> score(String callId, FundingCall call, Collection<Target> given) {
        CallText text = analysis.call(callId, call);
        Scorer.Found look = phrase -> Scorer.look(text, phrase);
        List<Match> matches = new ArrayList<>();
        for (Target target : given) {
            AnalysedTarget indexed = targets.get(target.key());
            AnalysedTarget analysed = indexed != null && indexed.target().equals(target) ? indexed
                    : analysis.target(target);
            int points = Scorer.points(text, analysed, look);
            if (points > 0 && points >= limits.minScore()) {
                matches.add(Scorer.explain(text, analysed, look));
            }
        }
        matches.sort(BEST_FIRST);
        return matches;
    }

    /** Best first: more points, then the target's key, so equal sums come out in a stable order. */
    static final Comparator<Match> BEST_FIRST = Comparator.comparingInt(Match::points).reversed()
            .thenComparing(m -> m.target().key());

    private record Scored(AnalysedTarget target, int points) {
    }

    /** The heap's order: the worst on top (fewer points, then the later key). */
    private static final Comparator<Scored> WORST_FIRST = Comparator.comparingInt(Scored::points)
            .thenComparing(s -> s.target().target().key(), Comparator.reverseOrder());

    /**
     * Per kind of target, one clause per (kind of label, phrase found) that some target has, scoring that label's
     * points; none for a kind with no such clause.
     */
    private Map<TargetKind, Query> labels(Map<String, Boolean> found) {
        Map<TargetKind, List<Map.Entry<Integer, Query>>> perKind = new EnumMap<>(TargetKind.class);
        found.forEach((key, prominent) -> {
            Phrases.Entry entry = phrases.entry(key);
            if (entry == null) {
                return;
            }
            for (FacetKind kind : FacetKind.values()) {
                if (phrases.labelled(kind, entry.id)) {
                    int points = kind.points(prominent);
                    perKind.computeIfAbsent(kind.of, k -> new ArrayList<>()).add(Map.entry(points, new BoostQuery(
                            new ConstantScoreQuery(new TermQuery(new Term(kind.field(), entry.term))), points)));
                }
            }
        });
        Map<TargetKind, Query> queries = new EnumMap<>(TargetKind.class);
        perKind.forEach((kind, clauses) -> {
            if (clauses.size() > MAX_CLAUSES) {
                clauses.sort(Map.Entry.<Integer, Query>comparingByKey().reversed());
            }
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            clauses.stream().limit(MAX_CLAUSES).forEach(c -> any.add(c.getValue(), Occur.SHOULD));
            queries.put(kind, any.build());
        });
        return queries;
    }

    /** The query for one kind of target: its labels and bonuses, scored as {@link Scorer} does, within conditions. */
    private static Query query(TargetKind kind, CallText call, Query labels) {
        BooleanQuery.Builder fits = new BooleanQuery.Builder();
        int clauses = 0;
        if (labels != null) {
            fits.add(labels, Occur.SHOULD);
            clauses++;
        }
        if (kind == TargetKind.PROJECT) {
            fits.add(constant(TARGET_CALL, call.callId(), Scorer.TARGET_CALL), Occur.SHOULD);
            clauses++;
        }
        if (kind == TargetKind.WATCH) {
            fits.add(constant(CONDITIONS_ONLY, "true", Scorer.WATCH_CONDITIONS), Occur.SHOULD);
            clauses++;
        }
        if (clauses == 0) {
            return null;
        }
        // every clause of fits is on a field only targets of this kind have: no filter on the kind is needed
        BooleanQuery.Builder query = new BooleanQuery.Builder().add(fits.build(), Occur.MUST);
        if (!call.eligiblePlaces().isEmpty()) {
            query.add(anyOf(PLACE, call.eligiblePlaces()), Occur.FILTER);
            query.add(constant(HAS_PLACE, "true", Scorer.ELIGIBLE_PLACE), Occur.SHOULD);
        }
        if (kind == TargetKind.WATCH) {
            query.add(anyOf(PROGRAMME, call.programme() == null ? Set.of() : Set.of(call.programme())), Occur.FILTER);
            query.add(anyOf(CALL_KIND, Set.of(call.kind())), Occur.FILTER);
        }
        return query.build();
    }

    private static Query constant(String field, String value, float score) {
        return new BoostQuery(new ConstantScoreQuery(new TermQuery(new Term(field, value))), score);
    }

    /** The value {@link #ANY} (no condition), or any of {@code values}. */
    private static Query anyOf(String field, Set<String> values) {
        BooleanQuery.Builder any = new BooleanQuery.Builder().add(new TermQuery(new Term(field, ANY)), Occur.SHOULD);
        values.forEach(v -> any.add(new TermQuery(new Term(field, v)), Occur.SHOULD));
        return new ConstantScoreQuery(any.build());
    }

    /** The keys of the hits scoring at least {@code min}, read leaf by leaf in document order. */
    private static List<String> keys(IndexSearcher searcher, ScoreDoc[] hits, int min) throws IOException {
        int[] docs = java.util.Arrays.stream(hits).filter(h -> h.score >= min).mapToInt(h -> h.doc).sorted().toArray();
        List<String> keys = new ArrayList<>(docs.length);
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = null;
        BinaryDocValues values = null;
        for (int doc : docs) {
            if (leaf == null || doc >= leaf.docBase + leaf.reader().maxDoc()) {
                leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
                values = DocValues.getBinary(leaf.reader(), KEY_VALUE);
            }
            if (values.advanceExact(doc - leaf.docBase)) {
                keys.add(values.binaryValue().utf8ToString());
            }
        }
        return keys;
    }

    private Document document(AnalysedTarget analysed) {
        Target target = analysed.target();
        Document doc = new Document();
        doc.add(new StringField(KEY, target.key(), Field.Store.NO));
        doc.add(new BinaryDocValuesField(KEY_VALUE, new BytesRef(target.key())));
        doc.add(new StringField(KIND, target.kind().code(), Field.Store.NO));
        for (AnalysedFacet facet : analysed.facets()) {
            doc.add(new StringField(facet.facet().kind().field(), phrases.entry(facet.phrase().key()).term,
                    Field.Store.NO));
        }
        conditions(doc, PLACE, target.places());
        if (!target.places().isEmpty()) {
            doc.add(new StringField(HAS_PLACE, "true", Field.Store.NO));
        }
        conditions(doc, PROGRAMME, target.programmes());
        conditions(doc, CALL_KIND, target.callKinds());
        if (Scorer.watchesConditionsOnly(analysed)) {
            doc.add(new StringField(CONDITIONS_ONLY, "true", Field.Store.NO));
        }
        if (target.targetCallId() != null) {
            doc.add(new StringField(TARGET_CALL, target.targetCallId(), Field.Store.NO));
        }
        return doc;
    }

    private static void conditions(Document doc, String field, List<String> values) {
        if (values.isEmpty()) {
            doc.add(new StringField(field, ANY, Field.Store.NO));
        }
        values.forEach(v -> doc.add(new StringField(field, v, Field.Store.NO)));
    }

    /**
     * The distinct phrases of all labels: a number each, how many labels of each kind use it, and each under its
     * rarest term per language (the anchors). Written under the index's lock, read concurrently.
     */
    private static final class Phrases {

        private final Map<String, Entry> byKey = new ConcurrentHashMap<>();
        private final Map<String, Set<Entry>> anchorsEn = new ConcurrentHashMap<>();
        private final Map<String, Set<Entry>> anchorsFr = new ConcurrentHashMap<>();
        private final Map<String, Integer> termCounts = new HashMap<>();
        private final Map<Long, Integer> labelled = new ConcurrentHashMap<>();
        private int lastId;

        static final class Entry {
            final int id;
            /** The id as the index's term. */
            final String term;
            final Phrase phrase;
            final String anchorEn;
            final String anchorFr;
            int uses;

            Entry(int id, Phrase phrase, String anchorEn, String anchorFr) {
                this.id = id;
                this.term = Integer.toString(id, Character.MAX_RADIX);
                this.phrase = phrase;
                this.anchorEn = anchorEn;
                this.anchorFr = anchorFr;
            }
        }

        void add(FacetKind kind, Phrase phrase) {
            Entry entry = byKey.get(phrase.key());
            if (entry == null) {
                entry = new Entry(++lastId, phrase, rarest(phrase.en(), "en:"), rarest(phrase.fr(), "fr:"));
                phrase.en().forEach(t -> termCounts.merge("en:" + t, 1, Integer::sum));
                phrase.fr().forEach(t -> termCounts.merge("fr:" + t, 1, Integer::sum));
                if (entry.anchorEn != null) {
                    anchorsEn.computeIfAbsent(entry.anchorEn, t -> ConcurrentHashMap.newKeySet()).add(entry);
                }
                if (entry.anchorFr != null) {
                    anchorsFr.computeIfAbsent(entry.anchorFr, t -> ConcurrentHashMap.newKeySet()).add(entry);
                }
                byKey.put(phrase.key(), entry);
            }
            entry.uses++;
            labelled.merge(label(kind, entry.id), 1, Integer::sum);
        }

        void remove(FacetKind kind, Phrase phrase) {
            Entry entry = byKey.get(phrase.key());
            if (entry == null) {
                return;
            }
            labelled.computeIfPresent(label(kind, entry.id), (k, n) -> n <= 1 ? null : n - 1);
            if (--entry.uses > 0) {
                return;
            }
            byKey.remove(phrase.key());
            if (entry.anchorEn != null) {
                anchorsEn.computeIfPresent(entry.anchorEn, (t, set) -> set.remove(entry) && set.isEmpty() ? null : set);
            }
            if (entry.anchorFr != null) {
                anchorsFr.computeIfPresent(entry.anchorFr, (t, set) -> set.remove(entry) && set.isEmpty() ? null : set);
            }
            phrase.en().forEach(t -> termCounts.computeIfPresent("en:" + t, (k, n) -> n <= 1 ? null : n - 1));
            phrase.fr().forEach(t -> termCounts.computeIfPresent("fr:" + t, (k, n) -> n <= 1 ? null : n - 1));
        }

        private String rarest(List<String> terms, String prefix) {
            return terms.stream().min(Comparator.comparingInt(t -> termCounts.getOrDefault(prefix + t, 0)))
                    .orElse(null);
        }

        Entry entry(String key) {
            return byKey.get(key);
        }

        boolean labelled(FacetKind kind, int id) {
            return labelled.containsKey(label(kind, id));
        }

        private static long label(FacetKind kind, int id) {
            return ((long) kind.ordinal() << 32) | (id & 0xffffffffL);
        }

        /** The phrases in the call, by key: TRUE found prominently, FALSE in the description only. */
        Map<String, Boolean> foundIn(CallText call) {
            Map<String, Boolean> found = new HashMap<>();
            look(call, call.anyEn(), anchorsEn, found);
            look(call, call.anyFr(), anchorsFr, found);
            return found;
        }

        private static void look(CallText call, Set<String> terms, Map<String, Set<Entry>> anchors,
                                 Map<String, Boolean> found) {
            for (String term : terms) {
                Set<Entry> anchored = anchors.get(term);
                if (anchored == null) {
                    continue;
                }
                for (Entry entry : anchored) {
                    String key = entry.phrase.key();
                    if (Boolean.TRUE.equals(found.get(key))) {
                        continue;
                    }
                    Boolean where = Scorer.look(call, entry.phrase);
                    if (where != null) {
                        found.put(key, where);
                    }
                }
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
