package coop.cluster.fundingwatch.call.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import coop.cluster.fundingwatch.call.domain.CallKind;
import coop.cluster.fundingwatch.call.domain.CallStatus;
import coop.cluster.fundingwatch.call.domain.CloseReason;
import coop.cluster.fundingwatch.call.domain.FundingCall;
import coop.cluster.fundingwatch.call.domain.TrackedCall;
import coop.cluster.fundingwatch.call.persistence.CallStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The indexer over a store that answers as told: the full load, this instance's writes, and the
 * poll's overlap.
 */
class CallIndexerTest {

    private static final Instant NOW = Instant.parse("2026-05-01T08:00:00Z");
    private static final Instant T1 = NOW.minusSeconds(60);
    private static final Instant T2 = NOW.minusSeconds(30);

    private final CallStore store = mock(CallStore.class);
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final CallIndex index = new CallIndex(clock);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CallIndexer indexer =
            new CallIndexer(store, index, clock, meters, 2, Duration.ofSeconds(2));

    @AfterEach
    void close() throws Exception {
        index.close();
    }

    @Test
    void theFullLoadReadsEverythingPageByPageThenPollsFromTheLatestChangeLessTheOverlap() {
        TrackedCall a = call("A", "Robots", T1, 0L);
        TrackedCall b = call("B", "Numérique", T1, 0L);
        TrackedCall c = call("C", "Hydrogen", T2, 0L);
        when(store.changedSince(eq(Instant.EPOCH), anyInt())).thenReturn(List.of(a, b));
        when(store.changedSince(eq(T1), anyInt())).thenReturn(List.of(a, b, c));

        indexer.catchUp();

        assertThat(indexer.built()).isTrue();
        assertThat(index.size()).isEqualTo(3);
        assertThat(meters.get("cluster.fundingwatch.calls.indexed").gauge().value()).isEqualTo(3);

        // another instance changed B: found by the next poll, which starts 2 s before C's change
        TrackedCall renamed = call("B", "Hydrogène vert", NOW, 1L);
        when(store.changedSince(eq(T2.minusSeconds(2)), anyInt())).thenReturn(List.of(c, renamed));
        indexer.catchUp();

        verify(store).changedSince(T2.minusSeconds(2), 2);
        assertThat(index.search(CallQuery.all().withText("hydrogènes"), 0, 10).hits())
                .extracting(hit -> hit.call().id())
                .containsExactlyInAnyOrder(c.id(), renamed.id());
        assertThat(index.search(CallQuery.all().withText("numériques"), 0, 10).total()).isZero();
    }

    @Test
    void thisInstancesWritesAreIndexedAtTheNextRefreshOnceBuilt() {
        TrackedCall a = call("A", "Robots", T1, 0L);
        indexer.onWritten(new CallStore.Written(a));
        indexer.refresh();
        assertThat(index.size()).as("nothing before the full load").isZero();

        when(store.changedSince(eq(Instant.EPOCH), anyInt())).thenReturn(List.of());
        indexer.catchUp();
        indexer.refresh();

        assertThat(index.search(CallQuery.all().withText("robot"), 0, 10).hits())
                .extracting(hit -> hit.call().id())
                .containsExactly(a.id());
        // the older state read late by a poll does not undo a newer write
        TrackedCall closed =
                new TrackedCall(
                        a.call(), CallStatus.CLOSED, T1, NOW, NOW, CloseReason.SOURCE_CLOSED, 1L);
        indexer.onWritten(new CallStore.Written(closed));
        indexer.refresh();
        assertThat(index.apply(List.of(a))).isZero();
        assertThat(
                        index.search(CallQuery.all().withStatuses(Set.of(CallStatus.CLOSED)), 0, 10)
                                .total())
                .isEqualTo(1);
    }

    private static TrackedCall call(
            String reference, String title, Instant lastChanged, Long version) {
        FundingCall call =
                new FundingCall(
                        "feed",
                        reference,
                        null,
                        null,
                        null,
                        title,
                        "P",
                        "",
                        List.of(),
                        List.of(),
                        CallKind.GRANT,
                        CallStatus.OPEN,
                        null,
                        List.of(NOW.plusSeconds(86_400)),
                        null,
                        List.of(),
                        null,
                        null);
        return new TrackedCall(call, CallStatus.OPEN, T1, lastChanged, null, null, version);
    }
}
