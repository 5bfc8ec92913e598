package coop.cluster.fundingwatch.call.domain;

import static coop.cluster.fundingwatch.call.domain.Calls.JUNE;
import static coop.cluster.fundingwatch.call.domain.Calls.OCTOBER;
import static coop.cluster.fundingwatch.call.domain.Calls.SEPTEMBER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallDiffTest {

    private final FundingCall call = Calls.call();

    @Test
    void theSameRecordTwiceIsNoChange() {
        CallDiff diff = CallDiff.between(call, Calls.call());

        assertThat(diff.isEmpty()).isTrue();
        assertThat(diff.deadlinesChanged()).isFalse();
        assertThat(diff).isEqualTo(new CallDiff(null, List.of(), List.of(), null, List.of()));
    }

    @Test
    void oneCutOffReplacedByAnotherIsAMovedDeadline() {
        CallDiff diff = CallDiff.between(call, Calls.withDeadlines(call, List.of(JUNE, OCTOBER)));

        assertThat(diff.deadlineMoved()).isEqualTo(new CallDiff.DeadlineMove(SEPTEMBER, OCTOBER));
        assertThat(diff.cutOffsAdded()).isEmpty();
        assertThat(diff.cutOffsRemoved()).isEmpty();
        assertThat(diff.changedFields()).isEmpty();
        assertThat(diff.isEmpty()).isFalse();
        assertThat(diff.deadlinesChanged()).isTrue();
    }

    @Test
    void cutOffsAddedAndRemoved() {
        CallDiff added =
                CallDiff.between(
                        call, Calls.withDeadlines(call, List.of(OCTOBER, JUNE, SEPTEMBER)));
        assertThat(added.cutOffsAdded()).containsExactly(OCTOBER);
        assertThat(added.cutOffsRemoved()).isEmpty();
        assertThat(added.deadlineMoved()).isNull();

        CallDiff removed = CallDiff.between(call, Calls.withDeadlines(call, List.of(SEPTEMBER)));
        assertThat(removed.cutOffsRemoved()).containsExactly(JUNE);
        assertThat(removed.cutOffsAdded()).isEmpty();
        assertThat(removed.deadlineMoved()).isNull();

        Instant december = Instant.parse("2026-12-01T16:00:00Z");
        CallDiff both =
                CallDiff.between(call, Calls.withDeadlines(call, List.of(OCTOBER, december)));
        assertThat(both.deadlineMoved()).isNull();
        assertThat(both.cutOffsAdded()).containsExactly(OCTOBER, december);
        assertThat(both.cutOffsRemoved()).containsExactly(JUNE, SEPTEMBER);

        CallDiff allGone = CallDiff.between(call, Calls.withDeadlines(call, List.of()));
        assertThat(allGone.cutOffsRemoved()).containsExactly(JUNE, SEPTEMBER);
        assertThat(allGone.changedFields()).isEmpty();
    }

    @Test
    void statusChanged() {
        CallDiff diff = CallDiff.between(call, Calls.withStatus(call, CallStatus.CLOSED));

        assertThat(diff.statusChanged())
                .isEqualTo(new CallDiff.StatusChange(CallStatus.OPEN, CallStatus.CLOSED));
        assertThat(diff.changedFields()).isEmpty();
        assertThat(diff.deadlinesChanged()).isFalse();
        assertThat(diff.isEmpty()).isFalse();
    }

    @Test
    void otherFieldsAreNamedInTheOrderOfTheCall() {
        CallDiff diff =
                CallDiff.between(
                        call,
                        Calls.withTitleDescriptionBudget(
                                call, "A new title", "New text.", Money.of("75000", "EUR")));

        assertThat(diff.changedFields()).containsExactly("title", "description", "budget");
        assertThat(diff.statusChanged()).isNull();
        assertThat(diff.deadlinesChanged()).isFalse();

        CallDiff sameBudgetOtherScale =
                CallDiff.between(
                        call,
                        Calls.withTitleDescriptionBudget(
                                call,
                                call.title(),
                                call.description(),
                                Money.of("60000.00", "EUR")));
        assertThat(sameBudgetOtherScale.isEmpty()).isTrue();

        CallDiff budgetGone =
                CallDiff.between(
                        call,
                        Calls.withTitleDescriptionBudget(
                                call, call.title(), call.description(), null));
        assertThat(budgetGone.changedFields()).containsExactly("budget");
    }

    @Test
    void onlyVersionsOfOneCallCompare() {
        FundingCall other =
                new FundingCall(
                        "eu-ft-portal",
                        "TEST-2",
                        null,
                        null,
                        null,
                        "Another",
                        null,
                        null,
                        null,
                        null,
                        CallKind.GRANT,
                        CallStatus.OPEN,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null);

        assertThatThrownBy(() -> CallDiff.between(call, other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TEST-2");
    }
}
