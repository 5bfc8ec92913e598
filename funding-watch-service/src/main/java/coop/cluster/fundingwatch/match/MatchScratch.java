package coop.cluster.fundingwatch.match;

import coop.cluster.fundingwatch.match.PhraseDictionary.SectorSet;
import java.util.Arrays;

/**
 * A matching thread's working arrays for one match at a time ({@link TargetIndex}): the sums by
 * slot, the candidates per kind of target, the call's terms and the phrases found, the sums of the
 * sector sets; cleared after each match.
 */
final class MatchScratch {

    private int[] points = new int[1_024];
    final Candidates[] candidates = new Candidates[TargetKind.values().length];
    final PhraseQuery.Marks en = new PhraseQuery.Marks();
    final PhraseQuery.Marks fr = new PhraseQuery.Marks();
    final PhraseQuery.Marks found = new PhraseQuery.Marks();

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

    MatchScratch() {
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

    /** The slots of one kind of target with points, each once. */
    static final class Candidates {
        int[] slots = new int[64];
        int size;

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
         * The slots with at least {@code least} points, most points first (a counting sort: sums
         * are small); the order among equal sums is of no consequence, since whether one is kept
         * depends on its sum and key only.
         */
        int[] best(int[] points, int least) {
            int max = least - 1;
            for (int i = 0; i < size; i++) {
                max = Math.max(max, points[slots[i]]);
            }
            if (max < least) {
                return Postings.NONE;
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
}
