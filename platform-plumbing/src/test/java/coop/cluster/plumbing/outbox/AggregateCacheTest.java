package coop.cluster.plumbing.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.dao.OptimisticLockingFailureException;

class AggregateCacheTest {

    record Counter(String id, long count, long version) {}

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AggregateCache<String, Counter> cache =
            new AggregateCache<>("counters", 100, Counter::version, meters);
    private final AtomicInteger reads = new AtomicInteger();
    private Counter stored = new Counter("a", 0, 0);

    private Optional<Counter> read() {
        reads.incrementAndGet();
        return Optional.ofNullable(stored);
    }

    /** The store's conditional write: only on the version read, and the version moves on. */
    private Counter write(Counter decidedOn, long newCount) {
        if (stored.version() != decidedOn.version()) {
            throw new OptimisticLockingFailureException("stale");
        }
        stored = new Counter(decidedOn.id(), newCount, decidedOn.version() + 1);
        return stored;
    }

    private Counter increment() {
        return cache.decide(
                "a",
                this::read,
                found ->
                        cache.written(
                                "a",
                                () -> write(found.orElseThrow(), found.orElseThrow().count() + 1)));
    }

    private double outcome(String outcome) {
        return meters.get("cluster.aggregate.cache.commands")
                .tag("outcome", outcome)
                .counter()
                .count();
    }

    @Test
    void aCommandOnAKeptAggregateCostsNoRead() {
        increment();
        assertThat(reads).hasValue(1);
        for (int i = 0; i < 10; i++) {
            increment();
        }
        assertThat(reads).hasValue(1);
        assertThat(stored.count()).isEqualTo(11);
        assertThat(outcome("hit")).isEqualTo(10);
        assertThat(outcome("miss")).isEqualTo(1);
    }

    @Test
    void aCommandOnAStaleAggregateIsDecidedAgainOnTheStoredOneAndNothingIsLost() {
        increment();
        stored = new Counter("a", 100, 7); // another instance wrote meanwhile
        Counter after = increment();
        assertThat(after.count()).isEqualTo(101);
        assertThat(after.version()).isEqualTo(8);
        assertThat(reads).hasValue(2);
        assertThat(outcome("stale")).isEqualTo(1);
        assertThat(cache.kept("a")).contains(after);
    }

    @Test
    void aRefusalOnAKeptAggregateIsCheckedAgainstTheStoredOne() {
        increment();
        stored =
                new Counter(
                        "a", 5,
                        3); // changed elsewhere: the rule below holds on the stored state only
        List<Long> decidedOn = new ArrayList<>();
        Counter after =
                cache.decide(
                        "a",
                        this::read,
                        found -> {
                            Counter current = found.orElseThrow();
                            decidedOn.add(current.count());
                            if (current.count() < 5) {
                                throw new IllegalStateException("needs at least 5");
                            }
                            return cache.written("a", () -> write(current, 0));
                        });
        assertThat(decidedOn).containsExactly(1L, 5L);
        assertThat(after.count()).isZero();
    }

    @Test
    void aRefusalOnTheStoredAggregateStands() {
        assertThatThrownBy(
                        () ->
                                cache.decide(
                                        "a",
                                        this::read,
                                        found -> {
                                            throw new IllegalStateException("refused");
                                        }))
                .hasMessage("refused");
        assertThat(reads).hasValue(1);
        cache.remember("a", stored);
        assertThatThrownBy(
                        () ->
                                cache.decide(
                                        "a",
                                        this::read,
                                        found -> {
                                            throw new IllegalStateException("refused again");
                                        }))
                .hasMessage("refused again");
        assertThat(reads).hasValue(2);
    }

    @Test
    void anUnknownAggregateIsReadEveryTimeAndNotKept() {
        stored = null;
        assertThat(cache.<Boolean>decide("a", this::read, Optional::isPresent).booleanValue())
                .isFalse();
        assertThat(cache.<Boolean>decide("a", this::read, Optional::isPresent).booleanValue())
                .isFalse();
        assertThat(reads).hasValue(2);
        assertThat(cache.kept("a")).isEmpty();
    }

    @Test
    void anOlderReadDoesNotReplaceALaterWrite() {
        cache.remember("a", new Counter("a", 3, 3));
        cache.remember("a", new Counter("a", 2, 2));
        assertThat(cache.kept("a")).contains(new Counter("a", 3, 3));
    }

    @Test
    void aFailedWriteForgetsTheAggregate() {
        cache.remember("a", stored);
        assertThatThrownBy(
                        () ->
                                cache.written(
                                        "a",
                                        () -> {
                                            throw new IllegalStateException(
                                                    "timed out: outcome unknown");
                                        }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(cache.kept("a")).isEmpty();
    }
}
