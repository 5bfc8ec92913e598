package coop.cluster.activity.meeting.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Checks a schedule against the scheduler's invariants; shared by the unit and property tests. */
final class ScheduleInvariants {

    private ScheduleInvariants() {}

    static void check(
            MeetingSchedule schedule,
            B2bSession session,
            List<Participant> participants,
            List<MeetingRequest> requests) {
        Map<String, Participant> byId = new HashMap<>();
        participants.forEach(p -> byId.put(p.id(), p));
        Set<String> participantInSlot = new HashSet<>();
        Set<String> tableInSlot = new HashSet<>();
        Set<Set<String>> meetings = new HashSet<>();
        int slotCount = session.slots().size();
        for (ScheduledMeeting meeting : schedule.scheduled()) {
            int slot = meeting.slot().index();
            assertThat(slot).isBetween(0, slotCount - 1);
            assertThat(meeting.slot()).isEqualTo(session.slots().get(slot));
            assertThat(meeting.table()).isBetween(1, session.tables());
            assertThat(tableInSlot.add(slot + "/" + meeting.table()))
                    .as("table %d used twice in slot %d", meeting.table(), slot)
                    .isTrue();
            for (String id : meeting.request().participants()) {
                assertThat(participantInSlot.add(slot + "/" + id))
                        .as("%s in two meetings of slot %d", id, slot)
                        .isTrue();
                assertThat(byId.get(id).unavailableSlots())
                        .as("%s is unavailable in slot %d", id, slot)
                        .doesNotContain(slot);
            }
            assertThat(meetings.add(new TreeSet<>(meeting.request().participants())))
                    .as("meeting %s scheduled twice", meeting.request().participants())
                    .isTrue();
        }
        // every request is in exactly one of the two lists
        assertThat(
                        java.util.stream.Stream.concat(
                                        schedule.scheduled().stream().map(m -> m.request().id()),
                                        schedule.unscheduled().stream().map(m -> m.request().id()))
                                .toList())
                .containsExactlyInAnyOrderElementsOf(
                        requests.stream().map(MeetingRequest::id).toList());
    }
}
