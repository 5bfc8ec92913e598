package coop.cluster.fundingwatch.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import coop.cluster.fundingwatch.call.domain.CallKind;
import coop.cluster.fundingwatch.call.domain.CallStatus;
import coop.cluster.fundingwatch.call.domain.FundingCall;
import coop.cluster.fundingwatch.call.domain.Money;
import coop.cluster.fundingwatch.call.domain.TrackedCall;
import coop.cluster.fundingwatch.call.events.CallClosed;
import coop.cluster.fundingwatch.call.events.CallPublished;
import coop.cluster.fundingwatch.call.events.CallUpdated;
import coop.cluster.fundingwatch.call.persistence.CallStore;
import coop.cluster.plumbing.events.EventCatalog;
import coop.cluster.plumbing.events.EventFactory;
import coop.cluster.plumbing.events.PendingEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls' decisions over a store that answers as told: what is written, with which events, and the
 * races.
 */
class CallsTest {

    private static final Instant NOW = Instant.parse("2026-05-01T08:00:00Z");
    private static final Instant JUNE = Instant.parse("2026-06-30T15:00:00Z");
    private static final Instant SEPTEMBER = Instant.parse("2026-09-15T15:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CallStore store = mock(CallStore.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final Calls calls =
            new Calls(
                    store,
                    new EventFactory(
                            EventCatalog.of(
                                    CallPublished.class, CallUpdated.class, CallClosed.class),
                            JSON,
                            clock,
                            null,
                            null),
                    clock,
                    meters,
                    Calls.NO_MATCHING);

    @Test
    void matchesAreStoredWithTheCallAndOnlyTargetsNotToldYetAreAsked() {
        PendingEvent opportunity =
                new PendingEvent(
                        "e1",
                        "cluster.fundingwatch.opportunity.matched.v1",
                        "fundingwatch.opportunities",
                        "o1",
                        "opportunities/o1",
                        NOW,
                        "{}",
                        null,
                        null);
        List<java.util.Set<String>> asked = new java.util.ArrayList<>();
        CallMatching matching =
                new CallMatching() {
                    @Override
                    public Matched match(TrackedCall call, java.util.Set<String> told) {
                        asked.add(told);
                        return told.contains("member:m1")
                                ? Matched.NONE
                                : new Matched(List.of(opportunity), List.of("member:m1"));
                    }

                    @Override
                    public boolean ready() {
                        return true;
                    }
                };
        Calls matched =
                new Calls(
                        store,
                        new EventFactory(
                                EventCatalog.of(
                                        CallPublished.class, CallUpdated.class, CallClosed.class),
                                JSON,
                                clock,
                                null,
                                null),
                        clock,
                        meters,
                        matching);
        FundingCall call = call(CallStatus.OPEN, List.of(JUNE, SEPTEMBER));
        when(store.findStored(id(call))).thenReturn(Optional.empty());

        matched.apply(call);

        ArgumentCaptor<List<PendingEvent>> events = eventsCaptor();
        verify(store).insert(any(), events.capture(), eq(List.of("member:m1")));
        assertThat(events.getValue())
                .extracting(PendingEvent::type)
                .containsExactly(
                        "cluster.fundingwatch.call.published.v1",
                        "cluster.fundingwatch.opportunity.matched.v1");

        // changed later: matching is told who was told, and nothing new is recorded
        FundingCall moved =
                call(CallStatus.OPEN, List.of(JUNE, Instant.parse("2026-10-30T16:00:00Z")));
        when(store.findStored(id(moved)))
                .thenReturn(
                        Optional.of(
                                new CallStore.Stored(stored(call), java.util.Set.of("member:m1"))));
        when(store.update(any(), anyList(), any(), any()))
                .thenAnswer(invocation -> invocation.getArgument(0));
        matched.apply(moved);
        assertThat(asked).containsExactly(java.util.Set.of(), java.util.Set.of("member:m1"));
        verify(store).update(any(), anyList(), eq(List.of()), any());
    }

    @Test
    void aNewCallIsInsertedWithCallPublishedKeyedAndSubjectedByItsId() {
        FundingCall call = call(CallStatus.OPEN, List.of(JUNE, SEPTEMBER));
        when(store.findStored(id(call))).thenReturn(Optional.empty());

        Calls.Outcome outcome = calls.apply(call);

        assertThat(outcome).isEqualTo(new Calls.Outcome(Calls.Result.CREATED, id(call)));
        List<PendingEvent> events = inserted(call);
        assertThat(events)
                .extracting(PendingEvent::type)
                .containsExactly("cluster.fundingwatch.call.published.v1");
        PendingEvent published = events.getFirst();
        assertThat(published.topic()).isEqualTo("fundingwatch.calls");
        assertThat(published.key()).isEqualTo(id(call));
        assertThat(published.subject()).isEqualTo(id(call));
        JsonNode data = JSON.readTree(published.payload());
        assertThat(data.get("callId").asString()).isEqualTo(id(call));
        assertThat(data.get("source").asString()).isEqualTo("region-sud");
        assertThat(data.get("reference").asString()).isEqualTo("AAP-1");
        assertThat(data.get("publishedAt").asString()).isEqualTo("2026-05-01T08:00:00Z");
        assertThat(data.at("/call/title").asString()).isEqualTo("Innovation");
        assertThat(data.at("/call/status").asString()).isEqualTo("OPEN");
        assertThat(data.at("/call/deadlines/0").asString()).isEqualTo("2026-06-30T15:00:00Z");
        assertThat(data.at("/call/deadlines/1").asString()).isEqualTo("2026-09-15T15:00:00Z");
        assertThat(data.at("/call/budget/amount").asString()).isEqualTo("1500000.5");
        assertThat(data.at("/call/budget/currency").asString()).isEqualTo("EUR");
        assertThat(data.at("/call/url").asString()).isEqualTo("https://example.org/aap-1");
        assertThat(meters.counter("cluster.fundingwatch.calls", "outcome", "created").count())
                .isEqualTo(1);
    }

    @Test
    void aCallFirstSeenPastItsLastDeadlineIsPublishedClosedAndClosedInTheSameWrite() {
        FundingCall call = call(CallStatus.OPEN, List.of(Instant.parse("2026-03-24T00:00:00Z")));
        when(store.findStored(id(call))).thenReturn(Optional.empty());

        calls.apply(call);

        List<PendingEvent> events = inserted(call);
        assertThat(events)
                .extracting(PendingEvent::type)
                .containsExactly(
                        "cluster.fundingwatch.call.published.v1",
                        "cluster.fundingwatch.call.closed.v1");
        assertThat(JSON.readTree(events.get(0).payload()).at("/call/status").asString())
                .isEqualTo("CLOSED");
        assertThat(JSON.readTree(events.get(1).payload()))
                .isEqualTo(
                        JSON.readTree(
                                "{\"callId\":\""
                                        + id(call)
                                        + "\",\"closedAt\":\"2026-03-24T00:00:00Z\","
                                        + "\"reason\":\"deadline-passed\"}"));
    }

    @Test
    void theSameCallAgainWritesNothing() {
        FundingCall call = call(CallStatus.OPEN, List.of(JUNE));
        when(store.findStored(id(call))).thenReturn(Optional.of(told(call)));

        assertThat(calls.apply(call).result()).isEqualTo(Calls.Result.UNCHANGED);

        verify(store, never()).insert(any(), anyList(), any());
        verify(store, never()).update(any(), anyList(), any(), any());
        assertThat(meters.counter("cluster.fundingwatch.calls", "outcome", "unchanged").count())
                .isEqualTo(1);
    }

    @Test
    void aConcurrentInsertThatWonMakesItTheUpdatePath() {
        FundingCall call = call(CallStatus.OPEN, List.of(JUNE));
        when(store.findStored(id(call))).thenReturn(Optional.empty(), Optional.of(told(call)));
        when(store.insert(any(), anyList(), any())).thenThrow(new DuplicateKeyException("E11000"));

        assertThat(calls.apply(call).result()).isEqualTo(Calls.Result.UNCHANGED);
        verify(store, never()).update(any(), anyList(), any(), any());
    }

    @Test
    void aChangeIsWrittenWithCallUpdatedAndItsDiffAndRetriedOnALostRace() {
        FundingCall before = call(CallStatus.OPEN, List.of(JUNE));
        FundingCall after = call(CallStatus.OPEN, List.of(SEPTEMBER));
        when(store.findStored(id(before))).thenReturn(Optional.of(told(before)));
        when(store.update(any(), anyList(), any(), any()))
                .thenThrow(new OptimisticLockingFailureException("raced"))
                .thenThrow(new OptimisticLockingFailureException("raced"))
                .thenAnswer(invocation -> invocation.getArgument(0));

        assertThat(calls.apply(after).result()).isEqualTo(Calls.Result.UPDATED);

        List<PendingEvent> events = updated(3);
        assertThat(events)
                .extracting(PendingEvent::type)
                .containsExactly("cluster.fundingwatch.call.updated.v1");
        JsonNode data = JSON.readTree(events.getFirst().payload());
        assertThat(data.at("/diff/deadlineMoved/from").asString())
                .isEqualTo("2026-06-30T15:00:00Z");
        assertThat(data.at("/diff/deadlineMoved/to").asString()).isEqualTo("2026-09-15T15:00:00Z");
        assertThat(data.at("/diff/cutOffsAdded").isEmpty()).isTrue();
        assertThat(data.at("/diff/statusChanged").isNull()).isTrue();
        assertThat(data.at("/call/deadlines/0").asString()).isEqualTo("2026-09-15T15:00:00Z");
        assertThat(data.get("updatedAt").asString()).isEqualTo("2026-05-01T08:00:00Z");
    }

    @Test
    void aRaceLostSixTimesGivesUp() {
        FundingCall before = call(CallStatus.OPEN, List.of(JUNE));
        when(store.findStored(id(before))).thenReturn(Optional.of(told(before)));
        when(store.update(any(), anyList(), any(), any()))
                .thenThrow(new OptimisticLockingFailureException("raced"));

        assertThatThrownBy(() -> calls.apply(call(CallStatus.OPEN, List.of(SEPTEMBER))))
                .isInstanceOf(OptimisticLockingFailureException.class);
        verify(store, times(Calls.MAX_RETRIES + 1)).update(any(), anyList(), any(), any());
    }

    @Test
    void aCallTheSourceClosesIsUpdatedAndClosedInOneWrite() {
        FundingCall before = call(CallStatus.OPEN, List.of(JUNE));
        when(store.findStored(id(before))).thenReturn(Optional.of(told(before)));
        when(store.update(any(), anyList(), any(), any()))
                .thenAnswer(invocation -> invocation.getArgument(0));

        calls.apply(call(CallStatus.CLOSED, List.of(JUNE)));

        List<PendingEvent> events = updated(1);
        assertThat(events)
                .extracting(PendingEvent::type)
                .containsExactly(
                        "cluster.fundingwatch.call.updated.v1",
                        "cluster.fundingwatch.call.closed.v1");
        assertThat(JSON.readTree(events.get(0).payload()).at("/diff/statusChanged"))
                .isEqualTo(JSON.readTree("{\"from\":\"OPEN\",\"to\":\"CLOSED\"}"));
        assertThat(JSON.readTree(events.get(1).payload()).get("reason").asString())
                .isEqualTo("source-closed");
        assertThat(JSON.readTree(events.get(1).payload()).get("closedAt").asString())
                .isEqualTo("2026-05-01T08:00:00Z");
    }

    @Test
    void theSweepClosesWhatIsDueAndLeavesWhatChangedMeanwhile() {
        FundingCall due = call(CallStatus.OPEN, List.of(Instant.parse("2026-04-30T10:00:00Z")));
        FundingCall raced =
                new FundingCall(
                        "region-sud",
                        "AAP-2",
                        null,
                        null,
                        null,
                        "Other",
                        null,
                        null,
                        null,
                        null,
                        CallKind.GRANT,
                        CallStatus.OPEN,
                        null,
                        List.of(Instant.parse("2026-04-01T10:00:00Z")),
                        null,
                        null,
                        null,
                        null);
        when(store.dueForClosing(any(), anyInt())).thenReturn(List.of(stored(due), stored(raced)));
        when(store.update(any(), anyList(), any(), any()))
                .thenAnswer(
                        invocation -> {
                            TrackedCall call = invocation.getArgument(0);
                            if (call.call().reference().equals("AAP-2")) {
                                throw new OptimisticLockingFailureException("changed meanwhile");
                            }
                            return call;
                        });

        assertThat(calls.closeDue()).isEqualTo(1);

        ArgumentCaptor<TrackedCall> written = ArgumentCaptor.forClass(TrackedCall.class);
        ArgumentCaptor<List<PendingEvent>> events = eventsCaptor();
        verify(store, times(2)).update(written.capture(), events.capture(), any(), any());
        assertThat(written.getAllValues().getFirst().status()).isEqualTo(CallStatus.CLOSED);
        assertThat(events.getAllValues().getFirst())
                .singleElement()
                .satisfies(
                        event -> {
                            assertThat(event.type())
                                    .isEqualTo("cluster.fundingwatch.call.closed.v1");
                            assertThat(event.key()).isEqualTo(id(due));
                            assertThat(JSON.readTree(event.payload()))
                                    .isEqualTo(
                                            JSON.readTree(
                                                    "{\"callId\":\""
                                                            + id(due)
                                                            + "\",\"closedAt\":\"2026-04-30T10:00:00Z\",\"reason\":\"deadline-passed\"}"));
                        });
        assertThat(
                        meters.counter(
                                        "cluster.fundingwatch.calls.closed",
                                        "reason",
                                        "deadline-passed")
                                .count())
                .isEqualTo(1);
    }

    private List<PendingEvent> inserted(FundingCall call) {
        ArgumentCaptor<TrackedCall> written = ArgumentCaptor.forClass(TrackedCall.class);
        ArgumentCaptor<List<PendingEvent>> events = eventsCaptor();
        verify(store).insert(written.capture(), events.capture(), any());
        assertThat(written.getValue().call()).isEqualTo(call);
        assertThat(written.getValue().firstSeen()).isEqualTo(NOW);
        return events.getValue();
    }

    private List<PendingEvent> updated(int attempts) {
        ArgumentCaptor<List<PendingEvent>> events = eventsCaptor();
        verify(store, times(attempts)).update(any(), events.capture(), any(), any());
        return events.getValue();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    /** The call as stored, no target told of it yet. */
    private static CallStore.Stored told(FundingCall call) {
        return new CallStore.Stored(stored(call), java.util.Set.of());
    }

    private static ArgumentCaptor<List<PendingEvent>> eventsCaptor() {
        return (ArgumentCaptor) ArgumentCaptor.forClass(List.class);
    }

    private static TrackedCall stored(FundingCall call) {
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

    private static String id(FundingCall call) {
        return call.id().toString();
    }

    private static FundingCall call(CallStatus status, List<Instant> deadlines) {
        return new FundingCall(
                "region-sud",
                "AAP-1",
                "AAP-1",
                null,
                null,
                "Innovation",
                "FEDER",
                "Text",
                List.of("innovation"),
                List.of(),
                CallKind.GRANT,
                status,
                Instant.parse("2026-01-15T00:00:00Z"),
                deadlines,
                Money.of("1500000.50", "EUR"),
                List.of("FR"),
                null,
                "https://example.org/aap-1");
    }
}
