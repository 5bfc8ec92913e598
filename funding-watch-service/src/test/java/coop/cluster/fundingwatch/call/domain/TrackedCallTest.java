package coop.cluster.fundingwatch.call.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What storing a version of a call does: change detection, closing and reopening. */
class TrackedCallTest {

    private static final Instant MAY = Instant.parse("2026-05-01T08:00:00Z");
    private static final Instant JULY = Instant.parse("2026-07-01T08:00:00Z");
    private static final Instant NOVEMBER = Instant.parse("2026-11-01T08:00:00Z");

    @Test
    void aNewOpenCallIsStoredAsTheSourceStatesIt() {
        TrackedCall.Change first = TrackedCall.first(Calls.call(), MAY);

        assertThat(first.isNew()).isTrue();
        assertThat(first.closed()).isFalse();
        assertThat(first.diff()).isNull();
        assertThat(first.after())
                .isEqualTo(
                        new TrackedCall(Calls.call(), CallStatus.OPEN, MAY, MAY, null, null, null));
        assertThat(first.after().published()).isSameAs(first.after().call());
        assertThat(first.after().id()).isEqualTo(Calls.call().id().toString());
    }

    @Test
    void theSameCallAgainIsNoChangeEvenAfterItsDeadlinePassed() {
        TrackedCall stored = TrackedCall.first(Calls.call(), MAY).after();

        assertThat(stored.apply(Calls.call(), MAY)).isEmpty();
        assertThat(stored.apply(Calls.call(), NOVEMBER))
                .as("closing is the sweep's business")
                .isEmpty();
    }

    @Test
    void aMovedDeadlineIsAnUpdateWithItsDiff() {
        TrackedCall stored = TrackedCall.first(Calls.call(), MAY).after();
        FundingCall moved = Calls.withDeadlines(Calls.call(), List.of(Calls.JUNE, Calls.OCTOBER));

        TrackedCall.Change change = stored.apply(moved, JULY).orElseThrow();

        assertThat(change.closed()).isFalse();
        assertThat(change.diff().deadlineMoved())
                .isEqualTo(new CallDiff.DeadlineMove(Calls.SEPTEMBER, Calls.OCTOBER));
        assertThat(change.diff().statusChanged()).isNull();
        assertThat(change.diff().changedFields()).isEmpty();
        assertThat(change.after())
                .isEqualTo(new TrackedCall(moved, CallStatus.OPEN, MAY, JULY, null, null, null));
    }

    @Test
    void aCallTheSourceClosesClosesAtOnce() {
        TrackedCall stored = TrackedCall.first(Calls.call(), MAY).after();

        TrackedCall.Change change =
                stored.apply(Calls.withStatus(Calls.call(), CallStatus.CLOSED), JULY).orElseThrow();

        assertThat(change.closed()).isTrue();
        assertThat(change.diff().statusChanged())
                .isEqualTo(new CallDiff.StatusChange(CallStatus.OPEN, CallStatus.CLOSED));
        assertThat(change.after().status()).isEqualTo(CallStatus.CLOSED);
        assertThat(change.after().closedAt()).isEqualTo(JULY);
        assertThat(change.after().closedReason()).isEqualTo(CloseReason.SOURCE_CLOSED);
    }

    @Test
    void aCallWhoseLastDeadlinePassedClosesAtThatDeadlineOnce() {
        TrackedCall stored = TrackedCall.first(Calls.call(), MAY).after();

        assertThat(stored.closeIfDue(Calls.SEPTEMBER.minusMillis(1))).isEmpty();
        TrackedCall closed = stored.closeIfDue(NOVEMBER).orElseThrow();

        assertThat(closed.status()).isEqualTo(CallStatus.CLOSED);
        assertThat(closed.call().status())
                .as("the source's word is kept")
                .isEqualTo(CallStatus.OPEN);
        assertThat(closed.published().status()).isEqualTo(CallStatus.CLOSED);
        assertThat(closed.closedAt()).isEqualTo(Calls.SEPTEMBER);
        assertThat(closed.closedReason()).isEqualTo(CloseReason.DEADLINE_PASSED);
        assertThat(closed.lastChanged()).isEqualTo(NOVEMBER);
        assertThat(closed.closeIfDue(NOVEMBER)).as("closed once").isEmpty();
        assertThat(stored.closeIfDue(Calls.SEPTEMBER)).as("due at its deadline").isPresent();
    }

    @Test
    void aCallWithoutDeadlinesNeverClosesByTime() {
        TrackedCall stored =
                TrackedCall.first(Calls.withDeadlines(Calls.call(), List.of()), MAY).after();

        assertThat(stored.closeIfDue(Instant.parse("2199-01-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void aCallFirstSeenAfterItsLastDeadlineIsClosedFromTheStart() {
        TrackedCall.Change first = TrackedCall.first(Calls.call(), NOVEMBER);

        assertThat(first.closed()).isTrue();
        assertThat(first.after().status()).isEqualTo(CallStatus.CLOSED);
        assertThat(first.after().closedAt()).isEqualTo(Calls.SEPTEMBER);
        assertThat(first.after().closedReason()).isEqualTo(CloseReason.DEADLINE_PASSED);

        TrackedCall.Change sourceClosed =
                TrackedCall.first(Calls.withStatus(Calls.call(), CallStatus.CLOSED), MAY);
        assertThat(sourceClosed.closed()).isTrue();
        assertThat(sourceClosed.after().closedAt()).isEqualTo(MAY);
        assertThat(sourceClosed.after().closedReason()).isEqualTo(CloseReason.SOURCE_CLOSED);
    }

    @Test
    void aClosedCallWhoseDeadlineMovesIntoTheFutureOpensAgain() {
        TrackedCall closed =
                TrackedCall.first(Calls.call(), MAY).after().closeIfDue(NOVEMBER).orElseThrow();
        Instant later = Instant.parse("2027-01-15T16:00:00Z");

        TrackedCall.Change change =
                closed.apply(
                                Calls.withDeadlines(Calls.call(), List.of(Calls.JUNE, later)),
                                NOVEMBER)
                        .orElseThrow();

        assertThat(change.closed()).isFalse();
        assertThat(change.after().status()).isEqualTo(CallStatus.OPEN);
        assertThat(change.after().closedAt()).isNull();
        assertThat(change.diff().statusChanged())
                .isEqualTo(new CallDiff.StatusChange(CallStatus.CLOSED, CallStatus.OPEN));
        assertThat(change.diff().deadlineMoved())
                .isEqualTo(new CallDiff.DeadlineMove(Calls.SEPTEMBER, later));
    }

    @Test
    void aSourceClosingACallClosedByItsDeadlineChangesNothingPublished() {
        TrackedCall closed =
                TrackedCall.first(Calls.call(), MAY).after().closeIfDue(NOVEMBER).orElseThrow();

        TrackedCall.Change change =
                closed.apply(Calls.withStatus(Calls.call(), CallStatus.CLOSED), NOVEMBER)
                        .orElseThrow();

        assertThat(change.closed()).as("it was closed already").isFalse();
        assertThat(change.diff().isEmpty()).isTrue();
        assertThat(change.after().closedAt()).isEqualTo(Calls.SEPTEMBER);
        assertThat(change.after().closedReason()).isEqualTo(CloseReason.DEADLINE_PASSED);
        assertThat(change.after().call().status()).isEqualTo(CallStatus.CLOSED);
    }

    @Test
    void aChangedTitleOfAClosedCallIsPublishedClosed() {
        TrackedCall closed =
                TrackedCall.first(Calls.call(), MAY).after().closeIfDue(NOVEMBER).orElseThrow();

        TrackedCall.Change change =
                closed.apply(
                                Calls.withTitleDescriptionBudget(
                                        Calls.call(),
                                        "New title",
                                        Calls.call().description(),
                                        Calls.call().budget()),
                                NOVEMBER)
                        .orElseThrow();

        assertThat(change.diff().changedFields()).containsExactly("title");
        assertThat(change.diff().statusChanged()).isNull();
        assertThat(change.after().published().status()).isEqualTo(CallStatus.CLOSED);
        assertThat(change.closed()).isFalse();
    }

    @Test
    void instantsAreKeptToTheMillisecond() {
        FundingCall fine =
                Calls.withDeadlines(
                        Calls.call(), List.of(Instant.parse("2026-09-15T15:00:00.123456789Z")));

        assertThat(fine.deadlines()).containsExactly(Instant.parse("2026-09-15T15:00:00.123Z"));
    }
}
