package coop.cluster.fundingwatch.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import coop.cluster.fundingwatch.call.domain.CallKind;
import coop.cluster.fundingwatch.call.domain.CallStatus;
import coop.cluster.fundingwatch.call.domain.FundingCall;
import coop.cluster.fundingwatch.call.domain.ReminderKey;
import coop.cluster.fundingwatch.call.domain.ReminderSchedule;
import coop.cluster.fundingwatch.call.domain.TrackedCall;
import coop.cluster.fundingwatch.call.events.DeadlineApproaching;
import coop.cluster.fundingwatch.call.persistence.CallStore;
import coop.cluster.plumbing.events.EventCatalog;
import coop.cluster.plumbing.events.EventFactory;
import coop.cluster.plumbing.events.PendingEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.dao.OptimisticLockingFailureException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reminder sweep over a store that answers as told: what it writes, with which events, and lost
 * races.
 */
class DeadlineRemindersTest {

    private static final Instant DEADLINE = Instant.parse("2026-09-15T15:00:00Z");
    private static final Instant NOW = DEADLINE.minus(Duration.ofHours(36));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CallStore store = mock(CallStore.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final DeadlineReminders reminders =
            new DeadlineReminders(
                    store,
                    new ReminderSchedule(
                            List.of(Duration.ofDays(30), Duration.ofDays(7), Duration.ofDays(1))),
                    new EventFactory(
                            EventCatalog.of(DeadlineApproaching.class), JSON, clock, null, null),
                    clock,
                    meters);

    @BeforeEach
    void noCallFromBeforeReminders() {
        when(store.withoutReminderState(anyInt())).thenReturn(List.of());
    }

    @Test
    void aDueReminderIsWrittenWithItsKeyAndItsEventInOneWrite() {
        TrackedCall call = stored("AAP-1");
        when(store.dueForReminders(any(), anyInt())).thenReturn(List.of(call));
        when(store.update(any(), anyList())).thenAnswer(invocation -> invocation.getArgument(0));

        assertThat(reminders.sendDue()).isEqualTo(1);

        ArgumentCaptor<TrackedCall> written = ArgumentCaptor.forClass(TrackedCall.class);
        ArgumentCaptor<List<PendingEvent>> events = eventsCaptor();
        verify(store).update(written.capture(), events.capture());
        assertThat(written.getValue().version())
                .as("conditional on the version read")
                .isEqualTo(3L);
        assertThat(written.getValue().reminders().sent())
                .containsExactly(new ReminderKey(DEADLINE, Duration.ofDays(7)));
        assertThat(written.getValue().reminders().skipped())
                .containsExactly(new ReminderKey(DEADLINE, Duration.ofDays(30)));
        PendingEvent event = events.getValue().getFirst();
        assertThat(events.getValue()).hasSize(1);
        assertThat(event.type()).isEqualTo("cluster.fundingwatch.deadline.approaching.v1");
        assertThat(event.topic()).isEqualTo("fundingwatch.calls");
        assertThat(event.key()).isEqualTo(call.id());
        assertThat(event.subject()).isEqualTo(call.id());
        assertThat(JSON.readTree(event.payload()))
                .isEqualTo(
                        JSON.readTree(
                                """
                                {"callId": "%s", "title": "Innovation", "programme": "FEDER", "url": "https://example.org/aap-1",
                                 "deadline": "2026-09-15T15:00:00Z", "offset": "P7D", "remainingSeconds": 129600, "daysLeft": 1,
                                 "kind": "GRANT", "budget": null}\
                                """
                                        .formatted(call.id())));
        assertThat(meters.counter("cluster.fundingwatch.reminders", "outcome", "sent").count())
                .isEqualTo(1);
        assertThat(meters.counter("cluster.fundingwatch.reminders", "outcome", "skipped").count())
                .isEqualTo(1);
    }

    @Test
    void theSameReminderDecidedTwiceHasTheSameEventId() {
        TrackedCall call = stored("AAP-1");
        when(store.dueForReminders(any(), anyInt())).thenReturn(List.of(call));
        when(store.update(any(), anyList())).thenAnswer(invocation -> invocation.getArgument(0));

        reminders.sendDue();
        reminders.sendDue();

        ArgumentCaptor<List<PendingEvent>> events = eventsCaptor();
        verify(store, times(2)).update(any(), events.capture());
        assertThat(events.getAllValues().get(0).getFirst().id())
                .isEqualTo(events.getAllValues().get(1).getFirst().id());
    }

    @Test
    void aCallWrittenMeanwhileByAnotherInstanceIsLeftToTheNextSweepAndNothingIsCounted() {
        TrackedCall raced = stored("AAP-1");
        TrackedCall due = stored("AAP-2");
        when(store.dueForReminders(any(), anyInt())).thenReturn(List.of(raced, due));
        when(store.update(any(), anyList()))
                .thenAnswer(
                        invocation -> {
                            TrackedCall call = invocation.getArgument(0);
                            if (call.call().reference().equals("AAP-1")) {
                                throw new OptimisticLockingFailureException(
                                        "another instance reminded first");
                            }
                            return call;
                        });

        assertThat(reminders.sendDue()).isEqualTo(1);
        assertThat(meters.counter("cluster.fundingwatch.reminders", "outcome", "sent").count())
                .isEqualTo(1);
    }

    @Test
    void aCallDueWithNothingToSendIsWrittenWithoutEventsSoItsNextReminderMovesOn() {
        // the call's cut-off passed while the service was down: no reminder, but nextReminderAt
        // must move on
        TrackedCall passed = stored("AAP-1", NOW.minusSeconds(60));
        when(store.dueForReminders(any(), anyInt())).thenReturn(List.of(passed));
        when(store.update(any(), anyList())).thenAnswer(invocation -> invocation.getArgument(0));

        assertThat(reminders.sendDue()).isZero();

        verify(store).update(passed, List.of());
    }

    @Test
    void callsStoredBeforeRemindersExistedAreWrittenOnceSoTheyAreScheduled() {
        TrackedCall old = stored("AAP-1");
        when(store.withoutReminderState(anyInt())).thenReturn(List.of(old));
        when(store.dueForReminders(any(), anyInt())).thenReturn(List.of());
        when(store.update(any(), anyList())).thenAnswer(invocation -> invocation.getArgument(0));

        reminders.sendDue();
        reminders.sendDue();

        verify(store, times(1)).withoutReminderState(anyInt());
        verify(store).update(old, List.of());
        verify(store, never()).insert(any(), anyList());
    }

    /**
     * Acceptance testing: the two cascade calls that share {@code
     * DIGITAL-2023-SKILLS-05-SPECIALEDU} ("METU Internships Offer", "Gnomon Internships Offer")
     * were announced with the same title and the same URL, the EU topic's. A cascade call is
     * announced by its own call title, its own page and its budget.
     */
    @Test
    void aCascadeCallIsRemindedOfByItsOwnTitlePageAndBudget() throws Exception {
        Instant dayBefore = Instant.parse("2027-03-30T15:00:00Z");
        Clock late = Clock.fixed(dayBefore, ZoneOffset.UTC);
        DeadlineReminders cascadeReminders =
                new DeadlineReminders(
                        store,
                        new ReminderSchedule(List.of(Duration.ofDays(31))),
                        new EventFactory(
                                EventCatalog.of(DeadlineApproaching.class), JSON, late, null, null),
                        late,
                        meters);
        List<TrackedCall> cascades =
                new coop.cluster.fundingwatch.call.adapter.SearchApiAdapter()
                                .normalise(
                                        "eu-ft-portal",
                                        JSON.readTree(
                                                java.nio.file.Files.readString(
                                                        java.nio.file.Path.of(
                                                                "src/test/resources/feeds/search-api-cascade-calls.json"))))
                                .calls()
                                .stream()
                                .filter(call -> call.kind() == CallKind.CASCADE)
                                .map(
                                        call ->
                                                TrackedCall.first(
                                                                call,
                                                                Instant.parse(
                                                                        "2026-11-02T00:00:00Z"))
                                                        .after())
                                .toList();
        assertThat(cascades).hasSize(2);
        when(store.dueForReminders(any(), anyInt())).thenReturn(cascades);
        when(store.update(any(), anyList())).thenAnswer(invocation -> invocation.getArgument(0));

        cascadeReminders.sendDue();

        ArgumentCaptor<List<PendingEvent>> events = eventsCaptor();
        verify(store, times(2)).update(any(), events.capture());
        var metu = JSON.readTree(events.getAllValues().get(0).getFirst().payload());
        var gnomon = JSON.readTree(events.getAllValues().get(1).getFirst().payload());
        assertThat(metu.get("title").asString()).isEqualTo("METU Internships Offer");
        assertThat(gnomon.get("title").asString()).isEqualTo("Gnomon Internships Offer");
        assertThat(metu.get("url").asString())
                .isEqualTo(
                        "https://ec.europa.eu/info/funding-tenders/opportunities/"
                                + "portal/screen/opportunities/competitive-calls-cs/7301");
        assertThat(gnomon.get("url").asString()).endsWith("/competitive-calls-cs/7302");
        assertThat(metu.get("kind").asString()).isEqualTo("CASCADE");
        assertThat(metu.get("budget").toString())
                .isEqualTo("{\"amount\":\"24000\",\"currency\":\"EUR\"}");
        assertThat(gnomon.get("budget").toString())
                .isEqualTo("{\"amount\":\"9600.5\",\"currency\":\"EUR\"}");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ArgumentCaptor<List<PendingEvent>> eventsCaptor() {
        return (ArgumentCaptor) ArgumentCaptor.forClass(List.class);
    }

    private static TrackedCall stored(String reference) {
        return stored(reference, DEADLINE);
    }

    private static TrackedCall stored(String reference, Instant deadline) {
        FundingCall call =
                new FundingCall(
                        "region-sud",
                        reference,
                        reference,
                        null,
                        null,
                        "Innovation",
                        "FEDER",
                        "Text",
                        List.of(),
                        List.of(),
                        CallKind.GRANT,
                        CallStatus.OPEN,
                        null,
                        List.of(deadline),
                        null,
                        List.of(),
                        null,
                        "https://example.org/" + reference.toLowerCase(java.util.Locale.ROOT));
        TrackedCall first = TrackedCall.first(call, Instant.parse("2026-01-01T00:00:00Z")).after();
        return new TrackedCall(
                first.call(),
                first.status(),
                first.firstSeen(),
                first.lastChanged(),
                first.closedAt(),
                first.closedReason(),
                3L);
    }
}
