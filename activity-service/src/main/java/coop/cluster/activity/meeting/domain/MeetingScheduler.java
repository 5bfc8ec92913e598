package coop.cluster.activity.meeting.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Schedules a B2B session's accepted meeting requests into its slots and tables.
 *
 * <p>Invariants of every schedule it returns: no participant is in two meetings of one slot; no
 * slot has more meetings than the session has tables, and no table holds two meetings of one slot;
 * no meeting is in a slot one of its participants marked unavailable; each request is scheduled at
 * most once (requests naming the same participants count as one, see {@link
 * UnscheduledMeeting.Reason#DUPLICATE}); the same input and {@link Settings} give the same schedule
 * (every tie is broken by the seed, there is no clock).
 *
 * <p>The aim, in that order: as many meetings as possible, then the highest total {@link
 * Priority#weight()}. How ({@link SlotBoard}, docs/b2b-scheduling.md):
 *
 * <ol>
 *   <li><b>construction</b>, most constrained first (as DSatur colours a graph): repeatedly take
 *       the unscheduled meeting with the fewest slots still open to it (ties: higher priority,
 *       busier participants, then the seed) and put it in the open slot that closes the fewest
 *       options of the meetings left (each lost option weighs 1/their open slots; filling a slot's
 *       last table closes that slot for every meeting left);
 *   <li><b>augmenting chains</b>: for each unscheduled meeting, a bounded depth-first search moves
 *       the meetings that block it in a slot (those sharing a participant, or one holding a table
 *       of a full slot) to other slots of theirs, recursively, up to {@link Settings#chainDepth()}
 *       levels; a chain either completes, one more meeting scheduled, or is rolled back;
 *   <li><b>priority swaps</b>: an unscheduled meeting replaces a single blocker of lower priority,
 *       which then looks for a chain of its own (the count never drops, the weight rises);
 *   <li><b>kicks</b>: when a round schedules nothing more, a few seeded meetings move to another
 *       slot open to them (same count) and the chains are tried again, until {@link
 *       Settings#rounds()} rounds or {@link Settings#patience()} rounds without a gain;
 *   <li>the requests in input order, first slot that fits (the plain greedy schedule), are computed
 *       too; if they ever schedule more, the search restarts from them, so the result is never
 *       below that baseline.
 * </ol>
 *
 * Tables are interchangeable, so they are numbered at the end: in each slot, 1 to n in request
 * order.
 */
public final class MeetingScheduler {

    /**
     * The search's knobs. {@code seed} breaks every tie; {@code rounds} caps the improvement
     * rounds, {@code patience} stops them after that many rounds without a gain; {@code chainDepth}
     * is how many levels deep an augmenting chain may go and {@code chainBudget} how many slots one
     * chain search may look at.
     */
    public record Settings(long seed, int rounds, int patience, int chainDepth, int chainBudget) {

        public Settings {
            if (rounds < 0 || patience < 1 || chainDepth < 0 || chainBudget < 1) {
                throw new IllegalArgumentException(
                        "rounds >= 0, patience >= 1, chainDepth >= 0, chainBudget >= 1");
            }
        }

        /**
         * 40 rounds, patience 3, chains two levels deep looking at up to 40 slots each (measured in
         * docs/b2b-scheduling.md: deeper chains and more patience cost seconds and gained nothing
         * on 500 participants and 5,000 requests).
         */
        public static Settings defaults() {
            return new Settings(0x5EED_B2BL, 40, 3, 2, 40);
        }

        public Settings withSeed(long newSeed) {
            return new Settings(newSeed, rounds, patience, chainDepth, chainBudget);
        }
    }

    private final Settings settings;

    public MeetingScheduler() {
        this(Settings.defaults());
    }

    public MeetingScheduler(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * The schedule of {@code requests} in {@code session}.
     *
     * @throws MeetingRuleViolation a request names an unknown participant or only one organisation,
     *     two requests or two participants share an id, or a participant is unavailable in a slot
     *     the session does not have
     */
    public MeetingSchedule schedule(
            B2bSession session, List<Participant> participants, List<MeetingRequest> requests) {
        List<Slot> slots = session.slots();
        Map<String, Integer> participantIndex = new HashMap<>();
        for (Participant participant : participants) {
            if (participantIndex.putIfAbsent(participant.id(), participantIndex.size()) != null) {
                throw new MeetingRuleViolation(
                        MeetingRuleViolation.DUPLICATE_PARTICIPANT, participant.id());
            }
            for (int slot : participant.unavailableSlots()) {
                if (slot < 0 || slot >= slots.size()) {
                    throw new MeetingRuleViolation(
                            MeetingRuleViolation.UNKNOWN_SLOT, participant.id(), slot);
                }
            }
        }

        // validate, then keep one request per set of participants: the highest priority, the
        // first of equals
        Set<String> requestIds = new HashSet<>();
        Map<List<Integer>, Integer> keptByPeople = new HashMap<>();
        int[][] people = new int[requests.size()][];
        int[] keptFor = new int[requests.size()];
        for (int r = 0; r < requests.size(); r++) {
            MeetingRequest request = requests.get(r);
            if (!requestIds.add(request.id())) {
                throw new MeetingRuleViolation(
                        MeetingRuleViolation.DUPLICATE_REQUEST_ID, request.id());
            }
            int[] who = new int[request.participants().size()];
            Set<String> organisations = new HashSet<>();
            for (int i = 0; i < who.length; i++) {
                String id = request.participants().get(i);
                Integer index = participantIndex.get(id);
                if (index == null) {
                    throw new MeetingRuleViolation(
                            MeetingRuleViolation.UNKNOWN_PARTICIPANT, request.id(), id);
                }
                who[i] = index;
                organisations.add(participants.get(index).organisation());
            }
            if (organisations.size() < 2) {
                throw new MeetingRuleViolation(
                        MeetingRuleViolation.ONE_ORGANISATION,
                        request.id(),
                        organisations.iterator().next());
            }
            Arrays.sort(who);
            people[r] = who;
            List<Integer> key = Arrays.stream(who).boxed().toList();
            Integer kept = keptByPeople.get(key);
            if (kept == null) {
                keptByPeople.put(key, r);
                keptFor[r] = r;
            } else if (request.priority().weight() > requests.get(kept).priority().weight()) {
                keptByPeople.put(key, r);
            }
        }
        for (int r = 0; r < requests.size(); r++) {
            keptFor[r] = keptByPeople.get(Arrays.stream(people[r]).boxed().toList());
        }

        // the distinct meetings, in input order, and the slots each could take
        // (in the order of each set of participants' first request, as the greedy baseline sees
        // them)
        List<Integer> meetingRequest = new ArrayList<>();
        Set<Integer> listed = new HashSet<>();
        for (int r = 0; r < requests.size(); r++) {
            if (listed.add(keptFor[r])) {
                meetingRequest.add(keptFor[r]);
            }
        }
        int slotCount = slots.size();
        boolean[][] unavailable = new boolean[participants.size()][slotCount];
        for (int p = 0; p < participants.size(); p++) {
            for (int slot : participants.get(p).unavailableSlots()) {
                unavailable[p][slot] = true;
            }
        }
        int meetings = meetingRequest.size();
        int[][] attendees = new int[meetings][];
        int[][] feasible = new int[meetings][];
        int[] weight = new int[meetings];
        for (int m = 0; m < meetings; m++) {
            int r = meetingRequest.get(m);
            attendees[m] = people[r];
            weight[m] = requests.get(r).priority().weight();
            int[] open = new int[slotCount];
            int n = 0;
            for (int s = 0; s < slotCount; s++) {
                boolean free = true;
                for (int p : attendees[m]) {
                    free &= !unavailable[p][s];
                }
                if (free) {
                    open[n++] = s;
                }
            }
            feasible[m] = Arrays.copyOf(open, n);
        }

        SlotBoard board =
                SlotBoard.solve(
                        participants.size(),
                        slotCount,
                        session.tables(),
                        attendees,
                        feasible,
                        weight,
                        settings);

        // tables in request order within each slot; reasons for the others
        List<ScheduledMeeting> scheduled = new ArrayList<>();
        int[] nextTable = new int[slotCount];
        List<UnscheduledMeeting> unscheduled = new ArrayList<>();
        int[] meetingOfRequest = new int[requests.size()];
        Arrays.fill(meetingOfRequest, -1);
        for (int m = 0; m < meetings; m++) {
            meetingOfRequest[meetingRequest.get(m)] = m;
        }
        for (int r = 0; r < requests.size(); r++) {
            MeetingRequest request = requests.get(r);
            int m = meetingOfRequest[r];
            if (m < 0) {
                unscheduled.add(
                        new UnscheduledMeeting(
                                request,
                                UnscheduledMeeting.Reason.DUPLICATE,
                                requests.get(keptFor[r]).id()));
            } else if (board.slotOf(m) >= 0) {
                int slot = board.slotOf(m);
                scheduled.add(new ScheduledMeeting(request, slots.get(slot), ++nextTable[slot]));
            } else {
                unscheduled.add(new UnscheduledMeeting(request, board.reason(m), null));
            }
        }
        return new MeetingSchedule(session, slots, scheduled, unscheduled);
    }
}
