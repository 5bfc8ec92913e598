package coop.cluster.activity.meeting.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The search behind {@link MeetingScheduler}, on indexes: participants {@code 0..P-1}, slots {@code
 * 0..S-1}, distinct meetings {@code 0..M-1} (each with its participants and the slots all of them
 * can make, its feasible slots). It holds one assignment of meetings to slots and keeps the
 * invariants after every step: {@link #place} is only called where {@link #fits} holds, so no
 * participant is in two meetings of a slot and no slot holds more meetings than tables. See {@link
 * MeetingScheduler} for the steps.
 */
final class SlotBoard {

    private final int slots;
    private final int tables;
    private final int[][] attendees;
    private final int[][] feasible;

    /** {@code feasibleAt[m * slots + s]}: whether s is one of m's feasible slots. */
    private final boolean[] feasibleAt;

    private final int[][] meetingsOf;
    private final int[] weight;
    private final long[] rank;
    private final SplittableRandom random;

    /** {@code busy[p * slots + s]}: the meeting participant p is in at slot s, or -1. */
    private final int[] busy;

    /** Meetings per slot; the first {@code used[s]} entries of {@code atSlot[s]} are they. */
    private final int[] used;

    private final int[][] atSlot;
    private final int[] position;
    private final int[] slotOf;
    private int count;
    private int totalWeight;

    /** A meeting placed by the current chain search is locked against being moved again. */
    private final int[] lock;

    private int attempt;
    private int budget;

    private SlotBoard(
            int participants,
            int slots,
            int tables,
            int[][] attendees,
            int[][] feasible,
            int[] weight,
            long seed) {
        this.slots = slots;
        this.tables = tables;
        this.attendees = attendees;
        this.feasible = feasible;
        this.weight = weight;
        int meetings = attendees.length;
        feasibleAt = new boolean[meetings * slots];
        for (int m = 0; m < meetings; m++) {
            for (int s : feasible[m]) {
                feasibleAt[m * slots + s] = true;
            }
        }
        int[] degree = new int[participants];
        for (int[] who : attendees) {
            for (int p : who) {
                degree[p]++;
            }
        }
        meetingsOf = new int[participants][];
        for (int p = 0; p < participants; p++) {
            meetingsOf[p] = new int[degree[p]];
        }
        int[] fill = new int[participants];
        for (int m = 0; m < meetings; m++) {
            for (int p : attendees[m]) {
                meetingsOf[p][fill[p]++] = m;
            }
        }
        random = new SplittableRandom(seed);
        rank = new long[meetings];
        for (int m = 0; m < meetings; m++) {
            rank[m] = random.nextLong();
        }
        busy = new int[participants * slots];
        Arrays.fill(busy, -1);
        used = new int[slots];
        atSlot = new int[slots][tables];
        position = new int[meetings];
        slotOf = new int[meetings];
        Arrays.fill(slotOf, -1);
        lock = new int[meetings];
    }

    /** The best schedule the settings allow; see {@link MeetingScheduler}. */
    static SlotBoard solve(
            int participants,
            int slots,
            int tables,
            int[][] attendees,
            int[][] feasible,
            int[] weight,
            MeetingScheduler.Settings settings) {
        SlotBoard board =
                new SlotBoard(
                        participants, slots, tables, attendees, feasible, weight, settings.seed());
        board.construct();
        board.improve(settings);
        SlotBoard greedy =
                new SlotBoard(
                        participants, slots, tables, attendees, feasible, weight, settings.seed());
        greedy.firstFit();
        if (greedy.count > board.count) {
            greedy.improve(settings);
            if (greedy.count > board.count
                    || (greedy.count == board.count && greedy.totalWeight > board.totalWeight)) {
                return greedy;
            }
        }
        return board;
    }

    int slotOf(int meeting) {
        return slotOf[meeting];
    }

    int count() {
        return count;
    }

    /** Why an unscheduled meeting has no slot in this assignment. */
    UnscheduledMeeting.Reason reason(int m) {
        if (feasible[m].length == 0) {
            return UnscheduledMeeting.Reason.NO_COMMON_FREE_SLOT;
        }
        for (int s : feasible[m]) {
            if (used[s] >= tables && participantsFree(m, s)) {
                return UnscheduledMeeting.Reason.NO_TABLE_LEFT;
            }
        }
        return UnscheduledMeeting.Reason.PARTICIPANTS_BUSY;
    }

    // ---- the assignment

    private boolean participantsFree(int m, int s) {
        for (int p : attendees[m]) {
            if (busy[p * slots + s] >= 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether m can go to s now: s is one of m's feasible slots (the caller's duty). */
    private boolean fits(int m, int s) {
        return used[s] < tables && participantsFree(m, s);
    }

    private void place(int m, int s) {
        record(m, s);
        lock[m] = attempt;
        for (int p : attendees[m]) {
            busy[p * slots + s] = m;
        }
        atSlot[s][used[s]] = m;
        position[m] = used[s]++;
        slotOf[m] = s;
        count++;
        totalWeight += weight[m];
    }

    private void unplace(int m) {
        int s = slotOf[m];
        record(m, -1 - s);
        for (int p : attendees[m]) {
            busy[p * slots + s] = -1;
        }
        int last = atSlot[s][--used[s]];
        atSlot[s][position[m]] = last;
        position[last] = position[m];
        slotOf[m] = -1;
        count--;
        totalWeight -= weight[m];
    }

    /**
     * The steps of the current chain search: {@code m} then {@code s} for a placing at s, {@code -1
     * - s} for a removal from s; {@link #rollback} undoes them back to a mark.
     */
    private int[] journal = new int[64];

    private int journalSize;

    private void record(int m, int s) {
        if (journalSize + 2 > journal.length) {
            journal = Arrays.copyOf(journal, journal.length * 2);
        }
        journal[journalSize++] = m;
        journal[journalSize++] = s;
    }

    private void rollback(int mark) {
        while (journalSize > mark) {
            int s = journal[--journalSize];
            int m = journal[--journalSize];
            if (s >= 0) {
                unplace(m);
                lock[m] = 0;
            } else {
                place(m, -1 - s);
                lock[m] = 0;
            }
            journalSize -= 2; // the undoing steps are not kept
        }
    }

    // ---- 1. construction, most constrained first

    private void construct() {
        int meetings = attendees.length;
        int[] open = new int[meetings];
        double[] openInverse = new double[slots];
        int[] load = new int[meetings];
        boolean[] dropped = new boolean[meetings];
        for (int m = 0; m < meetings; m++) {
            open[m] = feasible[m].length;
            for (int p : attendees[m]) {
                load[m] += meetingsOf[p].length;
            }
            for (int s : feasible[m]) {
                openInverse[s] += 1.0 / open[m];
            }
        }
        int[] stamp = new int[meetings];
        int mark = 0;
        int[] affected = new int[meetings];
        while (true) {
            int next = -1;
            for (int m = 0; m < meetings; m++) {
                if (slotOf[m] >= 0 || dropped[m]) {
                    continue;
                }
                if (open[m] == 0) {
                    dropped[m] = true;
                } else if (next < 0 || harder(m, next, open, load)) {
                    next = m;
                }
            }
            if (next < 0) {
                return;
            }
            // the open slot that closes the fewest options of the meetings left
            int chosen = -1;
            double chosenLoss = 0;
            for (int s : feasible[next]) {
                if (!fits(next, s)) {
                    continue;
                }
                double loss;
                if (used[s] == tables - 1) {
                    loss = openInverse[s] - 1.0 / open[next];
                } else {
                    mark++;
                    loss = 0;
                    for (int p : attendees[next]) {
                        for (int other : meetingsOf[p]) {
                            if (other != next
                                    && slotOf[other] < 0
                                    && !dropped[other]
                                    && stamp[other] != mark
                                    && feasibleAt[other * slots + s]
                                    && fits(other, s)) {
                                stamp[other] = mark;
                                loss += 1.0 / open[other];
                            }
                        }
                    }
                }
                if (chosen < 0
                        || loss < chosenLoss - 1e-12
                        || (Math.abs(loss - chosenLoss) <= 1e-12 && used[s] < used[chosen])) {
                    chosen = s;
                    chosenLoss = loss;
                }
            }
            // who loses the slot, before placing
            mark++;
            int n = 0;
            for (int p : attendees[next]) {
                for (int other : meetingsOf[p]) {
                    if (other != next
                            && slotOf[other] < 0
                            && !dropped[other]
                            && stamp[other] != mark
                            && feasibleAt[other * slots + chosen]
                            && fits(other, chosen)) {
                        stamp[other] = mark;
                        affected[n++] = other;
                    }
                }
            }
            if (used[chosen] == tables - 1) {
                for (int other = 0; other < meetings; other++) {
                    if (other != next
                            && slotOf[other] < 0
                            && !dropped[other]
                            && stamp[other] != mark
                            && feasibleAt[other * slots + chosen]
                            && fits(other, chosen)) {
                        stamp[other] = mark;
                        affected[n++] = other;
                    }
                }
            }
            for (int s : feasible[next]) {
                if (fits(next, s)) {
                    openInverse[s] -= 1.0 / open[next];
                }
            }
            place(next, chosen);
            for (int i = 0; i < n; i++) {
                int other = affected[i];
                int before = open[other]--;
                openInverse[chosen] -= 1.0 / before;
                if (open[other] > 0) {
                    double change = 1.0 / open[other] - 1.0 / before;
                    for (int s : feasible[other]) {
                        if (fits(other, s)) {
                            openInverse[s] += change;
                        }
                    }
                }
            }
        }
    }

    private boolean harder(int m, int than, int[] open, int[] load) {
        if (open[m] != open[than]) {
            return open[m] < open[than];
        }
        if (weight[m] != weight[than]) {
            return weight[m] > weight[than];
        }
        if (load[m] != load[than]) {
            return load[m] > load[than];
        }
        return rank[m] < rank[than];
    }

    /** The plain greedy schedule: meetings in input order, the first slot that fits. */
    private void firstFit() {
        for (int m = 0; m < attendees.length; m++) {
            for (int s : feasible[m]) {
                if (fits(m, s)) {
                    place(m, s);
                    break;
                }
            }
        }
    }

    // ---- 2.-4. improvement: augmenting chains, priority swaps, kicks

    private void improve(MeetingScheduler.Settings settings) {
        int idle = 0;
        for (int round = 0; round < settings.rounds(); round++) {
            int countBefore = count;
            int weightBefore = totalWeight;
            List<Integer> waiting = unscheduledByPriority();
            if (count < slots * tables) {
                for (int u : waiting) {
                    if (slotOf[u] < 0) {
                        attempt++;
                        journalSize = 0;
                        budget = settings.chainBudget();
                        insert(u, settings.chainDepth());
                    }
                }
            }
            for (int u : waiting) {
                if (slotOf[u] < 0) {
                    swap(u, settings);
                }
            }
            if (count > countBefore || totalWeight > weightBefore) {
                idle = 0;
            } else if (++idle >= settings.patience()) {
                break;
            } else {
                kick();
            }
        }
        // a kick may have opened a slot to a meeting left waiting
        for (int u : unscheduledByPriority()) {
            for (int s : feasible[u]) {
                if (fits(u, s)) {
                    place(u, s);
                    break;
                }
            }
        }
    }

    private List<Integer> unscheduledByPriority() {
        List<Integer> waiting = new ArrayList<>();
        for (int m = 0; m < attendees.length; m++) {
            if (slotOf[m] < 0 && feasible[m].length > 0) {
                waiting.add(m);
            }
        }
        waiting.sort(
                (a, b) ->
                        weight[a] != weight[b]
                                ? Integer.compare(weight[b], weight[a])
                                : Long.compare(rank[a], rank[b]));
        return waiting;
    }

    /**
     * Schedules the unscheduled meeting m, moving the meetings that block it in one of its slots
     * (those sharing a participant, or one holding a table of a full slot) to other slots of
     * theirs, recursively up to {@code depth} levels, none of them twice; on failure everything is
     * rolled back.
     */
    private boolean insert(int m, int depth) {
        int[] options = feasible[m];
        int n = options.length;
        int offset = random.nextInt(n);
        for (int i = 0; i < n; i++) {
            int s = options[(offset + i) % n];
            if (fits(m, s)) {
                place(m, s);
                return true;
            }
        }
        if (depth == 0) {
            return false;
        }
        int[] blockers = new int[attendees[m].length];
        for (int i = 0; i < n; i++) {
            if (--budget < 0) {
                return false;
            }
            int s = options[(offset + i) % n];
            int k = blockers(m, s, blockers);
            if (k < 0) {
                continue;
            }
            if (k > 0) {
                if (relocate(blockers, k, m, s, depth)) {
                    return true;
                }
            } else {
                // the slot's tables are all taken: one of its meetings may move elsewhere
                int held = used[s];
                int tries = Math.min(3, held);
                int[] candidates = new int[tries];
                int start = random.nextInt(held);
                for (int j = 0; j < tries; j++) {
                    candidates[j] = atSlot[s][(start + j) % held];
                }
                for (int candidate : candidates) {
                    if (lock[candidate] != attempt
                            && relocate(new int[] {candidate}, 1, m, s, depth)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Fills {@code into} with the distinct meetings sharing a participant with m at s and returns
     * how many, or -1 if one of them may not move (placed by the current chain).
     */
    private int blockers(int m, int s, int[] into) {
        int k = 0;
        for (int p : attendees[m]) {
            int other = busy[p * slots + s];
            if (other < 0) {
                continue;
            }
            if (lock[other] == attempt) {
                return -1;
            }
            boolean seen = false;
            for (int j = 0; j < k; j++) {
                seen |= into[j] == other;
            }
            if (!seen) {
                into[k++] = other;
            }
        }
        return k;
    }

    /**
     * Puts m at s in place of the {@code k} first {@code moved}, which must each find another slot;
     * else rolls everything back.
     */
    private boolean relocate(int[] moved, int k, int m, int s, int depth) {
        int mark = journalSize;
        int[] displaced = Arrays.copyOf(moved, k);
        for (int b : displaced) {
            unplace(b);
        }
        place(m, s);
        for (int b : displaced) {
            if (!insert(b, depth - 1)) {
                rollback(mark);
                return false;
            }
        }
        return true;
    }

    /**
     * Puts the unscheduled u in place of a single blocker of lower priority (the lowest), which
     * then looks for a chain of its own: the count never drops, the total weight rises.
     */
    private void swap(int u, MeetingScheduler.Settings settings) {
        attempt++;
        journalSize = 0;
        int bestSlot = -1;
        int bestVictim = -1;
        int[] blockers = new int[attendees[u].length];
        for (int s : feasible[u]) {
            int k = blockers(u, s, blockers);
            int victim = -1;
            if (k == 1) {
                victim = blockers[0];
            } else if (k == 0) {
                if (used[s] < tables) {
                    place(u, s);
                    return;
                }
                for (int j = 0; j < used[s]; j++) {
                    int other = atSlot[s][j];
                    if (victim < 0 || lighter(other, victim)) {
                        victim = other;
                    }
                }
            }
            if (victim >= 0
                    && weight[victim] < weight[u]
                    && (bestVictim < 0 || lighter(victim, bestVictim))) {
                bestSlot = s;
                bestVictim = victim;
            }
        }
        if (bestVictim < 0) {
            return;
        }
        unplace(bestVictim);
        place(u, bestSlot);
        budget = settings.chainBudget();
        insert(bestVictim, settings.chainDepth());
    }

    private boolean lighter(int a, int b) {
        return weight[a] != weight[b] ? weight[a] < weight[b] : rank[a] > rank[b];
    }

    /** Moves a few seeded meetings to another slot open to them: same count, a new landscape. */
    private void kick() {
        int moves = Math.max(1, count / 20);
        int meetings = attendees.length;
        for (int i = 0; i < moves && count > 0; i++) {
            int m = random.nextInt(meetings);
            if (slotOf[m] < 0) {
                continue;
            }
            int[] options = feasible[m];
            int offset = random.nextInt(options.length);
            for (int j = 0; j < options.length; j++) {
                int s = options[(offset + j) % options.length];
                if (s != slotOf[m] && fits(m, s)) {
                    unplace(m);
                    place(m, s);
                    break;
                }
            }
        }
    }
}
