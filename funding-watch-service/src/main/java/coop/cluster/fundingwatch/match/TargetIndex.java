package coop.cluster.fundingwatch.match;

import coop.cluster.fundingwatch.call.domain.FundingCall;
import coop.cluster.fundingwatch.match.TextAnalysis.AnalysedFacet;
import coop.cluster.fundingwatch.match.TextAnalysis.AnalysedTarget;
import coop.cluster.fundingwatch.match.TextAnalysis.CallText;
import coop.cluster.fundingwatch.match.TextAnalysis.Phrase;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The targets a funding call is matched against (members, groups, forming projects, watches), as an inverted index
 * in memory, and the matching itself. Plain Java, no Spring.
 *
 * <p>Every label of every target is a phrase: its stemmed terms in English and in French. Phrases are shared: the
 * index knows each distinct phrase once, by a number, and by its rarest term in each language (its anchor). Each
 * target has a number too (its slot), and for each kind of label and phrase the index keeps the slots of the targets
 * that carry it (a posting list), as it keeps the projects aiming at each call and the watches that ask for
 * conditions only.
 *
 * <p>Matching a call: (1) the phrases found in the call: those anchored by one of the call's terms whose terms are
 * all in the call (in either language), and where (prominently, or in the description only); (2) the points of each
 * phrase found are added to every target on its posting lists, and the bonuses to the projects aiming at the call
 * and the watches on conditions: these are the targets that can score, their sums as {@link Scorer} makes them;
 * (3) the conditions are checked on those only, the eligible place added, and the best {@link MatchLimits#perKind}
 * of each kind kept, as {@link #scan} keeps them; (4) those are explained ({@link Scorer#explain}), and kept when they
 * reach {@link MatchLimits#minScore}. The work grows with the phrases a call mentions and how many targets carry
 * them, not with the number of targets. {@link #scan} scores every target by looking, the naive baseline: it finds
 * the same matches (TargetIndexTest).
 *
 * <p>Writes are serialised; a match runs concurrently with them. A posting list is replaced whole, a target's slot
 * is filled before any list names it and emptied after none does, so a match sees each list before or after a
 * write, never half of it; what it reports comes from explaining the targets as they are then.
 */
public final class TargetIndex implements Closeable {

    private static final int[] NONE = {};
    /** The key of the watches that ask for programmes or kinds only ({@link Scorer#watchesConditionsOnly}). */
    private static final String CONDITIONS_ONLY = "conditions-only";
    /** The key of the projects aiming at a call, before the call's id. */
    private static final String AIMING = "aiming:";

    private final TextAnalysis analysis = new TextAnalysis();
    private final MatchLimits limits;
    /** {@link MatchLimits#cap} by kind's ordinal, read for every candidate. */
    private final int[] caps;
    private final Map<String, AnalysedTarget> targets = new ConcurrentHashMap<>();
    private final Phrases phrases = new Phrases();
    /** The slots of the targets that get a bonus without a label: {@link #CONDITIONS_ONLY}, {@link #AIMING}. */
    private final Postings<String> bonuses = new Postings<>();
    /** Each target's slot, by key; a key keeps its slot, even once removed (written under the lock). */
    private final Map<String, Integer> slotOf = new HashMap<>();
    /** The targets by slot; null for a removed one. Published again after every write. */
    private volatile AnalysedTarget[] slots = new AnalysedTarget[1_024];

    public TargetIndex(MatchLimits limits) {
        this.limits = limits;
        this.caps = Arrays.stream(TargetKind.values()).mapToInt(limits::cap).toArray();
    }

    /** Adds or replaces these targets (one given as it is indexed already is skipped); visible when it returns. */
    public synchronized void apply(Collection<Target> changed) {
        Changes<Label> labelChanges = new Changes<>();
        Changes<String> bonusChanges = new Changes<>();
        AnalysedTarget[] filled = slots;
        List<AnalysedTarget> replaced = new ArrayList<>();
        for (Target target : changed) {
            AnalysedTarget current = targets.get(target.key());
            if (current != null && current.target().equals(target)) {
                continue;
            }
            AnalysedTarget analysed = phrases.add(analysis.target(target));
            int slot = slotOf.computeIfAbsent(target.key(), k -> slotOf.size());
            if (slot >= filled.length) {
                filled = Arrays.copyOf(filled, Math.max(slot + 1, filled.length * 2));
            }
            if (current != null) {
                labels(current, slot, labelChanges::remove);
                bonuses(current, slot, bonusChanges::remove);
                replaced.add(current);
            }
            labels(analysed, slot, labelChanges::add);
            bonuses(analysed, slot, bonusChanges::add);
            filled[slot] = analysed;
            targets.put(target.key(), analysed);
        }
        // the slots first: a list never names a slot a match cannot read
        slots = filled;
        labelChanges.applyTo(Label::holders, Label::holders);
        bonusChanges.applyTo(bonuses::of, bonuses::put);
        replaced.forEach(gone -> gone.facets().forEach(f -> phrases.remove(f.phrase())));
    }

    /** Removes these targets (by {@link Target#key()}); unknown keys are ignored. */
    public synchronized void remove(Collection<String> keys) {
        Changes<Label> labelChanges = new Changes<>();
        Changes<String> bonusChanges = new Changes<>();
        List<AnalysedTarget> removed = new ArrayList<>();
        List<Integer> emptied = new ArrayList<>();
        for (String key : keys) {
            AnalysedTarget gone = targets.remove(key);
            if (gone != null) {
                int slot = slotOf.get(key);
                labels(gone, slot, labelChanges::remove);
                bonuses(gone, slot, bonusChanges::remove);
                removed.add(gone);
                emptied.add(slot);
            }
        }
        if (removed.isEmpty()) {
            return;
        }
        // the lists first: a slot is emptied once no list names it
        labelChanges.applyTo(Label::holders, Label::holders);
        bonusChanges.applyTo(bonuses::of, bonuses::put);
        AnalysedTarget[] filled = slots;
        emptied.forEach(slot -> filled[slot] = null);
        slots = filled;
        removed.forEach(gone -> gone.facets().forEach(f -> phrases.remove(f.phrase())));
    }

    /** Calls {@code to} with each label of {@code target} (a kind of label and a phrase) and its slot. */
    private void labels(AnalysedTarget target, int slot, Change<Label> to) {
        for (AnalysedFacet facet : target.facets()) {
            to.accept(new Label(phrases.entry(facet.phrase().key()), facet.facet().kind()), slot);
        }
    }

    /** A kind of label and a phrase: its posting list is kept with the phrase. */
    private record Label(Phrases.Entry phrase, FacetKind kind) {

        int[] holders() {
            return phrase.holders[kind.ordinal()];
        }

        void holders(int[] slots) {
            int[][] all = phrase.holders.clone();
            all[kind.ordinal()] = slots;
            phrase.holders = all;
        }
    }

    private static void bonuses(AnalysedTarget target, int slot, Change<String> to) {
        if (Scorer.watchesConditionsOnly(target)) {
            to.accept(CONDITIONS_ONLY, slot);
        }
        if (target.target().targetCallId() != null) {
            to.accept(AIMING + target.target().targetCallId(), slot);
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
        Phrases.Found found = phrases.foundIn(text);
        AnalysedTarget[] all = slots;
        // (2) the sums of the labels found and of the bonuses, for the targets that have any
        int[] points = new int[all.length];
        Candidates[] candidates = new Candidates[caps.length];
        for (TargetKind kind : TargetKind.values()) {
            candidates[kind.ordinal()] = new Candidates();
        }
        found.phrases().forEach((phrase, prominent) -> {
            int[][] holders = phrase.holders;
            for (FacetKind kind : FacetKind.values()) {
                if (caps[kind.of.ordinal()] > 0) {
                    candidates[kind.of.ordinal()].add(holders[kind.ordinal()], kind.points(prominent), points);
                }
            }
        });
        candidates[TargetKind.PROJECT.ordinal()].add(bonuses.of(AIMING + callId), Scorer.TARGET_CALL, points);
        candidates[TargetKind.WATCH.ordinal()].add(bonuses.of(CONDITIONS_ONLY), Scorer.WATCH_CONDITIONS, points);
        // (3) best first, the conditions and the eligible place, until the rest cannot make the cut
        boolean placed = !text.eligiblePlaces().isEmpty();
        int least = limits.minScore() - (placed ? Scorer.ELIGIBLE_PLACE : 0);
        Scorer.Found lookup = found.byPhrase()::get;
        List<Match> matches = new ArrayList<>();
        for (TargetKind kind : TargetKind.values()) {
            int cap = caps[kind.ordinal()];
            if (cap == 0) {
                continue;
            }
            PriorityQueue<Scored> kept = new PriorityQueue<>(WORST_FIRST);
            for (long ranked : candidates[kind.ordinal()].best(points, least)) {
                int sum = (int) (ranked >>> 32);
                if (kept.size() >= cap && sum + Scorer.ELIGIBLE_PLACE < kept.peek().points()) {
                    break; // nor can any after it, even with the eligible place
                }
                AnalysedTarget target = all[(int) ranked];
                if (target == null || !Scorer.fitsConditions(text, target.target())) {
                    continue;
                }
                if (placed && !target.target().places().isEmpty()) {
                    sum += Scorer.ELIGIBLE_PLACE;
                }
                if (sum >= limits.minScore()) {
                    keep(kept, new Scored(target, sum), cap);
                }
            }
            // (4) explained as they are now
            kept.stream().map(s -> Scorer.explain(text, s.target(), lookup))
                    .filter(m -> m.points() >= limits.minScore()).sorted(BEST_FIRST).forEach(matches::add);
        }
        return matches;
    }

    /** Adds {@code scored} to the best so far, at most {@code cap} of them. */
    private static void keep(PriorityQueue<Scored> kept, Scored scored, int cap) {
        if (kept.size() < cap) {
            kept.add(scored);
        } else if (WORST_FIRST.compare(scored, kept.peek()) > 0) {
            kept.poll();
            kept.add(scored);
        }
    }

    /** The slots of one kind of target with points, each once. */
    private static final class Candidates {
        private int[] slots = new int[64];
        private int size;

        void add(int[] holders, int add, int[] points) {
            for (int slot : holders) {
                if (slot >= points.length) {
                    continue; // written after this match read the slots
                }
                if (points[slot] == 0) {
                    if (size == slots.length) {
                        slots = Arrays.copyOf(slots, size * 2);
                    }
                    slots[size++] = slot;
                }
                points[slot] += add;
            }
        }

        /** Those with at least {@code least} points, most points first: each its points, then its slot. */
        long[] best(int[] points, int least) {
            long[] ranked = new long[size];
            int n = 0;
            for (int i = 0; i < size; i++) {
                int sum = points[slots[i]];
                if (sum >= least) {
                    ranked[n++] = -(((long) sum << 32) | slots[i]);
                }
            }
            ranked = Arrays.copyOf(ranked, n);
            Arrays.sort(ranked);
            for (int i = 0; i < n; i++) {
                ranked[i] = -ranked[i];
            }
            return ranked;
        }
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
            keep(best.computeIfAbsent(kind, k -> new PriorityQueue<>(WORST_FIRST)), new Scored(target, points), cap);
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

    /**
     * Best first: more points, then the target's key ({@code kind:id}, compared as its two parts without making it),
     * so equal sums come out in a stable order.
     */
    static final Comparator<Match> BEST_FIRST = Comparator.comparingInt(Match::points).reversed()
            .thenComparing(m -> m.target().kind().code()).thenComparing(m -> m.target().id());

    private record Scored(AnalysedTarget target, int points) {
    }

    /** The heap's order, within one kind: the worst on top (fewer points, then the later key, that is id). */
    private static final Comparator<Scored> WORST_FIRST = Comparator.comparingInt(Scored::points)
            .thenComparing(s -> s.target().target().id(), Comparator.reverseOrder());

    /** A change to posting lists: a key and a slot. */
    @FunctionalInterface
    private interface Change<K> {
        void accept(K key, int slot);
    }

    /** The changes of one write to posting lists: per key, whether each slot changed ends in it (the last says). */
    private static final class Changes<K> {
        private final Map<K, Map<Integer, Boolean>> changes = new HashMap<>();

        void remove(K key, int slot) {
            changes.computeIfAbsent(key, k -> new HashMap<>()).put(slot, false);
        }

        void add(K key, int slot) {
            changes.computeIfAbsent(key, k -> new HashMap<>()).put(slot, true);
        }

        /** Each list changed is replaced by a new one. */
        void applyTo(Function<K, int[]> lists, BiConsumer<K, int[]> replace) {
            changes.forEach((key, slots) -> {
                Set<Integer> now = new LinkedHashSet<>();
                for (int slot : lists.apply(key)) {
                    now.add(slot);
                }
                slots.forEach((slot, in) -> {
                    if (in) {
                        now.add(slot);
                    } else {
                        now.remove(slot);
                    }
                });
                replace.accept(key, now.stream().mapToInt(Integer::intValue).toArray());
            });
        }
    }

    /** Posting lists: per key, the slots of the targets that have it; each list is replaced whole, never changed. */
    private static final class Postings<K> {
        private final Map<K, int[]> lists = new ConcurrentHashMap<>();

        int[] of(K key) {
            return lists.getOrDefault(key, NONE);
        }

        void put(K key, int[] slots) {
            if (slots.length == 0) {
                lists.remove(key);
            } else {
                lists.put(key, slots);
            }
        }
    }

    /**
     * The distinct phrases of all labels: a number each, how many labels use it, and each under its rarest term per
     * language (the anchors). Written under the index's lock, read concurrently.
     */
    private static final class Phrases {

        private final Map<String, Entry> byKey = new ConcurrentHashMap<>();
        private final Map<String, Set<Entry>> anchorsEn = new ConcurrentHashMap<>();
        private final Map<String, Set<Entry>> anchorsFr = new ConcurrentHashMap<>();
        private final Map<String, Integer> termCounts = new HashMap<>();
        private int lastId;

        static final class Entry {
            final int id;
            final Phrase phrase;
            final String anchorEn;
            final String anchorFr;
            int uses;
            /** Per kind of label, the slots of the targets that carry this phrase; replaced whole. */
            volatile int[][] holders = new int[FacetKind.values().length][];

            Entry(int id, Phrase phrase, String anchorEn, String anchorFr) {
                this.id = id;
                this.phrase = phrase;
                this.anchorEn = anchorEn;
                this.anchorFr = anchorFr;
                Arrays.fill(holders, NONE);
            }
        }

        /**
         * Adds the phrases of {@code target}'s labels; the target as indexed, each label with the phrase's one
         * instance, which a call's phrases found are looked up by.
         */
        AnalysedTarget add(AnalysedTarget target) {
            List<AnalysedFacet> facets = new ArrayList<>(target.facets().size());
            for (AnalysedFacet facet : target.facets()) {
                add(facet.phrase());
                facets.add(new AnalysedFacet(facet.facet(), byKey.get(facet.phrase().key()).phrase));
            }
            return new AnalysedTarget(target.target(), List.copyOf(facets));
        }

        private void add(Phrase phrase) {
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
        }

        void remove(Phrase phrase) {
            Entry entry = byKey.get(phrase.key());
            if (entry == null || --entry.uses > 0) {
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

        /**
         * The phrases in the call, by key and as entries: TRUE found prominently, FALSE in the description only.
         * Each phrase is looked for once per language, through its anchor, in that language only; where it is
         * found is then as {@link Scorer#look} says.
         */
        record Found(Map<Phrase, Boolean> byPhrase, Map<Entry, Boolean> phrases) {
        }

        Found foundIn(CallText call) {
            Found found = new Found(new IdentityHashMap<>(), new HashMap<>());
            look(call, call.anyEn(), anchorsEn, Phrase::en, found, false);
            look(call, call.anyFr(), anchorsFr, Phrase::fr, found, true);
            return found;
        }

        private static void look(CallText call, Set<String> terms, Map<String, Set<Entry>> anchors,
                                 Function<Phrase, List<String>> language, Found found, boolean again) {
            for (String term : terms) {
                Set<Entry> anchored = anchors.get(term);
                if (anchored == null) {
                    continue;
                }
                for (Entry entry : anchored) {
                    // each phrase has one anchor per language: only the second language may find it again
                    if (terms.containsAll(language.apply(entry.phrase))
                            && !(again && found.phrases().containsKey(entry))) {
                        Boolean where = Scorer.look(call, entry.phrase);
                        found.phrases().put(entry, where);
                        found.byPhrase().put(entry.phrase, where);
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        analysis.close();
    }
}
