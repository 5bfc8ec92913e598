package coop.cluster.fundingwatch.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import coop.cluster.fundingwatch.call.domain.CallChange;
import coop.cluster.fundingwatch.call.domain.CallChange.FieldChange;
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
import coop.cluster.plumbing.web.ProblemException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.dao.OptimisticLockingFailureException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A call's history: each change stored with the write that applies it (a cut-off moved, the budget
 * changed, the call closed by its source or by the sweep), field by field, with the feed batch it
 * came from and the revision it writes; nothing for the same call again; read back newest first, a
 * page at a time.
 */
class CallHistoryTest {

    private static final Instant NOW = Instant.parse("2026-05-01T08:00:00Z");
    private static final Instant JUNE = Instant.parse("2026-06-30T15:00:00Z");
    private static final Instant SEPTEMBER = Instant.parse("2026-09-15T15:00:00Z");
    private static final CallChange.Origin BATCH = new CallChange.Origin("region-sud", "batch-2");

    private final CallStore store = mock(CallStore.class);
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final Calls calls =
            new Calls(
                    store,
                    new EventFactory(
                            EventCatalog.of(
                                    CallPublished.class, CallUpdated.class, CallClosed.class),
                            JsonMapper.builder().build(),
                            clock,
                            null,
                            null),
                    clock,
                    new SimpleMeterRegistry(),
                    Calls.NO_MATCHING);

    @Test
    void aMovedCutOffIsRecordedWithItsBatchAndTheRevisionTheWriteStores() {
        FundingCall before = call(CallStatus.OPEN, List.of(JUNE), Money.of("1500000.50", "EUR"));
        storedAs(before);

        calls.apply(
                call(CallStatus.OPEN, List.of(SEPTEMBER), Money.of("1500000.50", "EUR")), BATCH);

        CallChange change = recorded(1);
        assertThat(change.revision()).isEqualTo(4L);
        assertThat(change.at()).isEqualTo(NOW);
        assertThat(change.feedId()).isEqualTo("region-sud");
        assertThat(change.batchId()).isEqualTo("batch-2");
        assertThat(change.closedReason()).isNull();
        assertThat(change.fields())
                .containsExactly(
                        new FieldChange(
                                "deadline", "2026-06-30T15:00:00Z", "2026-09-15T15:00:00Z"));
    }

    @Test
    void aBudgetChangedAndACutOffAddedAreRecordedFieldByFieldWithTheirValues() {
        FundingCall before = call(CallStatus.OPEN, List.of(JUNE), Money.of("1500000.50", "EUR"));
        storedAs(before);
        FundingCall after =
                new FundingCall(
                        "region-sud",
                        "AAP-1",
                        "AAP-1",
                        null,
                        null,
                        "Innovation 2026",
                        "FEDER",
                        "A new text",
                        List.of("innovation"),
                        List.of(),
                        CallKind.GRANT,
                        CallStatus.OPEN,
                        Instant.parse("2026-01-15T00:00:00Z"),
                        List.of(JUNE, SEPTEMBER),
                        Money.of("2000000", "EUR"),
                        List.of("FR", "BE"),
                        null,
                        "https://example.org/aap-1");

        calls.apply(after, BATCH);

        assertThat(recorded(1).fields())
                .containsExactly(
                        new FieldChange("deadline", null, "2026-09-15T15:00:00Z"),
                        new FieldChange("title", "Innovation", "Innovation 2026"),
                        new FieldChange("description", null, null),
                        new FieldChange(
                                "budget",
                                Map.of("amount", "1500000.5", "currency", "EUR"),
                                Map.of("amount", "2000000", "currency", "EUR")),
                        new FieldChange("eligibleCountries", List.of("FR"), List.of("FR", "BE")));
    }

    @Test
    void aCallItsSourceClosesIsRecordedAsClosedBySource() {
        storedAs(call(CallStatus.OPEN, List.of(JUNE), null));

        calls.apply(call(CallStatus.CLOSED, List.of(JUNE), null), BATCH);

        CallChange change = recorded(1);
        assertThat(change.closedReason()).isEqualTo("source-closed");
        assertThat(change.fields()).containsExactly(new FieldChange("status", "OPEN", "CLOSED"));
    }

    @Test
    void theSameCallAgainRecordsNothingAndARetryRecordsTheChangeOnceForTheVersionItWrites() {
        FundingCall call = call(CallStatus.OPEN, List.of(JUNE), null);
        storedAs(call);
        calls.apply(call, BATCH);
        verify(store, never()).update(any(), anyList(), any(), any());

        when(store.update(any(), anyList(), any(), any()))
                .thenThrow(new OptimisticLockingFailureException("raced"))
                .thenAnswer(invocation -> invocation.getArgument(0));
        calls.apply(call(CallStatus.OPEN, List.of(SEPTEMBER), null), BATCH);
        ArgumentCaptor<CallChange> changes = ArgumentCaptor.forClass(CallChange.class);
        verify(store, times(2)).update(any(), anyList(), any(), changes.capture());
        assertThat(changes.getAllValues()).extracting(CallChange::revision).containsExactly(4L, 4L);
    }

    @Test
    void theSweepRecordsTheClosingOfACallWhoseLastCutOffPassedWithoutABatch() {
        FundingCall due =
                call(CallStatus.OPEN, List.of(Instant.parse("2026-04-30T10:00:00Z")), null);
        when(store.dueForClosing(any(), anyInt())).thenReturn(List.of(stored(due)));
        when(store.update(any(), anyList(), any(), any()))
                .thenAnswer(invocation -> invocation.getArgument(0));

        assertThat(calls.closeDue()).isEqualTo(1);

        CallChange change = recorded(1);
        assertThat(change.revision()).isEqualTo(4L);
        assertThat(change.feedId()).isNull();
        assertThat(change.batchId()).isNull();
        assertThat(change.closedReason()).isEqualTo("deadline-passed");
        assertThat(change.fields()).containsExactly(new FieldChange("status", "OPEN", "CLOSED"));
    }

    @Test
    void aSourceClosingACallClosedHereAlreadyChangesNothingShownSoRecordsNothing() {
        FundingCall open =
                call(CallStatus.OPEN, List.of(Instant.parse("2026-04-30T10:00:00Z")), null);
        TrackedCall closed = stored(open).closeIfDue(NOW).orElseThrow();
        when(store.findStored(open.id().toString()))
                .thenReturn(Optional.of(new CallStore.Stored(closed, Set.of())));
        when(store.update(any(), anyList(), any(), any()))
                .thenAnswer(invocation -> invocation.getArgument(0));

        calls.apply(call(CallStatus.CLOSED, open.deadlines(), null), BATCH);

        verify(store).update(any(), anyList(), any(), isNull());
    }

    @Test
    void theHistoryIsReadNewestFirstAPageAtATimeAndAnUnknownCallIs404() {
        List<CallChange> oldestFirst = new ArrayList<>();
        IntStream.rangeClosed(1, 25)
                .forEach(
                        revision ->
                                oldestFirst.add(
                                        new CallChange(
                                                revision,
                                                NOW.plusSeconds(revision),
                                                "region-sud",
                                                "b" + revision,
                                                null,
                                                List.of(
                                                        new FieldChange(
                                                                "title",
                                                                "t" + (revision - 1),
                                                                "t" + revision)))));
        when(store.changes("known")).thenReturn(Optional.of(oldestFirst));
        when(store.changes("unknown")).thenReturn(Optional.empty());

        Calls.ChangePage first = calls.changes("known", 0, 10);
        assertThat(first.content())
                .extracting(CallChange::revision)
                .containsExactly(25L, 24L, 23L, 22L, 21L, 20L, 19L, 18L, 17L, 16L);
        assertThat(first.totalElements()).isEqualTo(25);
        assertThat(first.totalPages()).isEqualTo(3);
        assertThat(calls.changes("known", 2, 10).content())
                .extracting(CallChange::revision)
                .containsExactly(5L, 4L, 3L, 2L, 1L);
        assertThat(calls.changes("known", 7, 10).content()).isEmpty();
        assertThatThrownBy(() -> calls.changes("unknown", 0, 10))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        problem -> assertThat(problem.status().value()).isEqualTo(404));
    }

    private void storedAs(FundingCall call) {
        when(store.findStored(call.id().toString()))
                .thenReturn(Optional.of(new CallStore.Stored(stored(call), Set.of())));
        when(store.update(any(), anyList(), any(), any()))
                .thenAnswer(invocation -> invocation.getArgument(0));
    }

    private CallChange recorded(int writes) {
        ArgumentCaptor<CallChange> change = ArgumentCaptor.forClass(CallChange.class);
        verify(store, times(writes)).update(any(), anyList(), any(), change.capture());
        assertThat(change.getValue()).isNotNull();
        return change.getValue();
    }

    /** The call as stored at version 3: the next write stores revision 4. */
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

    private static FundingCall call(CallStatus status, List<Instant> deadlines, Money budget) {
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
                budget,
                List.of("FR"),
                null,
                "https://example.org/aap-1");
    }
}
