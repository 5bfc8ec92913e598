package coop.cluster.finance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConflictRetryTest {

    private final ConflictRetry retry = new ConflictRetry(5);

    @Test
    void retriesALostRaceUntilAnAttemptWins() {
        AtomicInteger attempts = new AtomicInteger();

        String outcome =
                retry.run(
                        () ->
                                attempts.incrementAndGet() < 3
                                        ? Optional.empty()
                                        : Optional.of("won"),
                        () -> new IllegalStateException("exhausted"),
                        () -> new IllegalStateException("interrupted"));

        assertThat(outcome).isEqualTo("won");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void stopsAfterMaxAttemptsLost() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(
                        () ->
                                retry.run(
                                        () -> {
                                            attempts.incrementAndGet();
                                            return Optional.empty();
                                        },
                                        () -> new IllegalStateException("exhausted"),
                                        () -> new IllegalStateException("interrupted")))
                .hasMessage("exhausted");
        assertThat(attempts).hasValue(5);
    }

    @Test
    void anExceptionIsNotRetriedAndIsThrownAsItIs() {
        AtomicInteger attempts = new AtomicInteger();
        IllegalArgumentException refused = new IllegalArgumentException("refused");

        assertThatThrownBy(
                        () ->
                                retry.run(
                                        () -> {
                                            attempts.incrementAndGet();
                                            throw refused;
                                        },
                                        () -> new IllegalStateException("exhausted"),
                                        () -> new IllegalStateException("interrupted")))
                .isSameAs(refused);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void anInterruptedPauseEndsTheRetriesWithTheFlagSet() {
        try {
            assertThatThrownBy(
                            () ->
                                    retry.run(
                                            () -> {
                                                Thread.currentThread().interrupt();
                                                return Optional.empty();
                                            },
                                            () -> new IllegalStateException("exhausted"),
                                            () -> new IllegalStateException("interrupted")))
                    .hasMessage("interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void onlyOneAttemptWhenThatIsAllThereIs() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(
                        () ->
                                new ConflictRetry(1)
                                        .run(
                                                () -> {
                                                    attempts.incrementAndGet();
                                                    return Optional.empty();
                                                },
                                                () -> new IllegalStateException("exhausted"),
                                                () -> new IllegalStateException("interrupted")))
                .hasMessage("exhausted");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void pausesGrowToAtMost25Milliseconds() {
        assertThat(ConflictRetry.pauseCapMillis(1)).isEqualTo(2);
        assertThat(ConflictRetry.pauseCapMillis(2)).isEqualTo(4);
        assertThat(ConflictRetry.pauseCapMillis(4)).isEqualTo(16);
        assertThat(ConflictRetry.pauseCapMillis(5)).isEqualTo(25);
        assertThat(ConflictRetry.pauseCapMillis(40)).isEqualTo(25);
    }
}
