package coop.cluster.fundingwatch.call.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which deadline reminders are due, on a fixed clock: each once, only the most imminent for a call
 * seen late, new ones for a moved cut-off, none for a closed call.
 */
class ReminderScheduleTest {

    private static final Duration P30D = Duration.ofDays(30);
    private static final Duration P7D = Duration.ofDays(7);
    private static final Duration P1D = Duration.ofDays(1);
    private static final Instant DEADLINE = Instant.parse("2026-09-15T15:00:00Z");

    private final ReminderSchedule schedule = new ReminderSchedule(List.of(P1D, P30D, P7D, P7D));

    @Test
    void theOffsetsAreKeptLargestFirstWithoutRepeatsAndMustBePositive() {
        assertThat(schedule.offsets()).containsExactly(P30D, P7D, P1D);
        assertThatThrownBy(() -> new ReminderSchedule(List.of(Duration.ZERO)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReminderSchedule(List.of(Duration.ofDays(-1))))
                .isInstanceOf(IllegalArgumentException.class);
        TrackedCall call = seen(DEADLINE.minus(Duration.ofDays(2)), DEADLINE);
        assertThat(new ReminderSchedule(List.of()).decide(call, DEADLINE.minus(P1D)).isEmpty())
                .isTrue();
        assertThat(new ReminderSchedule(List.of()).nextReminderAt(call, DEADLINE.minus(P1D)))
                .isEmpty();
    }

    @Test
    void eachReminderIsSentOnceAtItsMomentAndNeverAgain() {
        Instant firstSeen = DEADLINE.minus(Duration.ofDays(60));
        TrackedCall call = seen(firstSeen, DEADLINE);
        assertThat(schedule.nextReminderAt(call, firstSeen)).hasValue(DEADLINE.minus(P30D));
        assertThat(schedule.decide(call, DEADLINE.minus(P30D).minusMillis(1)).isEmpty())
                .as("not yet")
                .isTrue();

        Clock clock = Clock.fixed(DEADLINE.minus(P30D), ZoneOffset.UTC);
        ReminderSchedule.Decision thirty = schedule.decide(call, clock.instant());
        assertThat(thirty.send()).containsExactly(new ReminderKey(DEADLINE, P30D));
        assertThat(thirty.skipped()).isEmpty();
        assertThat(thirty.after().reminders().sent())
                .containsExactly(new ReminderKey(DEADLINE, P30D));
        assertThat(thirty.after().lastChanged())
                .as("a reminder is no change of the call")
                .isEqualTo(firstSeen);
        call = thirty.after();
        assertThat(schedule.nextReminderAt(call, clock.instant())).hasValue(DEADLINE.minus(P7D));

        // once: the same moment again, a later sweep, a restart that reads the call again
        assertThat(schedule.decide(call, clock.instant()).isEmpty()).isTrue();
        assertThat(schedule.decide(call, clock.instant()).after()).isSameAs(call);
        assertThat(schedule.decide(call, DEADLINE.minus(Duration.ofDays(10))).isEmpty()).isTrue();

        ReminderSchedule.Decision seven =
                schedule.decide(call, DEADLINE.minus(P7D).plusSeconds(30));
        assertThat(seven.send()).containsExactly(new ReminderKey(DEADLINE, P7D));
        call = seven.after();
        assertThat(schedule.nextReminderAt(call, DEADLINE.minus(P7D)))
                .hasValue(DEADLINE.minus(P1D));

        ReminderSchedule.Decision one = schedule.decide(call, DEADLINE.minus(P1D));
        assertThat(one.send()).containsExactly(new ReminderKey(DEADLINE, P1D));
        call = one.after();
        assertThat(call.reminders().sent())
                .containsExactly(
                        new ReminderKey(DEADLINE, P30D),
                        new ReminderKey(DEADLINE, P7D),
                        new ReminderKey(DEADLINE, P1D));
        assertThat(call.reminders().skipped()).isEmpty();
        assertThat(schedule.nextReminderAt(call, DEADLINE.minus(P1D))).as("none left").isEmpty();
        assertThat(schedule.decide(call, DEADLINE.minusSeconds(1)).isEmpty()).isTrue();
    }

    @Test
    void aCallSeenLateGetsOnlyTheMostImminentReminderDueAndTheLargerOnesAreSkipped() {
        Instant firstSeen = DEADLINE.minus(Duration.ofHours(36));
        TrackedCall call = seen(firstSeen, DEADLINE);
        assertThat(schedule.nextReminderAt(call, firstSeen))
                .as("due already")
                .hasValue(DEADLINE.minus(P30D));

        ReminderSchedule.Decision decision = schedule.decide(call, firstSeen);

        assertThat(decision.send()).containsExactly(new ReminderKey(DEADLINE, P7D));
        assertThat(decision.skipped()).containsExactly(new ReminderKey(DEADLINE, P30D));
        call = decision.after();
        assertThat(call.reminders().skipped()).containsExactly(new ReminderKey(DEADLINE, P30D));
        assertThat(schedule.nextReminderAt(call, firstSeen)).hasValue(DEADLINE.minus(P1D));
        assertThat(schedule.decide(call, firstSeen.plusSeconds(60)).isEmpty()).isTrue();

        ReminderSchedule.Decision lastDay = schedule.decide(call, DEADLINE.minus(P1D));
        assertThat(lastDay.send()).containsExactly(new ReminderKey(DEADLINE, P1D));
        assertThat(lastDay.skipped()).isEmpty();
    }

    @Test
    void aCallSeenMinutesBeforeItsDeadlineGetsTheLastReminderOnly() {
        Instant firstSeen = DEADLINE.minus(Duration.ofMinutes(5));
        ReminderSchedule.Decision decision = schedule.decide(seen(firstSeen, DEADLINE), firstSeen);

        assertThat(decision.send()).containsExactly(new ReminderKey(DEADLINE, P1D));
        assertThat(decision.skipped())
                .containsExactly(new ReminderKey(DEADLINE, P30D), new ReminderKey(DEADLINE, P7D));
    }

    @Test
    void aSweepThatDidNotRunForDaysSendsOneReminderNotABacklog() {
        TrackedCall call =
                schedule.decide(
                                seen(DEADLINE.minus(Duration.ofDays(40)), DEADLINE),
                                DEADLINE.minus(P30D))
                        .after();

        ReminderSchedule.Decision late =
                schedule.decide(call, DEADLINE.minus(Duration.ofHours(12)));

        assertThat(late.send()).containsExactly(new ReminderKey(DEADLINE, P1D));
        assertThat(late.skipped()).containsExactly(new ReminderKey(DEADLINE, P7D));
    }

    @Test
    void anOffsetAddedLaterIsNotSentAfterAMoreImminentReminderWentOut() {
        TrackedCall call =
                new ReminderSchedule(List.of(P1D))
                        .decide(
                                seen(DEADLINE.minus(Duration.ofDays(40)), DEADLINE),
                                DEADLINE.minus(P1D))
                        .after();

        ReminderSchedule.Decision decision =
                schedule.decide(call, DEADLINE.minus(Duration.ofHours(20)));

        assertThat(decision.send()).isEmpty();
        assertThat(decision.skipped())
                .containsExactly(new ReminderKey(DEADLINE, P30D), new ReminderKey(DEADLINE, P7D));
        assertThat(schedule.nextReminderAt(decision.after(), DEADLINE.minus(Duration.ofHours(20))))
                .isEmpty();
    }

    @Test
    void aMovedDeadlineGetsItsOwnRemindersAndThoseOfTheOldOneAreForgotten() {
        Instant moved = DEADLINE.plus(Duration.ofDays(20));
        Instant now = DEADLINE.minus(Duration.ofDays(5));
        TrackedCall call =
                schedule.decide(seen(DEADLINE.minus(Duration.ofDays(60)), DEADLINE), now).after();
        assertThat(call.reminders().sent()).containsExactly(new ReminderKey(DEADLINE, P7D));

        TrackedCall.Change change =
                call.apply(Calls.withDeadlines(call.call(), List.of(moved)), now).orElseThrow();

        TrackedCall after = change.after();
        assertThat(after.reminders())
                .as("the old cut-off's reminders go")
                .isEqualTo(Reminders.NONE);
        assertThat(schedule.nextReminderAt(after, now))
                .as("25 days left: the 30-day reminder is due")
                .hasValue(moved.minus(P30D));
        ReminderSchedule.Decision decision = schedule.decide(after, now);
        assertThat(decision.send()).containsExactly(new ReminderKey(moved, P30D));
        assertThat(decision.skipped()).isEmpty();
        assertThat(schedule.decide(decision.after(), moved.minus(P7D)).send())
                .containsExactly(new ReminderKey(moved, P7D));
    }

    @Test
    void aChangeOfTheCallKeepsTheRemindersOfTheCutOffsItStillHas() {
        Instant added = DEADLINE.plus(Duration.ofDays(90));
        Instant now = DEADLINE.minus(Duration.ofDays(3));
        TrackedCall call =
                schedule.decide(seen(DEADLINE.minus(Duration.ofDays(60)), DEADLINE), now).after();

        TrackedCall after =
                call.apply(Calls.withDeadlines(call.call(), List.of(DEADLINE, added)), now)
                        .orElseThrow()
                        .after();

        assertThat(after.reminders()).isEqualTo(call.reminders());
        assertThat(schedule.decide(after, now).isEmpty())
                .as("nothing sent twice, the new cut-off not due")
                .isTrue();
        assertThat(schedule.nextReminderAt(after, now)).hasValue(DEADLINE.minus(P1D));
    }

    @Test
    void everyFutureCutOffHasItsRemindersAndAPastOneHasNone() {
        Instant first = DEADLINE;
        Instant second = DEADLINE.plus(Duration.ofDays(5));
        TrackedCall call = seen(DEADLINE.minus(Duration.ofDays(60)), first, second);

        ReminderSchedule.Decision both = schedule.decide(call, first.minus(Duration.ofHours(12)));
        assertThat(both.send())
                .containsExactly(new ReminderKey(first, P1D), new ReminderKey(second, P7D));
        assertThat(both.skipped())
                .containsExactly(
                        new ReminderKey(first, P30D),
                        new ReminderKey(first, P7D),
                        new ReminderKey(second, P30D));

        TrackedCall untouched = seen(DEADLINE.minus(Duration.ofDays(60)), first, second);
        Instant afterFirst = first.plusSeconds(1);
        ReminderSchedule.Decision onlySecond = schedule.decide(untouched, afterFirst);
        assertThat(onlySecond.send()).containsExactly(new ReminderKey(second, P7D));
        assertThat(onlySecond.skipped()).containsExactly(new ReminderKey(second, P30D));
        assertThat(schedule.nextReminderAt(onlySecond.after(), afterFirst))
                .hasValue(second.minus(P1D));
    }

    @Test
    void aClosedCallGetsNoReminderAndHasNoneDue() {
        Instant now = DEADLINE.minus(P1D);
        TrackedCall closed =
                TrackedCall.first(
                                Calls.withDeadlines(
                                        Calls.withStatus(Calls.call(), CallStatus.CLOSED),
                                        List.of(DEADLINE)),
                                DEADLINE.minus(Duration.ofDays(60)))
                        .after();
        assertThat(closed.isClosed()).isTrue();

        assertThat(schedule.decide(closed, now).isEmpty()).isTrue();
        assertThat(schedule.decide(closed, now).after()).isSameAs(closed);
        assertThat(schedule.nextReminderAt(closed, now)).isEmpty();

        TrackedCall passed =
                seen(DEADLINE.minus(Duration.ofDays(60)), DEADLINE)
                        .closeIfDue(DEADLINE)
                        .orElseThrow();
        assertThat(schedule.decide(passed, DEADLINE).isEmpty()).isTrue();
        assertThat(schedule.nextReminderAt(passed, DEADLINE)).isEmpty();
    }

    @Test
    void aCallClosedAndOpenedAgainByItsSourceDoesNotRemindTwice() {
        Instant now = DEADLINE.minus(Duration.ofDays(3));
        TrackedCall reminded =
                schedule.decide(seen(DEADLINE.minus(Duration.ofDays(60)), DEADLINE), now).after();
        TrackedCall closed =
                reminded.apply(Calls.withStatus(reminded.call(), CallStatus.CLOSED), now)
                        .orElseThrow()
                        .after();
        assertThat(closed.reminders()).isEqualTo(reminded.reminders());

        TrackedCall reopened =
                closed.apply(reminded.call(), now.plusSeconds(60)).orElseThrow().after();

        assertThat(reopened.isClosed()).isFalse();
        assertThat(schedule.decide(reopened, now.plusSeconds(60)).isEmpty()).isTrue();
        assertThat(schedule.nextReminderAt(reopened, now)).hasValue(DEADLINE.minus(P1D));
    }

    @Test
    void aReminderKeyIsWrittenAndReadAsDeadlineBarIsoOffset() {
        ReminderKey key = new ReminderKey(DEADLINE, P7D);
        assertThat(key.toString()).isEqualTo("2026-09-15T15:00:00Z|P7D");
        assertThat(ReminderKey.parse(key.toString())).isEqualTo(key);
        assertThat(ReminderKey.parse("2026-09-15T15:00:00Z|PT168H")).isEqualTo(key);
        assertThat(ReminderKey.iso(Duration.ofHours(36))).isEqualTo("PT36H");
        assertThat(ReminderKey.iso(Duration.ofDays(30))).isEqualTo("P30D");
        assertThat(key.moment()).isEqualTo(Instant.parse("2026-09-08T15:00:00Z"));
        assertThatThrownBy(() -> ReminderKey.parse("2026-09-15T15:00:00Z"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReminderKey.parse("soon|P7D"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** An open call with {@code deadlines}, first seen at {@code firstSeen}. */
    private static TrackedCall seen(Instant firstSeen, Instant... deadlines) {
        TrackedCall call =
                TrackedCall.first(Calls.withDeadlines(Calls.call(), List.of(deadlines)), firstSeen)
                        .after();
        assertThat(call.isClosed()).isFalse();
        assertThat(call.reminders()).isEqualTo(Reminders.NONE);
        return call;
    }
}
