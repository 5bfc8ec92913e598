package coop.cluster.membership.council.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cluster.membership.member.domain.MemberId;
import coop.cluster.plumbing.domain.RuleViolation;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The council's counting and rules outside a proposal: the tally, the quorum, the overdue-fee
 * policy's terms.
 */
class CouncilRulesTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private static Ballot ballot(VoteChoice choice) {
        return new Ballot(MemberId.newId(), "delegate", choice, T0, 0);
    }

    @Test
    void theTallyCountsEachChoiceAgainstTheElectorate() {
        Tally tally =
                Tally.of(
                        List.of(
                                ballot(VoteChoice.FOR),
                                ballot(VoteChoice.FOR),
                                ballot(VoteChoice.AGAINST),
                                ballot(VoteChoice.ABSTAIN)),
                        10);
        assertThat(tally).isEqualTo(new Tally(2, 1, 1, 10));
        assertThat(tally.ballots()).isEqualTo(4);
        assertThat(Tally.of(List.of(), 3).ballots()).isZero();
    }

    @Test
    void theQuorumIsAShareOfTheElectorateThatCastABallotAbstainingIncluded() {
        VotingRules half = new VotingRules(50, MajorityRule.SIMPLE);
        assertThat(half.quorumMet(new Tally(0, 0, 2, 4)))
                .as("two abstentions of four seats")
                .isTrue();
        assertThat(half.quorumMet(new Tally(1, 0, 0, 3))).as("one of three").isFalse();
        assertThat(new VotingRules(0, MajorityRule.SIMPLE).quorumMet(new Tally(0, 0, 0, 3)))
                .as("no ballot is never a quorum")
                .isFalse();
        assertThat(new VotingRules(100, MajorityRule.SIMPLE).quorumMet(new Tally(2, 1, 0, 3)))
                .isTrue();
        assertThatThrownBy(() -> new VotingRules(101, MajorityRule.SIMPLE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VotingRules(50, null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void theOverduePolicySuspendsAfterZeroToAYearOfDays() {
        assertThat(new OverduePolicy(true, 0).kind()).isEqualTo(Motion.Kind.OVERDUE_POLICY);
        assertThat(new OverduePolicy(false, 365).suspendAfterDays()).isEqualTo(365);
        for (int days : new int[] {-1, 366}) {
            assertThatThrownBy(() -> new OverduePolicy(true, days))
                    .isInstanceOfSatisfying(
                            RuleViolation.class,
                            v -> assertThat(v.code()).isEqualTo("invalid-overdue-days"));
        }
    }
}
