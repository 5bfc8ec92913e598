package coop.cluster.fundingwatch.match;

import coop.cluster.fundingwatch.call.domain.FundingCall;
import coop.cluster.fundingwatch.match.TextAnalysis.AnalysedFacet;
import coop.cluster.fundingwatch.match.TextAnalysis.AnalysedTarget;
import coop.cluster.fundingwatch.match.TextAnalysis.CallText;
import coop.cluster.fundingwatch.match.TextAnalysis.CallWords;
import coop.cluster.fundingwatch.match.TextAnalysis.Phrase;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
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
 * index knows each distinct phrase once, by a number, with its terms as numbers, under its rarest term in each
 * language (its anchor). Each target has a number too (its slot), and for each kind of label and phrase the index
 * keeps the slots of the targets that carry it (a posting list), as it keeps the projects aiming at each call and
 * the watches that ask for conditions only. Sector words are the exception: members with the same set of sector
 * words share one {@link SectorSet}, and each sector word lists the sets that have it.
 *
 * <p>Matching a call: (1) its words are read into the numbers of the terms the phrases have (a word's terms are
 * cached), marked prominent or in the description; the phrases found are those anchored by one of the call's terms
 * whose terms are all marked (in either language), and where; (2) the points of each phrase found are added to
 * every target on its posting lists, and the bonuses to the projects aiming at the call and the watches on
 * conditions; the sector words' points are summed per set, each member found so far gets its set's sum, and the
 * members of a set whose sum alone makes the cut are added: no other target can score, and the sums are
 * {@link Scorer}'s; (3) best first (a counting sort on the sums), the conditions are checked where they can exclude
 * and the eligible place added, until the rest cannot make the cut; the best {@link MatchLimits#perKind} of each
 * kind are kept, as {@link #scan} keeps them; (4) those are explained ({@link Scorer#explain}), best first, and kept
 * when they reach {@link MatchLimits#minScore}. The work grows with the phrases a call mentions and how many
 * targets carry them, not with the number of targets. {@link #scan} scores every target by looking, the naive
 * baseline: it finds the same matches (TargetIndexTest).
 *
 * <p>Writes are serialised; a match runs concurrently with them, each thread with its own working arrays. A posting
 * list (and a set's members) is replaced whole, a target's slot is filled before any list names it and emptied after
 * none does, so a match sees each list before or after a
 * write, never half of it; what it reports comes from explaining the targets as they are then.
 */
public final class TargetIndex implements Closeable {

    private static final int[] NONE = {};
    private static final TargetKind[] KINDS = TargetKind.values();
    private static final FacetKind[] FACET_KINDS = FacetKind.values();
    /** The key of the watches that ask for programmes or kinds only ({@link Scorer#watchesConditionsOnly}). */
    private static final String CONDITIONS_ONLY = "conditions-only";
    /** The key of the projects aiming at a call, before the call's id. */
    private static final String AIMING = "aiming:";

    private final TextAnalysis analysis = new TextAnalysis();
    private final MatchLimits limits;
    /** {@link MatchLimits#cap} by kind's ordinal, read for every candidate. */
    private final int[] caps;
    private final Map<String, AnalysedTarget> targets = new ConcurrentHashMap<>();
    private final Phrases phrases = new Phrases(analysis);
    /** The slots of the targets that get a bonus without a label: {@link #CONDITIONS_ONLY}, {@link #AIMING}. */
    private final Postings<String> bonuses = new Postings<>();
    /** Each target's slot, by key; a key keeps its slot, even once removed (written under the lock). */
    private final Map<String, Integer> slotOf = new HashMap<>();
    /** The targets by slot, each with its labels' phrases; null for a removed one. Published again after every write. */
    private volatile Slot[] slots = new Slot[1_024];
    /** The sets of sector words members have, by their words' numbers (written under the lock). */
    private final Map<String, SectorSet> sectorSets = new HashMap<>();
    private int lastSectorSet;
    /** Each slot's set of sector words' number ({@link SectorSet#id}), 0 for none. Published with the slots. */
    private volatile int[] sectorSetOf = new int[1_024];
    /** Each matching thread's working arrays, cleared after each match. */
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    public TargetIndex(MatchLimits limits) {
        this.limits = limits;
        this.caps = Arrays.stream(KINDS).mapToInt(limits::cap).toArray();
    }

    /**
     * A target as indexed, the phrase of each of its labels (in the order of its labels) and the phrases' numbers;
     * whether it has places, and whether it asks for programmes or kinds (no need to check conditions otherwise).
     */
    private record Slot(AnalysedTarget target, Phrases.Entry[] phrases, int[] ids, boolean placed, boolean asks,
                        long idPrefix, SectorSet sectors) {

        Slot with(SectorSet set) {
            return new Slot(target, phrases, ids, placed, asks, idPrefix, set);
        }

        static Slot of(AnalysedTarget target, Phrases.Entry[] phrases) {
            int[] ids = new int[phrases.length];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = phrases[i].id;
            }
            Target t = target.target();
            return new Slot(target, phrases, ids, !t.places().isEmpty(),
                    !t.programmes().isEmpty() || !t.callKinds().isEmpty(), Scored.prefix(t.id()), null);
        }
    }

    /** Adds or replaces these targets (one given as it is indexed already is skipped); visible when it returns. */
    public synchronized void apply(Collection<Target> changed) {
        Changes<Label> labelChanges = new Changes<>();
        Changes<String> bonusChanges = new Changes<>();
        Changes<SectorSet> setChanges = new Changes<>();
        Slot[] filled = slots;
        int[] setOf = sectorSetOf;
        List<Slot> replaced = new ArrayList<>();
        for (Target target : changed) {
            AnalysedTarget current = targets.get(target.key());
            if (current != null && current.target().equals(target)) {
                continue;
            }
            Slot analysed = phrases.add(analysis.target(target));
            analysed = analysed.with(joinSectorSet(analysed));
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

    /** The phrases and the set of sector words of a target no longer indexed, once nothing else uses them. */
    private void forget(Slot gone) {
        SectorSet set = gone.sectors();
        if (set != null && --set.uses == 0) {
            sectorSets.remove(set.key);
            for (Phrases.Entry word : set.words) {
                word.sectorSets = Phrases.without(word.sectorSets, set);
            }
        }
        phrases.remove(gone);
    }

    /**
     * The set of sector words of this target (null for none), which it joins. Members with the same sector words
     * share one set: a call's sector words are summed per set, not per member.
     */
    private SectorSet joinSectorSet(Slot target) {
        List<AnalysedFacet> facets = target.target().facets();
        List<Phrases.Entry> words = new ArrayList<>();
        for (int i = 0; i < facets.size(); i++) {
            if (facets.get(i).facet().kind() == GROUPED) {
                words.add(target.phrases()[i]);
            }
        }
        if (words.isEmpty()) {
            return null;
        }
        words.sort(Comparator.comparingInt(e -> e.id));
        StringBuilder key = new StringBuilder();
        words.forEach(e -> key.append(e.id).append(' '));
        SectorSet set = sectorSets.get(key.toString());
        if (set == null) {
            set = new SectorSet(++lastSectorSet, key.toString(), words.toArray(Phrases.Entry[]::new));
            sectorSets.put(set.key, set);
            for (Phrases.Entry word : set.words) {
                word.sectorSets = Phrases.with(word.sectorSets, set);
            }
        }
        set.uses++;
        return set;
    }

    /** The labels grouped per set of them rather than listed per target: sector words. */
    private static final FacetKind GROUPED = FacetKind.SECTOR;

    /** A set of sector words, and the slots of the members that have exactly those. */
    private static final class SectorSet {
        final int id;
        final String key;
        final Phrases.Entry[] words;
        /** How many targets have it (written under the lock). */
        int uses;
        /** Replaced whole. */
        volatile int[] members = NONE;

        SectorSet(int id, String key, Phrases.Entry[] words) {
            this.id = id;
            this.key = key;
            this.words = words;
        }
    }

    /** Removes these targets (by {@link Target#key()}); unknown keys are ignored. */
    public synchronized void remove(Collection<String> keys) {
        Changes<Label> labelChanges = new Changes<>();
        Changes<String> bonusChanges = new Changes<>();
        Changes<SectorSet> setChanges = new Changes<>();
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
        emptied.forEach(slot -> {
            filled[slot] = null;
            setOf[slot] = 0;
        });
        sectorSetOf = setOf;
        slots = filled;
        removed.forEach(this::forget);
    }

    /**
     * Calls {@code to} with each label of {@code target} (a kind of label and a phrase) and its slot; sector words
     * aside (their sets list their members).
     */
    private static void labels(Slot target, int slot, Change<Label> to) {
        List<AnalysedFacet> facets = target.target().facets();
        for (int i = 0; i < facets.size(); i++) {
            FacetKind kind = facets.get(i).facet().kind();
            if (kind != GROUPED) {
                to.accept(new Label(target.phrases()[i], kind), slot);
            }
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

    /** The target indexed under {@code key}, as it was given. */
    public Optional<Target> get(String key) {
        return Optional.ofNullable(targets.get(key)).map(AnalysedTarget::target);
    }

    /** The targets {@code call} matches, best first within each kind, kinds in {@link TargetKind} order. */
    public List<Match> match(String callId, FundingCall call) {
        CallWords words = analysis.words(call);
        CallText text = analysis.conditions(callId, call);
        Scratch work = scratch.get();
        try {
            return match(callId, words, text, work);
        } finally {
            work.clear();
        }
    }

    private List<Match> match(String callId, CallWords words, CallText text, Scratch work) {
        Phrases.Found found = phrases.foundIn(words, work);
        Slot[] all = slots;
        // (2) the sums of the labels found and of the bonuses, for the targets that have any
        int[] setOf = sectorSetOf;
        int[] points = work.points(all.length);
        Candidates[] candidates = work.candidates;
        boolean grouped = caps[GROUPED.of.ordinal()] > 0;
        for (int f = 0; f < found.size; f++) {
            Phrases.Entry entry = found.entries[f];
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
        candidates[TargetKind.PROJECT.ordinal()].add(bonuses.of(AIMING + callId), Scorer.TARGET_CALL, points);
        candidates[TargetKind.WATCH.ordinal()].add(bonuses.of(CONDITIONS_ONLY), Scorer.WATCH_CONDITIONS, points);
        boolean placed = !text.eligiblePlaces().isEmpty();
        int least = limits.minScore() - (placed ? Scorer.ELIGIBLE_PLACE : 0);
        if (grouped) {
            // the sector words: the members found otherwise get their set's sum; the others can make the cut only
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
            // the best so far: a list while fewer than the cap, a heap (the worst on top) from then on
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
                Match match = Scorer.explain(text, scored.target(), (i, phrase) -> found.where(labels[i]));
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

    /** A thread's working arrays for one match at a time: the sums by slot, the candidates, the call's terms. */
    private static final class Scratch {
        private int[] points = new int[1_024];
        final Candidates[] candidates = new Candidates[KINDS.length];
        final Marks en = new Marks();
        final Marks fr = new Marks();
        final Marks found = new Marks();
        /** The sums of the sector words found, by set's number; the sets with some. */
        int[] setSums = new int[256];
        SectorSet[] sets = new SectorSet[64];
        int setsSummed;

        void add(SectorSet set, int add) {
            if (set.id >= setSums.length) {
                setSums = Arrays.copyOf(setSums, Math.max(set.id + 1, setSums.length * 2));
            }
            if (setSums[set.id] == 0) {
                if (setsSummed == sets.length) {
                    sets = Arrays.copyOf(sets, setsSummed * 2);
                }
                sets[setsSummed++] = set;
            }
            setSums[set.id] += add;
        }

        Scratch() {
            for (int i = 0; i < candidates.length; i++) {
                candidates[i] = new Candidates();
            }
        }

        /** The sums by slot, all 0, for {@code slots} slots. */
        int[] points(int slots) {
            if (points.length < slots) {
                points = new int[slots];
            }
            return points;
        }

        void clear() {
            for (Candidates c : candidates) {
                c.clear(points);
            }
            en.clear();
            fr.clear();
            found.clear();
            for (int i = 0; i < setsSummed; i++) {
                setSums[sets[i].id] = 0;
                sets[i] = null;
            }
            setsSummed = 0;
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

        /** Adds these slots with {@code add} points, those that have none yet only. */
        void addNew(int[] holders, int add, int[] points) {
            for (int slot : holders) {
                if (slot < points.length && points[slot] == 0) {
                    if (size == slots.length) {
                        slots = Arrays.copyOf(slots, size * 2);
                    }
                    slots[size++] = slot;
                    points[slot] = add;
                }
            }
        }

        /**
         * The slots with at least {@code least} points, most points first (a counting sort: sums are small); the
         * order among equal sums is of no consequence, since whether one is kept depends on its sum and key only.
         */
        int[] best(int[] points, int least) {
            int max = least - 1;
            for (int i = 0; i < size; i++) {
                max = Math.max(max, points[slots[i]]);
            }
            if (max < least) {
                return NONE;
            }
            // starts[b]: where the sum (max - b) begins in the order, once summed up
            int[] starts = new int[max - least + 2];
            for (int i = 0; i < size; i++) {
                int sum = points[slots[i]];
                if (sum >= least) {
                    starts[max - sum + 1]++;
                }
            }
            for (int b = 1; b < starts.length; b++) {
                starts[b] += starts[b - 1];
            }
            int[] ranked = new int[starts[starts.length - 1]];
            for (int i = 0; i < size; i++) {
                int sum = points[slots[i]];
                if (sum >= least) {
                    ranked[starts[max - sum]++] = slots[i];
                }
            }
            return ranked;
        }

        /** Sets the sums of these slots back to 0, and forgets them. */
        void clear(int[] points) {
            for (int i = 0; i < size; i++) {
                points[slots[i]] = 0;
            }
            size = 0;
        }
    }

    /** What {@link #match} finds, by looking for every label of every target in the call: the naive scan. */
    public List<Match> scan(String callId, FundingCall call) {
        CallText text = analysis.call(callId, call);
        Scorer.Found look = (i, phrase) -> Scorer.look(text, phrase);
        Map<TargetKind, PriorityQueue<Scored>> best = new EnumMap<>(TargetKind.class);
        for (AnalysedTarget target : targets.values()) {
            int points = Scorer.points(text, target, look);
            TargetKind kind = target.target().kind();
            int cap = limits.cap(kind);
            if (points == 0 || points < limits.minScore() || cap == 0) {
                continue;
            }
            keep(best.computeIfAbsent(kind, k -> new PriorityQueue<>(WORST_FIRST)), new Scored(target, null, Scored.prefix(target.target().id()), points),
                    cap);
        }
        List<Match> matches = new ArrayList<>();
        best.forEach((kind, kept) -> kept.stream().map(s -> Scorer.explain(text, s.target(), look))
                .sorted(BEST_FIRST).forEach(matches::add));
        return matches;
    }

    /** How {@code call} scores for each of {@code targets} (given, not looked up), those reaching the minimum. */
    public List<Match> score(String callId, FundingCall call, Collection<Target> given) {
        CallText text = analysis.call(callId, call);
        Scorer.Found look = (i, phrase) -> Scorer.look(text, phrase);
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

    /** A target with its sum; with its labels' phrases when the index scored it. */
    private record Scored(AnalysedTarget target, int[] phrases, long idPrefix, int points) {

        /**
         * The first 8 characters of {@code id}, a byte each, zero-padded: ordered as the ids are, when they differ
         * and both are known; 0 (unknown) for an id with a character beyond Latin-1 or a NUL among them.
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

    /** The heap's order, within one kind: the worst on top (fewer points, then the later key, that is id). */
    private static final Comparator<Scored> WORST_FIRST = (a, b) -> {
        int byPoints = Integer.compare(a.points(), b.points());
        return byPoints != 0 ? byPoints : Scored.compareIds(b, a);
    };

    /** The reverse: more points, then the earlier id. */
    private static final Comparator<Scored> BEST_SCORED_FIRST = (a, b) -> {
        int byPoints = Integer.compare(b.points(), a.points());
        return byPoints != 0 ? byPoints : Scored.compareIds(a, b);
    };

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
     * The call's terms of one language, or the phrases found, by the number the index gave them: 2 prominent, 1 in
     * the description only, 0 not in the call.
     */
    private static final class Marks {
        private byte[] marks = new byte[1_024];
        private int[] set = new int[256];
        private int size;

        /** Marks {@code term} at least {@code where}; whether it was not marked before. */
        boolean mark(int term, int where) {
            if (term >= marks.length) {
                marks = Arrays.copyOf(marks, Math.max(term + 1, marks.length * 2));
            }
            boolean first = marks[term] == 0;
            if (first) {
                if (size == set.length) {
                    set = Arrays.copyOf(set, size * 2);
                }
                set[size++] = term;
            }
            marks[term] = (byte) Math.max(marks[term], where);
            return first;
        }

        int get(int id) {
            return id < marks.length ? marks[id] : 0;
        }

        /** Whether every one of {@code terms} is marked at least {@code least}; false for none. */
        boolean all(int[] terms, int least) {
            if (terms.length == 0) {
                return false;
            }
            byte[] m = marks;
            for (int term : terms) {
                if (term >= m.length || m[term] < least) {
                    return false;
                }
            }
            return true;
        }

        void clear() {
            for (int i = 0; i < size; i++) {
                marks[set[i]] = 0;
            }
            size = 0;
        }
    }

    /**
     * The distinct phrases of all labels, each with its terms as numbers and under its rarest term per language
     * (the anchors), and how many labels use it. Written under the index's lock, read concurrently.
     */
    private static final class Phrases {

        private static final Entry[] NO_ENTRIES = {};
        private static final SectorSet[] NO_SETS = {};

        private final Map<String, Entry> byKey = new ConcurrentHashMap<>();
        private final Map<String, Term> termsEn = new ConcurrentHashMap<>();
        private final Map<String, Term> termsFr = new ConcurrentHashMap<>();
        /** Moves on whenever a term is first seen: a word's terms read before then may miss it. */
        private volatile int termsVersion;
        /** A word's terms that some phrase has, per language, as of {@link #termsVersion}. */
        private final Cache<String, WordTerms> words = Caffeine.newBuilder().maximumSize(200_000).build();
        private final TextAnalysis analysis;
        private int lastId;

        Phrases(TextAnalysis analysis) {
            this.analysis = analysis;
        }

        private record WordTerms(int version, Term[] en, Term[] fr) {
        }

        /** A term of some phrase in one language: its number, how many phrases have it, those it anchors. */
        static final class Term {
            final int id;
            int uses;
            /** Replaced whole. */
            volatile Entry[] anchored = NO_ENTRIES;

            Term(int id) {
                this.id = id;
            }
        }

        static final class Entry {
            final int id;
            final Phrase phrase;
            final int[] en;
            final int[] fr;
            final Term anchorEn;
            final Term anchorFr;
            int uses;
            /** Per kind of label, the slots of the targets that carry this phrase; replaced whole. */
            volatile int[][] holders = new int[FACET_KINDS.length][];
            /** The sets of sector words that have this phrase; replaced whole. */
            volatile SectorSet[] sectorSets = NO_SETS;

            Entry(int id, Phrase phrase, int[] en, int[] fr, Term anchorEn, Term anchorFr) {
                this.id = id;
                this.phrase = phrase;
                this.en = en;
                this.fr = fr;
                this.anchorEn = anchorEn;
                this.anchorFr = anchorFr;
                Arrays.fill(holders, NONE);
            }
        }

        /**
         * Adds the phrases of {@code target}'s labels; the target as indexed, each label with the phrase's one
         * instance, and the phrases' entries.
         */
        Slot add(AnalysedTarget target) {
            List<AnalysedFacet> facets = new ArrayList<>(target.facets().size());
            Entry[] entries = new Entry[target.facets().size()];
            for (AnalysedFacet facet : target.facets()) {
                Entry entry = add(facet.phrase());
                entries[facets.size()] = entry;
                facets.add(new AnalysedFacet(facet.facet(), entry.phrase));
            }
            return Slot.of(new AnalysedTarget(target.target(), List.copyOf(facets)), entries);
        }

        private Entry add(Phrase phrase) {
            Entry entry = byKey.get(phrase.key());
            if (entry == null) {
                Term[] en = terms(phrase.en(), termsEn);
                Term[] fr = terms(phrase.fr(), termsFr);
                entry = new Entry(++lastId, phrase, ids(en), ids(fr), rarest(en), rarest(fr));
                for (Term term : en) {
                    term.uses++;
                }
                for (Term term : fr) {
                    term.uses++;
                }
                if (entry.anchorEn != null) {
                    entry.anchorEn.anchored = with(entry.anchorEn.anchored, entry);
                }
                if (entry.anchorFr != null) {
                    entry.anchorFr.anchored = with(entry.anchorFr.anchored, entry);
                }
                byKey.put(phrase.key(), entry);
            }
            entry.uses++;
            return entry;
        }

        /** The phrases of a target no longer indexed: each is forgotten once no label uses it. */
        void remove(Slot gone) {
            for (Entry entry : gone.phrases()) {
                if (--entry.uses > 0) {
                    continue;
                }
                byKey.remove(entry.phrase.key());
                if (entry.anchorEn != null) {
                    entry.anchorEn.anchored = without(entry.anchorEn.anchored, entry);
                }
                if (entry.anchorFr != null) {
                    entry.anchorFr.anchored = without(entry.anchorFr.anchored, entry);
                }
                entry.phrase.en().forEach(t -> termsEn.get(t).uses--);
                entry.phrase.fr().forEach(t -> termsFr.get(t).uses--);
            }
        }

        /** The terms, numbered when first seen; a term keeps its number, even once no phrase has it. */
        private Term[] terms(List<String> words, Map<String, Term> terms) {
            Term[] found = new Term[words.size()];
            for (int i = 0; i < found.length; i++) {
                Term term = terms.get(words.get(i));
                if (term == null) {
                    term = new Term(terms.size());
                    terms.put(words.get(i), term);
                    termsVersion++; // under the index's lock
                }
                found[i] = term;
            }
            return found;
        }

        private static int[] ids(Term[] terms) {
            int[] ids = new int[terms.length];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = terms[i].id;
            }
            return ids;
        }

        /** The term fewest phrases have (the first of those), or null for none. */
        private static Term rarest(Term[] terms) {
            Term rarest = null;
            for (Term term : terms) {
                if (rarest == null || term.uses < rarest.uses) {
                    rarest = term;
                }
            }
            return rarest;
        }

        static <T> T[] with(T[] all, T one) {
            T[] more = Arrays.copyOf(all, all.length + 1);
            more[all.length] = one;
            return more;
        }

        static <T> T[] without(T[] all, T one) {
            T[] fewer = Arrays.copyOf(all, all.length - 1);
            int n = 0;
            for (T t : all) {
                if (t != one) {
                    fewer[n++] = t;
                }
            }
            return fewer;
        }

        /**
         * The phrases found in a call, in the order found, each once, TRUE found prominently, FALSE in the
         * description only; and where each is, by its number.
         */
        static final class Found {
            Entry[] entries = new Entry[64];
            boolean[] prominent = new boolean[64];
            int size;
            private final Marks where;

            Found(Marks where) {
                this.where = where;
            }

            /** Where the phrase numbered {@code id} is, or null. */
            Boolean where(int id) {
                int at = where.get(id);
                return at == 0 ? null : at == 2;
            }

            boolean has(Entry entry) {
                return where.get(entry.id) != 0;
            }

            void add(Entry entry, boolean isProminent) {
                if (size == entries.length) {
                    entries = Arrays.copyOf(entries, size * 2);
                    prominent = Arrays.copyOf(prominent, size * 2);
                }
                entries[size] = entry;
                prominent[size++] = isProminent;
                where.mark(entry.id, isProminent ? 2 : 1);
            }
        }

        /**
         * The phrases in the call. The call's words are read (each word's terms come from a cache) and their terms
         * marked by number; each phrase is looked for once per language, through its anchor, in that language only,
         * by its terms' numbers; where it is found is then as {@link Scorer#look} says, both languages counting.
         */
        Found foundIn(CallWords call, Scratch work) {
            List<Term> anchorsEn = new ArrayList<>();
            List<Term> anchorsFr = new ArrayList<>();
            for (String word : call.prominent()) {
                mark(word, 2, work, anchorsEn, anchorsFr);
            }
            for (String word : call.described()) {
                mark(word, 1, work, anchorsEn, anchorsFr);
            }
            Found found = new Found(work.found);
            look(anchorsEn, false, work.en, work, found);
            look(anchorsFr, true, work.fr, work, found);
            return found;
        }

        /** Marks the word's terms; those that anchor phrases, the first time, go to the anchors to look through. */
        private void mark(String word, int where, Scratch work, List<Term> anchorsEn, List<Term> anchorsFr) {
            WordTerms terms = terms(word);
            for (Term term : terms.en()) {
                if (work.en.mark(term.id, where) && term.anchored.length > 0) {
                    anchorsEn.add(term);
                }
            }
            for (Term term : terms.fr()) {
                if (work.fr.mark(term.id, where) && term.anchored.length > 0) {
                    anchorsFr.add(term);
                }
            }
        }

        private WordTerms terms(String word) {
            WordTerms known = words.getIfPresent(word);
            int version = termsVersion;
            if (known != null && known.version() == version) {
                return known;
            }
            TextAnalysis.Stems stems = analysis.stems(word);
            known = new WordTerms(version, known(stems.en(), termsEn), known(stems.fr(), termsFr));
            words.put(word, known);
            return known;
        }

        private static Term[] known(List<String> stems, Map<String, Term> terms) {
            List<Term> known = new ArrayList<>(stems.size());
            for (String stem : stems) {
                Term term = terms.get(stem);
                if (term != null) {
                    known.add(term);
                }
            }
            return known.toArray(Term[]::new);
        }

        private static void look(List<Term> anchors, boolean french, Marks marks, Scratch work,
                                 Found found) {
            for (Term anchor : anchors) {
                for (Entry entry : anchor.anchored) {
                    // each phrase has one anchor per language: only the second language may find it again
                    if (marks.all(french ? entry.fr : entry.en, 1) && !found.has(entry)) {
                        found.add(entry, work.en.all(entry.en, 2) || work.fr.all(entry.fr, 2));
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
