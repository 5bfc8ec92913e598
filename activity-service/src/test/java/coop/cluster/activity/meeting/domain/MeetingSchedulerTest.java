package coop.cluster.activity.meeting.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MeetingSchedulerTest {

    private static final LocalDate DAY = LocalDate.of(2026, 6, 11);

    /** 09:00–10:00 in 20-minute slots: three slots. */
    private static B2bSession session(int tables) {
        return B2bSession.of(
                DAY, LocalTime.of(9, 0), LocalTime.of(10, 0), Duration.ofMinutes(20), tables);
    }

    private final MeetingScheduler scheduler = new MeetingScheduler();

    private MeetingSchedule schedule(
            B2bSession session, List<Participant> participants, List<MeetingRequest> requests) {
        MeetingSchedule schedule = scheduler.schedule(session, participants, requests);
        ScheduleInvariants.check(schedule, session, participants, requests);
        return schedule;
    }

    private static List<Participant> people(int n) {
        List<Participant> people = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            people.add(Participant.available("p" + i, "org-" + i));
        }
        return people;
    }

    @Test
    void slotsSkipBreaksAndStopAtTheEnd() {
        B2bSession session =
                new B2bSession(
                        DAY,
                        LocalTime.of(9, 0),
                        LocalTime.of(11, 10),
                        Duration.ofMinutes(20),
                        List.of(new TimeWindow(LocalTime.of(9, 50), LocalTime.of(10, 10))),
                        5);
        assertThat(session.slots())
                .extracting(Slot::start)
                .containsExactly(
                        LocalTime.of(9, 0),
                        LocalTime.of(9, 20),
                        LocalTime.of(10, 10),
                        LocalTime.of(10, 30),
                        LocalTime.of(10, 50) /* ends 11:10 */);
        assertThat(session.slotsDuring(new TimeWindow(LocalTime.of(9, 30), LocalTime.of(10, 20))))
                .containsExactly(1, 2);
    }

    @Test
    void emptyInputGivesAnEmptySchedule() {
        MeetingSchedule schedule = schedule(session(2), List.of(), List.of());
        assertThat(schedule.scheduled()).isEmpty();
        assertThat(schedule.unscheduled()).isEmpty();
        assertThat(schedule.slots()).hasSize(3);
    }

    @Test
    void aTriangleNeedsThreeSlotsAndGetsThem() {
        List<MeetingRequest> requests =
                List.of(
                        MeetingRequest.between("ab", "p0", "p1", Priority.ACCEPTED),
                        MeetingRequest.between("bc", "p1", "p2", Priority.ACCEPTED),
                        MeetingRequest.between("ca", "p2", "p0", Priority.ACCEPTED));
        MeetingSchedule schedule = schedule(session(1), people(3), requests);
        assertThat(schedule.scheduled()).hasSize(3);
        assertThat(schedule.meetingsOf("p0")).hasSize(2);
        assertThat(schedule.at(0)).hasSize(1);
    }

    @Test
    void moreMeetingsThanSlotsTimesTablesLeavesTheRestWithoutATable() {
        // 8 disjoint pairs, 3 slots x 2 tables: 6 fit
        List<MeetingRequest> requests = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            requests.add(
                    MeetingRequest.between(
                            "r" + i, "p" + 2 * i, "p" + (2 * i + 1), Priority.ACCEPTED));
        }
        MeetingSchedule schedule = schedule(session(2), people(16), requests);
        assertThat(schedule.scheduled()).hasSize(6);
        assertThat(schedule.unscheduled())
                .extracting(UnscheduledMeeting::reason)
                .containsOnly(UnscheduledMeeting.Reason.NO_TABLE_LEFT);
    }

    @Test
    void aParticipantAwayAllSessionHasNoCommonFreeSlot() {
        List<Participant> people = new ArrayList<>(people(2));
        people.add(new Participant("away", "org-away", Set.of(0, 1, 2)));
        List<MeetingRequest> requests =
                List.of(
                        MeetingRequest.between("r1", "p0", "away", Priority.MUTUAL),
                        MeetingRequest.between("r2", "p0", "p1", Priority.ACCEPTED));
        MeetingSchedule schedule = schedule(session(3), people, requests);
        assertThat(schedule.scheduled()).extracting(m -> m.request().id()).containsExactly("r2");
        assertThat(schedule.unscheduled())
                .singleElement()
                .satisfies(
                        u -> {
                            assertThat(u.request().id()).isEqualTo("r1");
                            assertThat(u.reason())
                                    .isEqualTo(UnscheduledMeeting.Reason.NO_COMMON_FREE_SLOT);
                        });
    }

    @Test
    void aBusyParticipantIsToldSo() {
        // p0 is asked by four people in three slots
        List<MeetingRequest> requests = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            requests.add(MeetingRequest.between("r" + i, "p0", "p" + i, Priority.ACCEPTED));
        }
        MeetingSchedule schedule = schedule(session(5), people(5), requests);
        assertThat(schedule.scheduled()).hasSize(3);
        assertThat(schedule.unscheduled())
                .singleElement()
                .extracting(UnscheduledMeeting::reason)
                .isEqualTo(UnscheduledMeeting.Reason.PARTICIPANTS_BUSY);
    }

    @Test
    void mutualRequestsWinWhenNotAllFit() {
        List<MeetingRequest> requests = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            requests.add(
                    MeetingRequest.between(
                            "r" + i, "p0", "p" + i, i >= 4 ? Priority.MUTUAL : Priority.ACCEPTED));
        }
        MeetingSchedule schedule = schedule(session(5), people(6), requests);
        assertThat(schedule.scheduled()).hasSize(3);
        assertThat(schedule.scheduled()).extracting(m -> m.request().id()).contains("r4", "r5");
    }

    @Test
    void aDuplicateRequestIsScheduledOnceUnderTheHigherPriority() {
        List<MeetingRequest> requests =
                List.of(
                        MeetingRequest.between("first", "p0", "p1", Priority.ACCEPTED),
                        MeetingRequest.between("again", "p1", "p0", Priority.MUTUAL));
        MeetingSchedule schedule = schedule(session(2), people(2), requests);
        assertThat(schedule.scheduled()).extracting(m -> m.request().id()).containsExactly("again");
        assertThat(schedule.unscheduled())
                .singleElement()
                .satisfies(
                        u -> {
                            assertThat(u.reason()).isEqualTo(UnscheduledMeeting.Reason.DUPLICATE);
                            assertThat(u.duplicateOf()).isEqualTo("again");
                        });
    }

    @Test
    void anOrganisationMaySendTwoPeopleToOneMeeting() {
        List<Participant> people =
                List.of(
                        Participant.available("a1", "org-a"),
                        Participant.available("a2", "org-a"),
                        Participant.available("b", "org-b"));
        List<MeetingRequest> requests =
                List.of(
                        new MeetingRequest("trio", List.of("a1", "a2", "b"), Priority.MUTUAL),
                        MeetingRequest.between("pair", "a2", "b", Priority.ACCEPTED));
        MeetingSchedule schedule = schedule(session(3), people, requests);
        assertThat(schedule.scheduled()).hasSize(2);
        assertThat(schedule.meetingsOf("b"))
                .extracting(m -> m.slot().index())
                .doesNotHaveDuplicates();
    }

    @Test
    void refusesSelfMeetingsAndBadInput() {
        assertThatThrownBy(() -> MeetingRequest.between("r", "p0", "p0", Priority.MUTUAL))
                .isInstanceOf(MeetingRuleViolation.class)
                .hasMessage(MeetingRuleViolation.SELF_MEETING);
        assertThatThrownBy(
                        () ->
                                scheduler.schedule(
                                        session(1),
                                        List.of(
                                                Participant.available("a1", "org-a"),
                                                Participant.available("a2", "org-a")),
                                        List.of(
                                                MeetingRequest.between(
                                                        "r", "a1", "a2", Priority.MUTUAL))))
                .hasMessage(MeetingRuleViolation.ONE_ORGANISATION);
        assertThatThrownBy(
                        () ->
                                scheduler.schedule(
                                        session(1),
                                        people(1),
                                        List.of(
                                                MeetingRequest.between(
                                                        "r", "p0", "ghost", Priority.MUTUAL))))
                .hasMessage(MeetingRuleViolation.UNKNOWN_PARTICIPANT);
        assertThatThrownBy(
                        () ->
                                scheduler.schedule(
                                        session(1),
                                        people(3),
                                        List.of(
                                                MeetingRequest.between(
                                                        "r", "p0", "p1", Priority.MUTUAL),
                                                MeetingRequest.between(
                                                        "r", "p1", "p2", Priority.MUTUAL))))
                .hasMessage(MeetingRuleViolation.DUPLICATE_REQUEST_ID);
        assertThatThrownBy(
                        () ->
                                scheduler.schedule(
                                        session(1),
                                        List.of(new Participant("p", "o", Set.of(3))),
                                        List.of()))
                .hasMessage(MeetingRuleViolation.UNKNOWN_SLOT);
        assertThatThrownBy(() -> session(0)).hasMessage(MeetingRuleViolation.INVALID_SESSION);
    }

    @Test
    void theSameInputGivesTheSameSchedule() {
        RandomB2bInput input = RandomB2bInput.generate(42, 100, 1_000, 25, 0.3);
        MeetingSchedule once =
                scheduler.schedule(input.session(), input.participants(), input.requests());
        MeetingSchedule twice =
                new MeetingScheduler()
                        .schedule(input.session(), input.participants(), input.requests());
        assertThat(twice).isEqualTo(once);
        ScheduleInvariants.check(once, input.session(), input.participants(), input.requests());
    }
}
