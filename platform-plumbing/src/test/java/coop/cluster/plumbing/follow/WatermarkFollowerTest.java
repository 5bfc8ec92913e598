package coop.cluster.plumbing.follow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WatermarkFollowerTest {

    record Change(String id, Instant at) {}

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** A collection of changes, read as a store would: by time, then id. */
    private final List<Change> store = new ArrayList<>();

    private final List<Change> applied = new ArrayList<>();
    private final List<String> reads = new ArrayList<>();
    private final AtomicReference<Instant> now = new AtomicReference<>(T0.plusSeconds(100));
    private final Clock clock = mock(Clock.class);

    @BeforeEach
    void clockReadsNow() {
        when(clock.instant()).thenAnswer(call -> now.get());
    }

    private List<Change> byTime(Instant since, int limit) {
        reads.add(since + "/" + limit);
        return sorted().stream().filter(c -> !c.at().isBefore(since)).limit(limit).toList();
    }

    private List<Change> byTimeAndKey(Instant since, Change after, int limit) {
        reads.add(since + "/" + (after == null ? "-" : after.id()) + "/" + limit);
        return sorted().stream()
                .filter(c -> !c.at().isBefore(since))
                .filter(
                        c ->
                                after == null
                                        || c.at().isAfter(since)
                                        || c.id().compareTo(after.id()) > 0)
                .limit(limit)
                .toList();
    }

    private List<Change> sorted() {
        return store.stream()
                .sorted(Comparator.comparing(Change::at).thenComparing(Change::id))
                .toList();
    }

    private void write(String id, int second) {
        store.add(new Change(id, T0.plusSeconds(second)));
    }

    private WatermarkFollower.Builder<Change> timeOnly() {
        return WatermarkFollower.<Change>byTime("test", this::byTime, Change::at)
                .applying(applied::addAll)
                .batchSize(2)
                .overlap(Duration.ofSeconds(1))
                .clock(clock);
    }

    @Test
    void theFirstCatchUpReadsEverythingInBatchesThenFromTheWatermarkLessTheOverlap() {
        for (int i = 0; i < 5; i++) {
            write("c" + i, i * 10);
        }
        WatermarkFollower<Change> follower = timeOnly().build();
        assertThat(follower.built()).isFalse();

        WatermarkFollower.CatchUp first = follower.catchUp();

        assertThat(first.initial()).isTrue();
        assertThat(first.read())
                .as("each batch from the last change of the one before")
                .isEqualTo(2 + 2 + 2 + 2 + 1);
        assertThat(applied).extracting(Change::id).containsOnly("c0", "c1", "c2", "c3", "c4");
        assertThat(follower.watermark()).isEqualTo(T0.plusSeconds(40));
        assertThat(follower.built()).isTrue();

        applied.clear();
        reads.clear();
        write("late", 39); // committed after c4, though its time is before
        follower.catchUp();
        assertThat(reads.getFirst()).isEqualTo(T0.plusSeconds(39) + "/2");
        assertThat(applied)
                .as("a full batch is read again from its last")
                .extracting(Change::id)
                .containsExactly("late", "c4", "c4");
    }

    @Test
    void aFullBatchInOneInstantIsReadAgainTwiceAsLarge() {
        for (int i = 0; i < 5; i++) {
            write("same" + i, 7);
        }
        write("after", 8);
        WatermarkFollower<Change> follower = timeOnly().build();
        follower.catchUp();
        assertThat(reads)
                .containsExactly(
                        Instant.EPOCH + "/2",
                        T0.plusSeconds(7) + "/2",
                        T0.plusSeconds(7) + "/4",
                        T0.plusSeconds(7) + "/8");
        assertThat(applied)
                .extracting(Change::id)
                .contains("same0", "same1", "same2", "same3", "same4", "after");
        assertThat(follower.watermark()).isEqualTo(T0.plusSeconds(8));
    }

    @Test
    void byTimeAndKeyABatchStartsAfterTheLastOneRead() {
        for (int i = 0; i < 5; i++) {
            write("same" + i, 7);
        }
        WatermarkFollower<Change> follower =
                WatermarkFollower.<Change>byTimeAndKey("test", this::byTimeAndKey, Change::at)
                        .applying(applied::addAll)
                        .batchSize(2)
                        .clock(clock)
                        .build();
        follower.catchUp();
        assertThat(reads)
                .containsExactly(
                        Instant.EPOCH + "/-/2",
                        T0.plusSeconds(7) + "/same1/2",
                        T0.plusSeconds(7) + "/same3/2");
        assertThat(applied)
                .extracting(Change::id)
                .containsExactly("same0", "same1", "same2", "same3", "same4");
    }

    @Test
    void aFirstLoadReplacesTheFirstReadAndTheWatermarkIsWhenItStarted() {
        AtomicBoolean loaded = new AtomicBoolean();
        List<WatermarkFollower.CatchUp> told = new ArrayList<>();
        WatermarkFollower<Change> follower =
                timeOnly().firstLoad(() -> loaded.set(true)).onFirstCatchUp(told::add).build();
        follower.catchUp();
        assertThat(loaded).isTrue();
        assertThat(reads).isEmpty();
        assertThat(follower.watermark()).isEqualTo(now.get());
        follower.catchUp();
        assertThat(reads).containsExactly(now.get().minusSeconds(1) + "/2");
        assertThat(told).singleElement().satisfies(c -> assertThat(c.initial()).isTrue());
    }

    @Test
    void aFailedPollIsCountedAndTheNextStartsFromTheSameWatermark() {
        write("a", 1);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Counter failures = meters.counter("failures");
        AtomicBoolean fail = new AtomicBoolean();
        WatermarkFollower<Change> follower =
                WatermarkFollower.<Change>byTime(
                                "test",
                                (since, limit) -> {
                                    if (fail.get()) {
                                        throw new IllegalStateException("store down");
                                    }
                                    return byTime(since, limit);
                                },
                                Change::at)
                        .applying(applied::addAll)
                        .clock(clock)
                        .failures(failures)
                        .build();
        assertThat(follower.poll()).isTrue();
        fail.set(true);
        assertThat(follower.poll()).isFalse();
        assertThatThrownBy(follower::catchUp).hasMessage("store down");
        assertThat(failures.count()).isEqualTo(1);
        assertThat(follower.watermark()).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void theLagIsTheTimeSinceTheLastCompleteCatchUpStarted() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        WatermarkFollower<Change> follower = timeOnly().build();
        follower.registerLag(meters, "lag", "the lag");
        now.set(now.get().plusSeconds(3));
        assertThat(meters.get("lag").gauge().value()).as("since construction").isEqualTo(3.0);
        follower.catchUp();
        now.set(now.get().plusMillis(1500));
        assertThat(follower.lagSeconds()).isEqualTo(1.5);
        assertThat(follower.caughtUpAt()).isEqualTo(now.get().minusMillis(1500));
    }
}
