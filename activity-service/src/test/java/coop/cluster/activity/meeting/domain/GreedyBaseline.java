package coop.cluster.activity.meeting.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The plain greedy schedule the scheduler is compared with (property test, benchmark): requests in
 * the given order, each in the first slot where its participants are all available and free and a
 * table is free, at the first free table. A request naming the same participants as an earlier one
 * is skipped (each meeting at most once). Written independently of {@link SlotBoard}.
 */
public final class GreedyBaseline {

    private GreedyBaseline() {}

    public static List<ScheduledMeeting> schedule(
            B2bSession session, List<Participant> participants, List<MeetingRequest> requests) {
        List<Slot> slots = session.slots();
        Map<String, Participant> byId = new HashMap<>();
        participants.forEach(p -> byId.put(p.id(), p));
        Map<String, Set<Integer>> busy = new HashMap<>();
        boolean[][] tableTaken = new boolean[slots.size()][session.tables()];
        Set<Set<String>> seen = new HashSet<>();
        List<ScheduledMeeting> scheduled = new ArrayList<>();
        for (MeetingRequest request : requests) {
            if (!seen.add(new TreeSet<>(request.participants()))) {
                continue;
            }
            for (Slot slot : slots) {
                int s = slot.index();
                boolean free =
                        request.participants().stream()
                                .allMatch(
                                        id ->
                                                !byId.get(id).unavailableSlots().contains(s)
                                                        && !busy.computeIfAbsent(
                                                                        id, k -> new HashSet<>())
                                                                .contains(s));
                int table = firstFree(tableTaken[s]);
                if (free && table >= 0) {
                    tableTaken[s][table] = true;
                    request.participants().forEach(id -> busy.get(id).add(s));
                    scheduled.add(new ScheduledMeeting(request, slot, table + 1));
                    break;
                }
            }
        }
        return scheduled;
    }

    private static int firstFree(boolean[] taken) {
        for (int t = 0; t < taken.length; t++) {
            if (!taken[t]) {
                return t;
            }
        }
        return -1;
    }
}
