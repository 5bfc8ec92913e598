package coop.cluster.membership.council.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cluster.membership.member.domain.MemberId;
import coop.cluster.membership.member.domain.OrganisationType;
import coop.cluster.plumbing.domain.RuleViolation;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProposalTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final MemberId A = new MemberId("a");
    private static final MemberId B = new MemberId("b");
    private static final MemberId C = new MemberId("c");
    private static final MemberId D = new MemberId("d");

    private static Proposal proposal(VotingRules rules, MemberId... seats) {
        return Proposal.table(
                ProposalId.newId(),
                "Fees 2027",
                new OverduePolicy(true, 30),
                "manon",
                T0,
                T0.plus(Duration.ofDays(7)),
                List.of(seats),
                rules);
    }

    private static Proposal simple(MemberId... seats) {
        return proposal(new VotingRules(50, MajorityRule.SIMPLE), seats);
    }

    private static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    @Test
    void closesAsSoonAsEverySeatHasVotedAndIsAdoptedByASimpleMajority() {
        Proposal p =
                simple(A, B, C)
                        .vote(A, "ann", VoteChoice.FOR, at(1))
                        .vote(B, "bob", VoteChoice.AGAINST, at(2));
        assertThat(p.status()).isEqualTo(ProposalStatus.OPEN);
        Proposal closed = p.vote(C, "cyd", VoteChoice.FOR, at(3));
        assertThat(closed.status()).isEqualTo(ProposalStatus.ADOPTED);
        assertThat(closed.outcome().early()).isTrue();
        assertThat(closed.outcome().closedAt()).isEqualTo(at(3));
        assertThat(closed.outcome().tally()).isEqualTo(new Tally(2, 1, 0, 3));
    }

    @Test
    void aSeatVotesOnceButMayChangeItsVoteWhileOpen() {
        Proposal p = simple(A, B).vote(A, "ann", VoteChoice.FOR, at(1));
        assertThatThrownBy(() -> p.vote(A, "ann", VoteChoice.AGAINST, at(2)))
                .isInstanceOf(RuleViolation.class)
                .hasMessage("already-voted");
        Proposal changed = p.changeVote(A, "ann", VoteChoice.AGAINST, at(2));
        assertThat(changed.ballots().get(A).choice()).isEqualTo(VoteChoice.AGAINST);
        assertThat(changed.ballots().get(A).changes()).isEqualTo(1);
        assertThatThrownBy(() -> p.changeVote(B, "bob", VoteChoice.FOR, at(2)))
                .isInstanceOf(RuleViolation.class)
                .hasMessage("no-vote-to-change");
    }

    @Test
    void noBallotOnceClosedOrPastTheDeadlineNorFromOutsideTheElectorate() {
        Proposal closed = simple(A).vote(A, "ann", VoteChoice.FOR, at(1));
        assertThatThrownBy(() -> closed.changeVote(A, "ann", VoteChoice.AGAINST, at(2)))
                .isInstanceOf(RuleViolation.class)
                .hasMessage("proposal-closed");
        Proposal open = simple(A, B);
        Instant late = T0.plus(Duration.ofDays(7));
        assertThatThrownBy(() -> open.vote(A, "ann", VoteChoice.FOR, late))
                .hasMessage("proposal-closed");
        assertThatThrownBy(() -> open.vote(D, "dan", VoteChoice.FOR, at(1)))
                .hasMessage("not-in-electorate");
    }

    @Test
    void atTheDeadlineTheQuorumCountsAbstentionsAndTheMajorityDoesNot() {
        Instant deadline = T0.plus(Duration.ofDays(7));
        Proposal p = simple(A, B, C, D).vote(A, "ann", VoteChoice.FOR, at(1));
        assertThatThrownBy(() -> p.closeAtDeadline(at(2))).hasMessage("proposal-not-due");
        Proposal unmet = p.closeAtDeadline(deadline);
        assertThat(unmet.status()).isEqualTo(ProposalStatus.REJECTED);
        assertThat(unmet.outcome().reason()).isEqualTo("quorum-not-met");
        assertThat(unmet.outcome().early()).isFalse();

        Proposal met = p.vote(B, "bob", VoteChoice.ABSTAIN, at(2)).closeAtDeadline(deadline);
        assertThat(met.status()).isEqualTo(ProposalStatus.ADOPTED);

        Proposal tie = p.vote(B, "bob", VoteChoice.AGAINST, at(2)).closeAtDeadline(deadline);
        assertThat(tie.outcome().reason()).isEqualTo("majority-not-reached");
    }

    @Test
    void majorityRules() {
        assertThat(MajorityRule.SIMPLE.isMet(new Tally(2, 1, 5, 8))).isTrue();
        assertThat(MajorityRule.ABSOLUTE.isMet(new Tally(2, 1, 5, 8))).isFalse();
        assertThat(MajorityRule.ABSOLUTE.isMet(new Tally(5, 1, 3, 9))).isTrue();
        assertThat(MajorityRule.TWO_THIRDS.isMet(new Tally(2, 1, 0, 3))).isTrue();
        assertThat(MajorityRule.TWO_THIRDS.isMet(new Tally(3, 2, 0, 5))).isFalse();
        assertThat(MajorityRule.TWO_THIRDS.isMet(new Tally(0, 0, 3, 3))).isFalse();
        assertThat(new VotingRules(100, MajorityRule.SIMPLE).quorumMet(new Tally(1, 0, 0, 2)))
                .isFalse();
        assertThat(new VotingRules(0, MajorityRule.SIMPLE).quorumMet(new Tally(0, 0, 0, 2)))
                .isFalse();
    }

    @Test
    void anEmptyCouncilOrAPastDeadlineCannotBeTabled() {
        assertThatThrownBy(() -> simple()).hasMessage("council-empty");
        assertThatThrownBy(
                        () ->
                                Proposal.table(
                                        ProposalId.newId(),
                                        "x",
                                        new OverduePolicy(false, 0),
                                        "manon",
                                        T0,
                                        T0,
                                        List.of(A),
                                        new VotingRules(50, MajorityRule.SIMPLE)))
                .hasMessage("deadline-in-past");
    }

    @Test
    void aFeeScheduleNeedsEveryCategoryInExactAmountsOfItsCurrency() {
        Map<OrganisationType, BigDecimal> amounts = new EnumMap<>(OrganisationType.class);
        for (OrganisationType type : OrganisationType.values()) {
            amounts.put(type, new BigDecimal("450"));
        }
        FeeSchedule schedule = new FeeSchedule(2027, "EUR", amounts);
        assertThat(schedule.amounts().get(OrganisationType.SME))
                .isEqualByComparingTo("450")
                .hasToString("450.00");
        assertThat(schedule.lateAdmission())
                .as("not given: pro rata by month")
                .isEqualTo(LateAdmission.PRO_RATA_MONTHS);
        assertThat(new FeeSchedule(2027, "EUR", amounts, LateAdmission.FULL_YEAR).lateAdmission())
                .isEqualTo(LateAdmission.FULL_YEAR);

        amounts.put(OrganisationType.SME, new BigDecimal("450.005"));
        assertThatThrownBy(() -> new FeeSchedule(2027, "EUR", amounts))
                .hasMessage("fee-amount-precision");
        amounts.put(OrganisationType.SME, new BigDecimal("450.125"));
        assertThat(new FeeSchedule(2027, "TND", amounts).amounts().get(OrganisationType.SME))
                .hasToString("450.125");
        amounts.put(OrganisationType.SME, new BigDecimal("-1"));
        assertThatThrownBy(() -> new FeeSchedule(2027, "EUR", amounts))
                .hasMessage("invalid-fee-amount");
        amounts.remove(OrganisationType.SME);
        assertThatThrownBy(() -> new FeeSchedule(2027, "EUR", amounts))
                .hasMessage("fee-category-missing");
        assertThatThrownBy(() -> new FeeSchedule(2027, "XYZ", amounts))
                .hasMessage("invalid-currency");
        assertThatThrownBy(() -> new FeeSchedule(1999, "EUR", amounts))
                .hasMessage("invalid-fee-year");
    }

    @Test
    void anExemptionIsFullOrAPartialShareForABoundedPeriodWithAReason() {
        LocalDate from = LocalDate.of(2027, 1, 1);
        LocalDate until = LocalDate.of(2027, 12, 31);
        assertThat(
                        new FeeExemption(A, FeeExemption.Extent.FULL, null, "start-up", from, until)
                                .percent())
                .hasToString("100.00");
        assertThat(
                        new FeeExemption(
                                        A,
                                        FeeExemption.Extent.PARTIAL,
                                        new BigDecimal("50"),
                                        "start-up",
                                        from,
                                        until)
                                .percent())
                .hasToString("50.00");
        assertThatThrownBy(
                        () ->
                                new FeeExemption(
                                        A,
                                        FeeExemption.Extent.PARTIAL,
                                        new BigDecimal("100"),
                                        "x",
                                        from,
                                        until))
                .hasMessage("invalid-exemption-percent");
        assertThatThrownBy(
                        () ->
                                new FeeExemption(
                                        A, FeeExemption.Extent.PARTIAL, null, "x", from, until))
                .hasMessage("invalid-exemption-percent");
        assertThatThrownBy(
                        () -> new FeeExemption(A, FeeExemption.Extent.FULL, null, " ", from, until))
                .hasMessage("exemption-reason-required");
        assertThatThrownBy(
                        () -> new FeeExemption(A, FeeExemption.Extent.FULL, null, "x", until, from))
                .hasMessage("invalid-exemption-period");
        assertThatThrownBy(
                        () ->
                                new FeeExemption(
                                        A,
                                        FeeExemption.Extent.FULL,
                                        null,
                                        "x",
                                        from,
                                        from.plusYears(6)))
                .hasMessage("invalid-exemption-period");
    }

    @Test
    void aGroupCreationNormalisesItsInterests() {
        GroupCreation group =
                new GroupCreation(
                        "  Water   & Agritech ",
                        null,
                        List.of("Irrigation", "irrigation ", "Smart  Farming", ""));
        assertThat(group.name()).isEqualTo("Water & Agritech");
        assertThat(group.interests()).containsExactly("irrigation", "smart farming");
        assertThatThrownBy(() -> new GroupCreation("x", null, List.of(" ")))
                .hasMessage("group-interests-required");
    }
}
