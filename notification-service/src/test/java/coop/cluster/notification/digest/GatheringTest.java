package coop.cluster.notification.digest;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.notification.digest.Gathering.Batch;
import coop.cluster.notification.digest.Gathering.Gathered;
import coop.cluster.notification.notify.Kind;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Which gathered notices go out together, and under which id: the same on every instance and every
 * run.
 */
class GatheringTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(2);

    @Test
    void aBurstIsDueOnceItsWindowFromTheFirstNoticeHasEnded() {
        List<Gathered> untaken =
                List.of(
                        burst("n1", "amina", Kind.CALL_DEADLINE, 0),
                        burst("n2", "amina", Kind.CALL_DEADLINE, 30),
                        burst("n3", "amina", Kind.CALL_DEADLINE, 119));
        assertThat(Gathering.dueBursts(untaken, T0.plusSeconds(119), WINDOW, 500)).isEmpty();

        List<Batch> due = Gathering.dueBursts(untaken, T0.plusSeconds(120), WINDOW, 500);
        assertThat(due).hasSize(1);
        Batch batch = due.getFirst();
        assertThat(batch.noticeIds()).containsExactly("n1", "n2", "n3");
        assertThat(batch.personId()).isEqualTo("amina");
        assertThat(batch.kind()).isEqualTo(Kind.CALL_DEADLINE);
        assertThat(batch.period()).isEqualTo(Period.BURST);
        assertThat(batch.name()).isEqualTo("burst:n1");
        assertThat(batch.id()).isEqualTo(Gathering.id("burst:n1"));
    }

    @Test
    void aNoticeAfterTheWindowMakesTheNextBurst() {
        List<Gathered> untaken =
                new ArrayList<>(
                        List.of(
                                burst("n1", "amina", Kind.CALL_DEADLINE, 0),
                                burst("n2", "amina", Kind.CALL_DEADLINE, 120),
                                burst("n3", "amina", Kind.CALL_DEADLINE, 150)));
        Batch first = Gathering.dueBursts(untaken, T0.plusSeconds(200), WINDOW, 500).getFirst();
        assertThat(first.noticeIds()).containsExactly("n1");

        untaken.removeIf(n -> n.id().equals("n1"));
        assertThat(Gathering.dueBursts(untaken, T0.plusSeconds(200), WINDOW, 500)).isEmpty();
        Batch second = Gathering.dueBursts(untaken, T0.plusSeconds(240), WINDOW, 500).getFirst();
        assertThat(second.noticeIds()).containsExactly("n2", "n3");
        assertThat(second.id()).isNotEqualTo(first.id());
    }

    @Test
    void eachPersonAndKindIsItsOwnBurstAndTheOrderOfTheInputChangesNothing() {
        List<Gathered> untaken = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            untaken.add(burst("a" + i, "amina", Kind.CALL_DEADLINE, i % 60));
            untaken.add(burst("b" + i, "bruno", Kind.CALL_DEADLINE, i % 60));
        }
        untaken.add(burst("r1", "amina", Kind.REPORT_PUBLISHED, 10));
        List<Batch> due = Gathering.dueBursts(untaken, T0.plusSeconds(180), WINDOW, 500);
        Collections.shuffle(untaken, new Random(7));
        assertThat(Gathering.dueBursts(untaken, T0.plusSeconds(180), WINDOW, 500)).isEqualTo(due);
        assertThat(due)
                .extracting(Batch::personId, Batch::kind)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("amina", Kind.CALL_DEADLINE),
                        org.assertj.core.groups.Tuple.tuple("bruno", Kind.CALL_DEADLINE),
                        org.assertj.core.groups.Tuple.tuple("amina", Kind.REPORT_PUBLISHED));
        assertThat(
                        due.stream()
                                .filter(
                                        b ->
                                                b.personId().equals("amina")
                                                        && b.kind() == Kind.CALL_DEADLINE)
                                .findFirst()
                                .orElseThrow()
                                .noticeIds())
                .hasSize(200)
                .startsWith("a0");
    }

    @Test
    void aBurstTakesAtMostMaxNoticesTheOthersMakeTheNext() {
        List<Gathered> untaken = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            untaken.add(burst("n" + i, "amina", Kind.CALL_DEADLINE, i));
        }
        assertThat(
                        Gathering.dueBursts(untaken, T0.plusSeconds(300), WINDOW, 4)
                                .getFirst()
                                .noticeIds())
                .containsExactly("n0", "n1", "n2", "n3");
    }

    @Test
    void theFirstNoticeIsMarkedLastSoThatAnotherRunFindsTheSameBatch() {
        Batch batch =
                Gathering.dueBursts(
                                List.of(
                                        burst("n1", "amina", Kind.CALL_DEADLINE, 0),
                                        burst("n2", "amina", Kind.CALL_DEADLINE, 1),
                                        burst("n3", "amina", Kind.CALL_DEADLINE, 2)),
                                T0.plusSeconds(600),
                                WINDOW,
                                500)
                        .getFirst();
        assertThat(batch.markingOrder()).containsExactly("n2", "n3", "n1");
        // another run that looks while n2 and n3 are marked but n1 is not yet: the same first
        // notice, the same id
        Batch seenMeanwhile =
                Gathering.dueBursts(
                                List.of(burst("n1", "amina", Kind.CALL_DEADLINE, 0)),
                                T0.plusSeconds(600),
                                WINDOW,
                                500)
                        .getFirst();
        assertThat(seenMeanwhile.id()).isEqualTo(batch.id());
    }

    @Test
    void ADailyDigestTakesThePersonsNoticesOfThatPeriodGatheredBeforeItsBoundary() {
        Instant boundary = Instant.parse("2026-12-08T07:00:00Z");
        List<Gathered> untaken =
                List.of(
                        daily("d1", "amina", -3600),
                        daily("d2", "amina", -60),
                        daily("late", "amina", 60),
                        daily("b1", "bruno", -60),
                        new Gathered(
                                "w1",
                                "amina",
                                Kind.REPORT_PUBLISHED,
                                Period.WEEKLY,
                                boundary.minusSeconds(60)));
        Batch batch = Gathering.digest("amina", Period.DAILY, boundary, untaken, 500).orElseThrow();
        assertThat(batch.noticeIds()).containsExactly("d1", "d2");
        assertThat(batch.name()).isEqualTo("daily:2026-12-08:amina");
        assertThat(batch.kind()).isNull();
        assertThat(batch.id())
                .isEqualTo(Gathering.id("daily:2026-12-08:amina"))
                .isEqualTo(
                        Gathering.digest(
                                        "amina",
                                        Period.DAILY,
                                        boundary,
                                        List.of(daily("d2", "amina", -60)),
                                        500)
                                .orElseThrow()
                                .id());
        assertThat(
                        Gathering.digest("amina", Period.WEEKLY, boundary, untaken, 500)
                                .orElseThrow()
                                .noticeIds())
                .containsExactly("w1");
        assertThat(Gathering.digest("carla", Period.DAILY, boundary, untaken, 500)).isEmpty();
    }

    @Test
    void theScheduleNamesTheLatestBoundaryInUtc() {
        Schedule schedule = new Schedule(7, DayOfWeek.MONDAY);
        // 2026-12-07 is a Monday
        assertThat(schedule.daily(Instant.parse("2026-12-07T06:59:59Z")))
                .isEqualTo("2026-12-06T07:00:00Z");
        assertThat(schedule.daily(Instant.parse("2026-12-07T07:00:00Z")))
                .isEqualTo("2026-12-07T07:00:00Z");
        assertThat(schedule.daily(Instant.parse("2026-12-07T23:00:00Z")))
                .isEqualTo("2026-12-07T07:00:00Z");
        assertThat(schedule.weekly(Instant.parse("2026-12-07T06:00:00Z")))
                .isEqualTo("2026-11-30T07:00:00Z");
        assertThat(schedule.weekly(Instant.parse("2026-12-07T07:00:00Z")))
                .isEqualTo("2026-12-07T07:00:00Z");
        assertThat(schedule.weekly(Instant.parse("2026-12-13T23:59:00Z")))
                .isEqualTo("2026-12-07T07:00:00Z");
        assertThat(schedule.weekly(Instant.parse("2026-12-14T07:00:00Z")))
                .isEqualTo("2026-12-14T07:00:00Z");
        assertThat(new Schedule(18, DayOfWeek.FRIDAY).weekly(Instant.parse("2026-12-07T10:00:00Z")))
                .isEqualTo("2026-12-04T18:00:00Z");
        assertThat(Schedule.name(Period.WEEKLY, Instant.parse("2026-12-07T07:00:00Z")))
                .isEqualTo("weekly:2026-12-07");
    }

    private static Gathered burst(String id, String person, Kind kind, int second) {
        return new Gathered(id, person, kind, Period.BURST, T0.plusSeconds(second));
    }

    private static Gathered daily(String id, String person, int secondsFromBoundary) {
        return new Gathered(
                id,
                person,
                Kind.REPORT_PUBLISHED,
                Period.DAILY,
                Instant.parse("2026-12-08T07:00:00Z").plusSeconds(secondsFromBoundary));
    }
}
