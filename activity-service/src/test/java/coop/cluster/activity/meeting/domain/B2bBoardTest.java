package coop.cluster.activity.meeting.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The board's rules: who joins, who asks whom, who answers, and what a re-run announces. */
class B2bBoardTest {

    /** 10:00 to 12:00 in Brussels (winter), 20-minute slots, a break from 11:00 to 11:20. */
    private static final Instant START = Instant.parse("2030-03-01T09:00:00Z");

    private static final BoardSession SESSION =
            new BoardSession(
                    new Interval(START, START.plus(Duration.ofHours(2))),
                    Duration.ofMinutes(20),
                    List.of(
                            new Interval(
                                    START.plus(Duration.ofHours(1)),
                                    START.plus(Duration.ofMinutes(80)))),
                    2);

    private final Instant now = START.minus(Duration.ofDays(2));

    private B2bBoard board() {
        B2bBoard board = B2bBoard.open("e1", SESSION, now);
        board = join(board, "ana", "org-a");
        board = join(board, "ava", "org-a");
        board = join(board, "ben", "org-b");
        board = join(board, "cem", "org-c");
        return board;
    }

    private B2bBoard join(B2bBoard board, String person, String org) {
        return board.join(new BoardParticipant(person, org, "robots", "funding", List.of(), now))
                .board();
    }

    @Test
    void theSessionIsLaidOnTheBrusselsClockWithoutTheBreak() {
        List<Interval> slots = SESSION.slots(B2bBoard.ZONE);
        assertThat(slots).hasSize(5);
        assertThat(slots.get(0).start()).isEqualTo(START);
        assertThat(slots.get(3).start()).isEqualTo(START.plus(Duration.ofMinutes(80)));
    }

    @Test
    void joiningTwiceUpdatesTheProfileAndKeepsTheOrganisation() {
        B2bBoard board = board();
        B2bBoard.Joined again =
                board.join(
                        new BoardParticipant("ana", "org-z", "cobots", "partners", List.of(), now));
        assertThat(again.isNew()).isFalse();
        assertThat(again.board().participants()).hasSize(4);
        BoardParticipant ana = again.board().participant("ana").orElseThrow();
        assertThat(ana.memberId()).isEqualTo("org-a");
        assertThat(ana.offers()).isEqualTo("cobots");
    }

    @Test
    void textsAreBounded() {
        assertThatThrownBy(
                        () -> new BoardParticipant("x", "o", "a".repeat(1001), "", List.of(), now))
                .isInstanceOf(MeetingRuleViolation.class)
                .hasFieldOrPropertyWithValue("code", MeetingRuleViolation.TEXT_TOO_LONG);
    }

    @Test
    void aRequestIsBetweenTwoParticipantsOfTwoOrganisationsOncePerPair() {
        B2bBoard board = board();
        assertThatThrownBy(() -> board.request("r1", "ana", "ava", now))
                .hasFieldOrPropertyWithValue("code", MeetingRuleViolation.ONE_ORGANISATION);
        assertThatThrownBy(() -> board.request("r1", "ana", "zoe", now))
                .hasFieldOrPropertyWithValue("code", MeetingRuleViolation.NOT_A_PARTICIPANT);
        assertThatThrownBy(() -> board.request("r1", "ana", "ana", now))
                .isInstanceOf(MeetingRuleViolation.class);
        B2bBoard.Requested made = board.request("r1", "ana", "ben", now);
        assertThat(made.isNew()).isTrue();
        assertThat(made.request().state()).isEqualTo(BoardRequest.State.REQUESTED);
        assertThatThrownBy(() -> made.board().request("r2", "ana", "ben", now))
                .hasFieldOrPropertyWithValue("code", MeetingRuleViolation.ALREADY_REQUESTED);
    }

    @Test
    void askingWhoAskedYouMakesTheirRequestMutualAndAccepted() {
        B2bBoard board = board().request("r1", "ana", "ben", now).board();
        B2bBoard.Requested back = board.request("r2", "ben", "ana", now);
        assertThat(back.isNew()).isFalse();
        assertThat(back.request().requestId()).isEqualTo("r1");
        assertThat(back.request().state()).isEqualTo(BoardRequest.State.ACCEPTED);
        assertThat(back.request().mutual()).isTrue();
        assertThat(back.request().priority()).isEqualTo(Priority.MUTUAL);
        assertThat(back.board().requests()).hasSize(1);
        assertThatThrownBy(() -> back.board().request("r3", "ben", "ana", now))
                .hasFieldOrPropertyWithValue("code", MeetingRuleViolation.ALREADY_REQUESTED);
    }

    @Test
    void onlyTheOneAskedAnswersAndOnlyOnceAndADeclinedPairMayAskAgain() {
        B2bBoard board = board().request("r1", "ana", "ben", now).board();
        assertThatThrownBy(() -> board.answer("r1", "ana", true, now))
                .hasFieldOrPropertyWithValue("code", MeetingRuleViolation.NOT_ASKED);
        assertThatThrownBy(() -> board.answer("nope", "ben", true, now))
                .hasFieldOrPropertyWithValue("code", MeetingRuleViolation.NO_SUCH_REQUEST);
        B2bBoard declined = board.answer("r1", "ben", false, now).board();
        assertThat(declined.request("r1").orElseThrow().state())
                .isEqualTo(BoardRequest.State.DECLINED);
        assertThatThrownBy(() -> declined.answer("r1", "ben", true, now))
                .hasFieldOrPropertyWithValue("code", MeetingRuleViolation.ALREADY_ANSWERED);
        assertThat(declined.request("r2", "ana", "ben", now).isNew()).isTrue();
    }

    @Test
    void theScheduleHoldsAcceptedRequestsOfConfirmedPeopleOnlyAndAReRunAnnouncesOnlyChanges() {
        B2bBoard board = board();
        board = board.request("r1", "ana", "ben", now).board();
        board = board.answer("r1", "ben", true, now).board();
        board = board.request("r2", "ana", "cem", now).board(); // never answered
        board = board.request("r3", "ava", "cem", now).board();
        board = board.answer("r3", "cem", true, now).board();
        Set<String> everyone = Set.of("ana", "ava", "ben", "cem");

        B2bBoard.Scheduled first = board.schedule(everyone, new MeetingScheduler(), "manon", now);
        BoardSchedule schedule = first.board().schedule();
        assertThat(schedule.run()).isEqualTo(1);
        assertThat(schedule.meetings())
                .extracting(BoardSchedule.Booked::requestId)
                .containsExactlyInAnyOrder("r1", "r3");
        assertThat(first.changed()).hasSize(2).allMatch(c -> c.previous() == null);
        assertThat(first.removed()).isEmpty();
        assertNoClash(schedule, 2);

        B2bBoard.Scheduled same =
                first.board().schedule(everyone, new MeetingScheduler(), "manon", now);
        assertThat(same.board().schedule().run()).isEqualTo(2);
        assertThat(same.changed()).isEmpty();
        assertThat(same.removed()).isEmpty();

        // ben's registration was cancelled: his meeting goes
        B2bBoard.Scheduled without =
                same.board()
                        .schedule(
                                Set.of("ana", "ava", "cem"), new MeetingScheduler(), "manon", now);
        assertThat(without.board().schedule().meetings())
                .extracting(BoardSchedule.Booked::requestId)
                .containsExactly("r3");
        assertThat(without.removed())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.meeting().requestId()).isEqualTo("r1");
                            assertThat(r.reason()).isEqualTo("PARTICIPANT_LEFT");
                        });
        assertThat(without.board().schedule().agendaOf("ben")).isEmpty();
    }

    @Test
    void awaySlotsAreRespectedAndNoRunOnceTheSessionStarted() {
        B2bBoard board = B2bBoard.open("e1", SESSION, now);
        board = join(board, "ana", "org-a");
        board =
                board.join(
                                new BoardParticipant(
                                        "ben",
                                        "org-b",
                                        "",
                                        "",
                                        List.of(
                                                new Interval(
                                                        START.minus(Duration.ofHours(1)),
                                                        START.plus(Duration.ofMinutes(50)))),
                                        now))
                        .board();
        board = board.request("r1", "ana", "ben", now).board();
        board = board.answer("r1", "ben", true, now).board();
        B2bBoard scheduled =
                board.schedule(Set.of("ana", "ben"), new MeetingScheduler(), "m", now).board();
        assertThat(scheduled.schedule().meetings().getFirst().slot()).isEqualTo(3);
        B2bBoard late = board;
        assertThatThrownBy(
                        () ->
                                late.schedule(
                                        Set.of("ana", "ben"), new MeetingScheduler(), "m", START))
                .hasFieldOrPropertyWithValue("code", MeetingRuleViolation.SESSION_STARTED);
    }

    @Test
    void aSessionIsOnOneDayWithItsBreaksInsideAndBoundedTables() {
        assertThatThrownBy(
                        () ->
                                new BoardSession(
                                                new Interval(
                                                        START, START.plus(Duration.ofHours(20))),
                                                Duration.ofMinutes(20),
                                                List.of(),
                                                2)
                                        .toSession(B2bBoard.ZONE))
                .hasFieldOrPropertyWithValue("code", MeetingRuleViolation.INVALID_SESSION);
        assertThatThrownBy(
                        () ->
                                new BoardSession(
                                        new Interval(START, START.plus(Duration.ofHours(2))),
                                        Duration.ofMinutes(20),
                                        List.of(
                                                new Interval(
                                                        START.minusSeconds(60),
                                                        START.plusSeconds(60))),
                                        2))
                .hasFieldOrPropertyWithValue("code", MeetingRuleViolation.INVALID_SESSION);
        assertThatThrownBy(
                        () ->
                                new BoardSession(
                                        new Interval(START, START.plus(Duration.ofHours(2))),
                                        Duration.ofMinutes(2),
                                        List.of(),
                                        2))
                .isInstanceOf(MeetingRuleViolation.class);
    }

    @Test
    void suggestionsRankBySharedWordsBothWaysAndSkipMyOrganisation() {
        BoardParticipant me =
                new BoardParticipant(
                        "ana",
                        "org-a",
                        "Cobots pour PME",
                        "Financement, robotique",
                        List.of(),
                        now);
        List<BoardParticipant> others =
                List.of(
                        new BoardParticipant(
                                "ava", "org-a", "financement robotique", "", List.of(), now),
                        new BoardParticipant(
                                "ben", "org-b", "Robotique et financement", "", List.of(), now),
                        new BoardParticipant("cem", "org-c", "robotique", "cobots", List.of(), now),
                        new BoardParticipant("dan", "org-d", "catering", "", List.of(), now));
        List<MeetingSuggestions.Suggestion> ranked = MeetingSuggestions.rank(me, others, 10);
        assertThat(ranked)
                .extracting(s -> s.participant().personId())
                .containsExactly("ben", "cem");
        assertThat(ranked.get(0).because()).containsExactly("financement", "robotique");
        assertThat(ranked.get(1).because()).containsExactly("cobots", "robotique");
    }

    static void assertNoClash(BoardSchedule schedule, int tables) {
        Set<String> personSlot = new HashSet<>();
        Set<String> tableSlot = new HashSet<>();
        for (BoardSchedule.Booked m : schedule.meetings()) {
            assertThat(personSlot.add(m.requesterId() + "@" + m.slot())).isTrue();
            assertThat(personSlot.add(m.requestedId() + "@" + m.slot())).isTrue();
            assertThat(tableSlot.add(m.table() + "@" + m.slot())).isTrue();
            assertThat(m.table()).isBetween(1, tables);
        }
    }
}
