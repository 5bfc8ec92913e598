package coop.cluster.activity.event.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cluster.plumbing.domain.RuleViolation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExchangeEventTest {

    private static final Instant NOW = Instant.parse("2026-05-04T08:00:00Z");

    private static EventDetails details(int capacity, int waiting) {
        return new EventDetails(
                EventKind.WORKSHOP,
                "Atelier robots",
                "Robot workshop",
                null,
                null,
                "Namur",
                null,
                NOW.plus(Duration.ofDays(7)),
                NOW.plus(Duration.ofDays(7)).plus(Duration.ofHours(3)),
                capacity,
                waiting,
                Audience.ALL_MEMBERS,
                null);
    }

    private static ExchangeEvent published(int capacity, int waiting) {
        return ExchangeEvent.draft("e1", details(capacity, waiting), "manon", NOW).publish(NOW);
    }

    @Test
    void placesFillThenTheWaitingListThenNothing() {
        ExchangeEvent e = published(2, 1);
        e = e.register("r1", "amina", "m1", NOW).event();
        ExchangeEvent.Registered second = e.register("r2", "bruno", "m2", NOW);
        assertThat(second.waitlisted()).isFalse();
        ExchangeEvent.Registered third = second.event().register("r3", "carla", "m1", NOW);
        assertThat(third.waitlisted()).isTrue();
        assertThat(third.event().waitingPosition("r3")).isEqualTo(1);
        ExchangeEvent full = third.event();
        assertThatThrownBy(() -> full.register("r4", "dina", "m3", NOW))
                .isInstanceOf(RuleViolation.class)
                .hasMessage("event-full");
        assertThatThrownBy(() -> full.register("r5", "amina", "m1", NOW))
                .hasMessage("already-registered");
    }

    @Test
    void aCancelledPlaceGoesToTheFirstPersonWaiting() {
        ExchangeEvent e = published(1, 5);
        e = e.register("r1", "amina", "m1", NOW).event();
        e = e.register("r2", "bruno", "m2", NOW).event();
        e = e.register("r3", "carla", "m3", NOW).event();

        ExchangeEvent.Cancelled cancelled = e.cancelRegistration("r1", NOW);
        assertThat(cancelled.wasWaiting()).isFalse();
        assertThat(cancelled.promoted().registrationId()).isEqualTo("r2");
        assertThat(cancelled.promoted().promotedAt()).isEqualTo(NOW);
        assertThat(cancelled.event().confirmed())
                .extracting(Registration::personId)
                .containsExactly("bruno");
        assertThat(cancelled.event().waitingPosition("r3")).isEqualTo(1);

        ExchangeEvent.Cancelled waiting = cancelled.event().cancelRegistration("r3", NOW);
        assertThat(waiting.wasWaiting()).isTrue();
        assertThat(waiting.promoted()).isNull();
        assertThat(waiting.event().waiting()).isEmpty();
    }

    @Test
    void attendanceOnTheDayMakesTheEventHeld() {
        ExchangeEvent e = published(2, 2).register("r1", "amina", "m1", NOW).event();
        e = e.register("r2", "bruno", "m2", NOW).event();
        ExchangeEvent before = e;
        assertThatThrownBy(() -> before.recordAttendance(List.of("r1"), NOW))
                .hasMessage("event-not-started");
        Instant onTheDay = NOW.plus(Duration.ofDays(7));
        ExchangeEvent.Attended attended = e.recordAttendance(List.of("r1"), onTheDay);
        assertThat(attended.event().state()).isEqualTo(EventState.HELD);
        assertThat(attended.recorded())
                .extracting(Registration::registrationId)
                .containsExactly("r1");
        assertThat(attended.event().recordAttendance(List.of("r1", "r2"), onTheDay).recorded())
                .extracting(Registration::registrationId)
                .containsExactly("r2");
        assertThatThrownBy(() -> attended.event().recordAttendance(List.of("nope"), onTheDay))
                .hasMessage("not-a-confirmed-registration");
    }

    @Test
    void onlyAPublishedEventTakesRegistrations() {
        ExchangeEvent draft = ExchangeEvent.draft("e1", details(5, 5), "manon", NOW);
        assertThatThrownBy(() -> draft.register("r1", "amina", "m1", NOW))
                .hasMessage("event-not-open");
        ExchangeEvent cancelled = draft.publish(NOW).cancel("rain", NOW);
        assertThat(cancelled.state()).isEqualTo(EventState.CANCELLED);
        assertThatThrownBy(() -> cancelled.publish(NOW)).hasMessage("invalid-event-transition");
        assertThatThrownBy(() -> cancelled.register("r1", "amina", "m1", NOW))
                .hasMessage("event-not-open");
    }

    @Test
    void detailsThatDoNotFitTogetherAreRefused() {
        assertThatThrownBy(
                        () ->
                                new EventDetails(
                                        EventKind.WEBINAR,
                                        "t",
                                        null,
                                        null,
                                        null,
                                        null,
                                        "https://x",
                                        NOW,
                                        NOW,
                                        10,
                                        0,
                                        null,
                                        null))
                .hasMessage("event-ends-before-it-starts");
        assertThatThrownBy(
                        () ->
                                new EventDetails(
                                        EventKind.WEBINAR,
                                        "t",
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        NOW,
                                        NOW.plusSeconds(60),
                                        10,
                                        0,
                                        null,
                                        null))
                .hasMessage("event-place-required");
        assertThatThrownBy(
                        () ->
                                new EventDetails(
                                        EventKind.WEBINAR,
                                        "t",
                                        null,
                                        null,
                                        null,
                                        null,
                                        "https://x",
                                        NOW,
                                        NOW.plusSeconds(60),
                                        10,
                                        0,
                                        Audience.GROUP,
                                        null))
                .hasMessage("group-audience-needs-a-group");
    }
}
