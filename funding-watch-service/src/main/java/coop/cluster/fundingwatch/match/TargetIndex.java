package coop.cluster.fundingwatch.match;

import coop.cluster.fundingwatch.call.domain.FundingCall;
import coop.cluster.fundingwatch.match.MatchScratch.Candidates;
import coop.cluster.fundingwatch.match.PhraseDictionary.Entry;
import coop.cluster.fundingwatch.match.PhraseDictionary.SectorSet;
import coop.cluster.fundingwatch.match.TextAnalysis.AnalysedFacet;
import coop.cluster.fundingwatch.match.TextAnalysis.AnalysedTarget;
import coop.cluster.fundingwatch.match.TextAnalysis.CallText;
import coop.cluster.fundingwatch.match.TextAnalysis.CallWords;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The targets a funding call is matched against (members, groups, forming projects, watches), as an
 * inverted index in memory, and the matching itself. Plain Java, no Spring.
 *
 * <p>Every label of every target is a phrase of the {@link PhraseDictionary}, which knows each
 * distinct phrase once, by a number, with its terms as numbers, under its rarest term in each
 * language (its anchor). Each target has a number too (its slot), and for each kind of label and
 * phrase the index keeps the slots of the targets that carry it (a posting list, kept with the
 * phrase), as it keeps the projects aiming at each call and the watches that ask for conditions
 * only ({@link Postings}). Sector words are the exception: members with the same set of sector
 * words share one {@link SectorSet}, and each sector word lists the sets that have it.
 *
 * <p>Matching a call: (1) it is read as a {@link PhraseQuery}: the phrases anchored by one of its
 * terms whose terms are all in the call (in either language), and where; (2) the points of each
 * phrase found are added to every target on its posting lists, and the bonuses to the projects
 * aiming at the call and the watches on conditions; the sector words' points are summed per set,
 * each member found so far gets its set's sum, and the members of a set whose sum alone makes the
 * cut are added: no other target can score, and the sums are {@link Scorer}'s; (3) best first (a
 * counting sort on the sums), the conditions are checked where they can exclude and the eligible
 * place added, until the rest cannot make the cut; the best {@link MatchLimits#perKind} of each
 * kind are kept; (4) those are explained ({@link Scorer#explain}), best first, and kept when they
 * reach {@link MatchLimits#minScore}. The work grows with the phrases a call mentions and how many
 * targets carry them, not with the number of targets. Scoring every target by looking finds the
 * same matches (the naive scan of TargetIndexTest and MatchingBenchmark).
 *
 * <p>Invariants:
 *
 * <ul>
 *   <li>Writes ({@link #apply}, {@link #remove}) are serialised on the index; the dictionary,
 *       {@link #slotOf} and the sector sets are written under that lock only. A match runs
 *       concurrently with them, without a lock, each thread with its own {@link MatchScratch}.
 *   <li>Whatever a match reads is replaced whole, never changed in place: a posting list, a set's
 *       members, a term's anchored phrases, the slots: a match sees each before or after a write,
 *       never half of it.
 *   <li>A target's slot is filled (and published) before any list names it, and emptied only after
 *       none does; a slot a list names beyond the slots a match read is skipped.
 *   <li>A key keeps its slot, even once removed; a term keeps its number; a phrase, or a set of
 *       sector words, is forgotten once no target uses it.
 *   <li>The sums the index ranks by are {@link Scorer}'s; what a match reports comes from
 *       explaining the targets as they are then (re-sorted if one changed since it was scored).
 * </ul>
 */
public final class TargetIndex implements Closeable {

    private static final TargetKind[] KINDS = TargetKind.values();
    private static final FacetKind[] FACET_KINDS = FacetKind.values();

    /**
     * The key of the watches that ask for programmes or kinds only ({@link
     * Scorer#watchesConditionsOnly}).
     */
    private static final String CONDITIONS_ONLY = "conditions-only";

    /** The key of the projects aiming at a call, before the call's id. */
    private static final String AIMING = "aiming:";

    /** The labels grouped per set of them rather than listed per target: sector words. */
    private static final FacetKind GROUPED = FacetKind.SECTOR;

    private final TextAnalysis analysis = new TextAnalysis();
    private final MatchLimits limits;

    /** {@link MatchLimits#cap} by kind's ordinal, read for every candidate. */
    private final int[] caps;

    private final Map<String, AnalysedTarget> targets = new ConcurrentHashMap<>();
    private final PhraseDictionary phrases = new PhraseDictionary(analysis);

    /**
     * The slots of the targets that get a bonus without a label: {@link #CONDITIONS_ONLY}, {@link
     * #AIMING}.
     */
    private final Postings<String> bonuses = new Postings<>();

    /**
     * Each target's slot, by key; a key keeps its slot, even once removed (written under the lock).
     */
    private final Map<String, Integer> slotOf = new HashMap<>();

    /**
     * The targets by slot, each with its labels' phrases; null for a removed one. Published again
     * after every write.
     */
    private volatile Slot[] slots = new Slot[1_024];

    /**
     * Each slot's set of sector words' number ({@link SectorSet#id}), 0 for none. Published with
     * the slots.
     */
    private volatile int[] sectorSetOf = new int[1_024];

    /** Each matching thread's working arrays, cleared after each match. */
    private final ThreadLocal<MatchScratch> scratch = ThreadLocal.withInitial(MatchScratch::new);

    public TargetIndex(MatchLimits limits) {
        this.limits = limits;
        this.caps = Arrays.stream(KINDS).mapToInt(limits::cap).toArray();
    }

    /**
     * A target as indexed, the phrase of each of its labels (in the order of its labels) and the
     * phrases' numbers; whether it has places, and whether it asks for programmes or kinds (no need
     * to check conditions otherwise).
     */
    private record Slot(
            AnalysedTarget target,
            Entry[] phrases,
            int[] ids,
            boolean placed,
            boolean asks,
            long idPrefix,
            SectorSet sectors) {

        /** {@code target} with each label's phrase the dictionary's one instance of it. */
        static Slot of(AnalysedTarget analysed, Entry[] phrases, SectorSet sectors) {
            int[] ids = new int[phrases.length];
            List<AnalysedFacet> facets = new ArrayList<>(phrases.length);
            for (int i = 0; i < ids.length; i++) {
                ids[i] = phrases[i].id;
                facets.add(new AnalysedFacet(analysed.facets().get(i).facet(), phrases[i].phrase));
            }
            Target t = analysed.target();
            return new Slot(
                    new AnalysedTarget(t, List.copyOf(facets)),
                    phrases,
                    ids,
                    !t.places().isEmpty(),
                    !t.programmes().isEmpty() || !t.callKinds().isEmpty(),
                    Scored.prefix(t.id()),
                    sectors);
        }
    }

    /**
     * Adds or replaces these targets (one given as it is indexed already is skipped); visible when
     * it returns.
     */
    public synchronized void apply(Collection<Target> changed) {
        Postings.Changes<Label> labelChanges = new Postings.Changes<>();
        Postings.Changes<String> bonusChanges = new Postings.Changes<>();
        Postings.Changes<SectorSet> setChanges = new Postings.Changes<>();
        Slot[] filled = slots;
        int[] setOf = sectorSetOf;
        List<Slot> replaced = new ArrayList<>();
        for (Target target : changed) {
            AnalysedTarget current = targets.get(target.key());
            if (current != null && current.target().equals(target)) {
                continue;
            }
            Slot analysed = add(analysis.target(target));
            int slot = slotOf.computeIfAbsent(target.key(), k -> slotOf.size());
            if (slot >= filled.length) {
                filled = Arrays.copyOf(filled, Math.max(slot + 1, filled.length * 2));
                setOf = Arrays.copyOf(setOf, filled.length);
            }
            if (current != null) {
                Slot before = filled[slot];
                labels(before, slot, labelChanges::remove);
                bonuses(before.target(), slot, bonusChanges::remove);
                if (before.sectors() != null) {
                    setChanges.remove(before.sectors(), slot);
                }
                replaced.add(before);
            }
            labels(analysed, slot, labelChanges::add);
            bonuses(analysed.target(), slot, bonusChanges::add);
            if (analysed.sectors() != null) {
                setChanges.add(analysed.sectors(), slot);
            }
            filled[slot] = analysed;
            setOf[slot] = analysed.sectors() == null ? 0 : analysed.sectors().id;
            targets.put(target.key(), analysed.target());
        }
        // the slots first: a list never names a slot a match cannot read
        sectorSetOf = setOf;
        slots = filled;
        labelChanges.applyTo(Label::holders, Label::holders);
        bonusChanges.applyTo(bonuses::of, bonuses::put);
        setChanges.applyTo(set -> set.members, (set, members) -> set.members = members);
        replaced.forEach(this::forget);
    }

    /**
     * The target as indexed: its labels' phrases added to the dictionary, and its sector words' set
     * joined (members with the same sector words share one set: a call's sector words are summed
     * per set, not per member).
     */
    private Slot add(AnalysedTarget target) {
        Entry[] entries = phrases.add(target);
        List<AnalysedFacet> facets = target.facets();
        List<Entry> sectorWords = new ArrayList<>();
        for (int i = 0; i < facets.size(); i++) {
            if (facets.get(i).facet().kind() == GROUPED) {
                sectorWords.add(entries[i]);
            }
        }
        return Slot.of(target, entries, phrases.joinSectorSet(sectorWords));
    }

    /**
     * The phrases and the set of sector words of a target no longer indexed, once nothing else uses
     * them.
     */
    private void forget(Slot gone) {
        phrases.leaveSectorSet(gone.sectors());
        phrases.remove(gone.phrases());
    }

    /** Removes these targets (by {@link Target#key()}); unknown keys are ignored. */
    public synchronized void remove(Collection<String> keys) {
        Postings.Changes<Label> labelChanges = new Postings.Changes<>();
        Postings.Changes<String> bonusChanges = new Postings.Changes<>();
        Postings.Changes<SectorSet> setChanges = new Postings.Changes<>();
        Slot[] filled = slots;
        List<Slot> removed = new ArrayList<>();
        List<Integer> emptied = new ArrayList<>();
        for (String key : keys) {
            if (targets.remove(key) != null) {
                int slot = slotOf.get(key);
                Slot gone = filled[slot];
                labels(gone, slot, labelChanges::remove);
                bonuses(gone.target(), slot, bonusChanges::remove);
                if (gone.sectors() != null) {
                    setChanges.remove(gone.sectors(), slot);
                }
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
        setChanges.applyTo(set -> set.members, (set, members) -> set.members = members);
        int[] setOf = sectorSetOf;
        emptied.forEach(
                slot -> {
                    filled[slot] = null;
                    setOf[slot] = 0;
                });
        sectorSetOf = setOf;
        slots = filled;
        removed.forEach(this::forget);
    }

    /**
     * Calls {@code to} with each label of {@code target} (a kind of label and a phrase) and its
     * slot; sector words aside (their sets list their members).
     */
    private static void labels(Slot target, int slot, Postings.Change<Label> to) {
        List<AnalysedFacet> facets = target.target().facets();
        for (int i = 0; i < facets.size(); i++) {
            FacetKind kind = facets.get(i).facet().kind();
            if (kind != GROUPED) {
                to.accept(new Label(target.phrases()[i], kind), slot);
            }
        }
    }

    /** A kind of label and a phrase: its posting list is kept with the phrase. */
    private record Label(Entry phrase, FacetKind kind) {

        int[] holders() {
            return phrase.holders[kind.ordinal()];
        }

        void holders(int[] slots) {
            int[][] all = phrase.holders.clone();
            all[kind.ordinal()] = slots;
            phrase.holders = all;
        }
    }

    private static void bonuses(AnalysedTarget target, int slot, Postings.Change<String> to) {
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

    /** The target indexed under {@code key}, as it was given. */
    public Optional<Target> get(String key) {
        return Optional.ofNullable(targets.get(key)).map(AnalysedTarget::target);
    }

    /**
     * The targets {@code call} matches, best first within each kind, kinds in {@link TargetKind}
     * order.
     */
    public List<Match> match(String callId, FundingCall call) {
        CallWords words = analysis.words(call);
        CallText text = analysis.conditions(callId, call);
        MatchScratch work = scratch.get();
        try {
            return match(callId, words, text, work);
        } finally {
            work.clear();
        }
    }

    private List<Match> match(String callId, CallWords words, CallText text, MatchScratch work) {
        PhraseQuery found = PhraseQuery.of(phrases, words, work.en, work.fr, work.found);
        Slot[] all = slots;
        // (2) the sums of the labels found and of the bonuses, for the targets that have any
        int[] setOf = sectorSetOf;
        int[] points = work.points(all.length);
        Candidates[] candidates = work.candidates;
        boolean grouped = caps[GROUPED.of.ordinal()] > 0;
        for (int f = 0; f < found.size; f++) {
            Entry entry = found.entries[f];
            int[][] holders = entry.holders;
            boolean prominent = found.prominent[f];
            for (FacetKind kind : FACET_KINDS) {
                int of = kind.of.ordinal();
                if (caps[of] > 0 && kind != GROUPED) {
                    candidates[of].add(holders[kind.ordinal()], kind.points(prominent), points);
                }
            }
            if (grouped) {
                for (SectorSet set : entry.sectorSets) {
                    work.add(set, GROUPED.points(prominent));
                }
            }
        }
        candidates[TargetKind.PROJECT.ordinal()].add(
                bonuses.of(AIMING + callId), Scorer.TARGET_CALL, points);
        candidates[TargetKind.WATCH.ordinal()].add(
                bonuses.of(CONDITIONS_ONLY), Scorer.WATCH_CONDITIONS, points);
        boolean placed = !text.eligiblePlaces().isEmpty();
        int least = limits.minScore() - (placed ? Scorer.ELIGIBLE_PLACE : 0);
        if (grouped) {
            // the sector words: the members found otherwise get their set's sum; the others can
            // make the cut only
            // when that sum alone does, so only those sets' members are read
            Candidates members = candidates[GROUPED.of.ordinal()];
            int[] sums = work.setSums;
            for (int i = 0, n = members.size; i < n; i++) {
                int slot = members.slots[i];
                int set = slot < setOf.length ? setOf[slot] : 0;
                if (set != 0 && set < sums.length) {
                    points[slot] += sums[set];
                }
            }
            for (int i = 0; i < work.setsSummed; i++) {
                SectorSet set = work.sets[i];
                if (sums[set.id] >= least) {
                    members.addNew(set.members, sums[set.id], points);
                }
            }
        }
        // (3) best first, the conditions and the eligible place, until the rest cannot make the cut
        List<Match> matches = new ArrayList<>();
        for (TargetKind kind : KINDS) {
            int cap = caps[kind.ordinal()];
            if (cap == 0) {
                continue;
            }
            // the best so far: a list while fewer than the cap, a heap (the worst on top) from then
            // on
            List<Scored> kept = new ArrayList<>();
            PriorityQueue<Scored> heap = null;
            for (int slot : candidates[kind.ordinal()].best(points, least)) {
                int sum = points[slot];
                if (heap != null && sum + Scorer.ELIGIBLE_PLACE < heap.peek().points()) {
                    break; // nor can any after it, even with the eligible place
                }
                Slot target = all[slot];
                if (target == null) {
                    continue;
                }
                boolean checked = target.asks() || placed && target.placed();
                if (checked && !Scorer.fitsConditions(text, target.target().target())) {
                    continue;
                }
                if (placed && target.placed()) {
                    sum += Scorer.ELIGIBLE_PLACE;
                }
                if (sum < limits.minScore()) {
                    continue;
                }
                Scored scored = new Scored(target.target(), target.ids(), target.idPrefix(), sum);
                if (heap != null) {
                    keep(heap, scored, cap);
                } else {
                    kept.add(scored);
                    if (kept.size() > cap) {
                        heap = new PriorityQueue<>(WORST_FIRST);
                        heap.addAll(kept);
                        heap.poll();
                    }
                }
            }
            if (heap != null) {
                kept = new ArrayList<>(heap);
            }
            kept.sort(BEST_SCORED_FIRST);
            // (4) explained as they are now
            int from = matches.size();
            boolean asScored = true;
            for (Scored scored : kept) {
                int[] labels = scored.phrases();
                Match match =
                        Scorer.explain(
                                text, scored.target(), (i, phrase) -> found.where(labels[i]));
                asScored &= match.points() == scored.points();
                if (match.points() >= limits.minScore()) {
                    matches.add(match);
                }
            }
            if (!asScored) {
                // in order already, unless a target changed since it was scored: then this sorts it
                matches.subList(from, matches.size()).sort(BEST_FIRST);
            }
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

    /**
     * The targets as indexed, each with its labels analysed: what the naive scan (in the tests)
     * looks at.
     */
    Collection<AnalysedTarget> analysedTargets() {
        return targets.values();
    }

    MatchLimits limits() {
        return limits;
    }

    /**
     * How {@code call} scores for each of {@code targets} (given, not looked up), those reaching
     * the minimum.
     */
    public List<Match> score(String callId, FundingCall call, Collection<Target> given) {
        CallText text = analysis.call(callId, call);
        Scorer.Found look = (i, phrase) -> Scorer.look(text, phrase);
        List<Match> matches = new ArrayList<>();
        for (Target target : given) {
            AnalysedTarget indexed = targets.get(target.key());
            AnalysedTarget analysed =
                    indexed != null && indexed.target().equals(target)
                            ? indexed
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
     * Best first: more points, then the target's key ({@code kind:id}, compared as its two parts
     * without making it), so equal sums come out in a stable order.
     */
    static final Comparator<Match> BEST_FIRST =
            Comparator.comparingInt(Match::points)
                    .reversed()
                    .thenComparing(m -> m.target().kind().code())
                    .thenComparing(m -> m.target().id());

    /** A target with its sum; with its labels' phrases when the index scored it. */
    private record Scored(AnalysedTarget target, int[] phrases, long idPrefix, int points) {

        /**
         * The first 8 characters of {@code id}, a byte each, zero-padded: ordered as the ids are,
         * when they differ and both are known; 0 (unknown) for an id with a character beyond
         * Latin-1 or a NUL among them.
         */
        static long prefix(String id) {
            long prefix = 0;
            for (int i = 0; i < 8; i++) {
                int c = i < id.length() ? id.charAt(i) : 0;
                if (i < id.length() && (c == 0 || c > 0xFF)) {
                    return 0;
                }
                prefix = prefix << 8 | c;
            }
            return prefix;
        }

        /** As the ids compare, from their prefixes when those tell. */
        static int compareIds(Scored a, Scored b) {
            if (a.idPrefix != b.idPrefix && a.idPrefix != 0 && b.idPrefix != 0) {
                return Long.compareUnsigned(a.idPrefix, b.idPrefix);
            }
            return a.target.target().id().compareTo(b.target.target().id());
        }
    }

    /**
     * The heap's order, within one kind: the worst on top (fewer points, then the later key, that
     * is id).
     */
    private static final Comparator<Scored> WORST_FIRST =
            (a, b) -> {
                int byPoints = Integer.compare(a.points(), b.points());
                return byPoints != 0 ? byPoints : Scored.compareIds(b, a);
            };

    /** The reverse: more points, then the earlier id. */
    private static final Comparator<Scored> BEST_SCORED_FIRST =
            (a, b) -> {
                int byPoints = Integer.compare(b.points(), a.points());
                return byPoints != 0 ? byPoints : Scored.compareIds(a, b);
            };

    @Override
    public void close() {
        analysis.close();
    }
}
