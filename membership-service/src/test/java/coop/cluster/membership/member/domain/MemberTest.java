package coop.cluster.membership.member.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemberTest {

    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);

    private static Profile profile(String registration) {
        return Profile.of(
                " Atlas Agritech ",
                registration,
                "ma",
                null,
                List.of("62.01", "J62.01", "A01"),
                OrganisationType.SME,
                SizeBand.SMALL,
                List.of("IoT Sensors", "iot sensors ", " "),
                null,
                null,
                " ",
                "");
    }

    private static Member applied() {
        return Member.apply(MemberId.newId(), profile("RC-1"), T0);
    }

    @Test
    void aProfileIsNormalised() {
        Profile p = profile("RC 48/2113");
        assertThat(p.legalName()).isEqualTo("Atlas Agritech");
        assertThat(p.country()).isEqualTo("MA");
        assertThat(p.sectors()).containsExactly("J62.01", "A01");
        assertThat(p.competences()).containsExactly("iot sensors");
        assertThat(p.description()).isNull();
        assertThat(p.website()).isNull();
        assertThat(p.registrationKey()).isEqualTo("RC482113");
    }

    @Test
    void invalidCodesNameTheFieldAndTheValue() {
        assertThatThrownBy(
                        () ->
                                Profile.of(
                                        "X",
                                        "1",
                                        "ZZ",
                                        null,
                                        null,
                                        OrganisationType.SME,
                                        SizeBand.MICRO,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null))
                .isInstanceOfSatisfying(
                        MemberRuleViolation.class,
                        v -> assertThat(v.args()).contains("country", "ZZ"));
        assertThatThrownBy(
                        () ->
                                Profile.of(
                                        "X",
                                        "1",
                                        "FR",
                                        "BE24",
                                        null,
                                        OrganisationType.SME,
                                        SizeBand.MICRO,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null))
                .isInstanceOfSatisfying(
                        MemberRuleViolation.class,
                        v -> assertThat(v.args()).contains("region", "BE24"));
        assertThatThrownBy(
                        () ->
                                Profile.of(
                                        "X",
                                        "1",
                                        "FR",
                                        null,
                                        List.of("62.01", "34"),
                                        OrganisationType.SME,
                                        SizeBand.MICRO,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null))
                .isInstanceOfSatisfying(
                        MemberRuleViolation.class,
                        v -> assertThat(v.args()).contains("sectors", "34"));
    }

    @Test
    void theLifecycle() {
        Member active = applied().admit("complete file", T1);
        assertThat(active.status()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(active.admittedAt()).isEqualTo(T1);
        assertThat(active.statusReason()).isEqualTo("complete file");

        Member suspended = active.suspend("fees unpaid", T1);
        assertThat(suspended.status()).isEqualTo(MemberStatus.SUSPENDED);
        assertThat(suspended.reinstate(null, T1).status()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(suspended.leave(null, T1).status()).isEqualTo(MemberStatus.LEFT);
        assertThat(active.exclude("statutes breached", T1).status())
                .isEqualTo(MemberStatus.EXCLUDED);
        assertThat(applied().reject("outside the territory", T1).status())
                .isEqualTo(MemberStatus.REJECTED);
    }

    @Test
    void transitionsNotAllowedFromTheCurrentStatusAreRefused() {
        Member active = applied().admit(null, T1);
        assertThatThrownBy(() -> active.admit(null, T1))
                .isInstanceOfSatisfying(
                        MemberRuleViolation.class,
                        v -> assertThat(v.code()).isEqualTo("invalid-transition"));
        assertThatThrownBy(() -> applied().suspend("x", T1))
                .isInstanceOf(MemberRuleViolation.class);
        assertThatThrownBy(() -> active.reinstate(null, T1))
                .isInstanceOf(MemberRuleViolation.class);
        Member left = active.leave(null, T1);
        for (var transition :
                List.<Runnable>of(
                        () -> left.leave(null, T1),
                        () -> left.exclude("x", T1),
                        () -> left.reinstate(null, T1),
                        () -> left.withProfile(left.profile()))) {
            assertThatThrownBy(transition::run).isInstanceOf(MemberRuleViolation.class);
        }
    }

    @Test
    void onlyAnActiveMemberAppointsADelegateAndLeavingGivesUpTheSeat() {
        Delegate camille = new Delegate("camille", "Camille", null, T1);
        assertThatThrownBy(() -> applied().appoint(camille))
                .isInstanceOfSatisfying(
                        MemberRuleViolation.class,
                        v -> assertThat(v.code()).isEqualTo("member-not-active"));
        Member withDelegate = applied().admit(null, T1).appoint(camille);
        assertThat(withDelegate.delegate()).isEqualTo(camille);
        assertThat(withDelegate.leave(null, T1).delegate()).isNull();
    }

    @Test
    void aPersonWhoLeavesTheOrganisationLosesTheSeatAndTheNomination() {
        Delegate camille = new Delegate("camille", "Camille", null, T1);
        Delegate dario = new Delegate("dario", "Dario", null, T1);
        Member seated = applied().admit(null, T1).appoint(camille).nominate(dario);
        Member withoutCamille = seated.withoutPerson("camille").orElseThrow();
        assertThat(withoutCamille.delegate()).isNull();
        assertThat(withoutCamille.nominee()).isEqualTo(dario);
        Member withoutDario = seated.withoutPerson("dario").orElseThrow();
        assertThat(withoutDario.delegate()).isEqualTo(camille);
        assertThat(withoutDario.nominee()).isNull();
        assertThat(seated.withoutPerson("amina")).as("neither delegate nor nominee").isEmpty();
        assertThat(withoutCamille.withoutPerson("camille")).as("once is enough").isEmpty();
        assertThat(seated.suspend("fees", T1).withoutPerson("camille").orElseThrow().delegate())
                .as("whatever the member's status")
                .isNull();
    }

    @Test
    void theRegistrationNumberCannotChangeButItsSpellingMay() {
        Member member = applied();
        assertThat(member.withProfile(profile("rc-1")).profile().registrationNumber())
                .isEqualTo("rc-1");
        assertThatThrownBy(() -> member.withProfile(profile("RC-2")))
                .isInstanceOfSatisfying(
                        MemberRuleViolation.class,
                        v -> assertThat(v.code()).isEqualTo("registration-number-fixed"));
    }

    @Test
    void anOverdueInvoiceSuspendsAnActiveMemberOnlyOnce() {
        Member active = applied().admit(null, T0);
        Member suspended =
                active.suspendForOverdue("inv-1", "invoice inv-1 overdue", T1).orElseThrow();
        assertThat(suspended.status()).isEqualTo(MemberStatus.SUSPENDED);
        assertThat(suspended.statusChangedAt()).isEqualTo(T1);
        assertThat(suspended.statusReason()).isEqualTo("invoice inv-1 overdue");
        assertThat(suspended.feeSuspensions()).containsExactly("inv-1");

        Member reinstated = suspended.reinstate("forgiven", T1);
        assertThat(reinstated.suspendForOverdue("inv-1", "again", T1))
                .as("the same invoice never suspends it twice, even after a reinstatement")
                .isEmpty();
        assertThat(reinstated.suspendForOverdue("inv-2", "another", T1)).isPresent();
        assertThat(suspended.suspendForOverdue("inv-2", "x", T1)).as("not active").isEmpty();
        assertThat(applied().suspendForOverdue("inv-3", "x", T1)).as("an applicant").isEmpty();
    }

    @Test
    void anOverdueSuspensionRemembersTheLatestInvoicesOnly() {
        Member member = applied().admit(null, T0);
        for (int i = 1; i <= Member.FEE_SUSPENSIONS_KEPT + 1; i++) {
            member =
                    member.suspendForOverdue("inv-" + i, "x", T1).orElseThrow().reinstate(null, T1);
        }
        assertThat(member.feeSuspensions())
                .hasSize(Member.FEE_SUSPENSIONS_KEPT)
                .doesNotContain("inv-1")
                .endsWith("inv-" + (Member.FEE_SUSPENSIONS_KEPT + 1));
    }

    @Test
    void onlyAnActiveMemberThatChoseItIsPublic() {
        Member listed = Member.apply(MemberId.newId(), profile("RC-1"), true, T0);
        assertThat(listed.listedPublicly()).isTrue();
        assertThat(listed.isPublic()).as("an applicant").isFalse();
        Member active = listed.admit(null, T1);
        assertThat(active.isPublic()).isTrue();
        assertThat(active.suspend("fees", T1).isPublic()).as("suspended").isFalse();
        assertThat(active.listedPublicly(false).isPublic()).as("taken off by its choice").isFalse();
        assertThat(applied().admit(null, T1).isPublic())
                .as("not listed unless it chose to be")
                .isFalse();
        Member left = active.leave(null, T1);
        assertThatThrownBy(() -> left.listedPublicly(true))
                .isInstanceOfSatisfying(
                        MemberRuleViolation.class,
                        v -> assertThat(v.code()).isEqualTo("member-not-active"));
    }

    @Test
    void aNomineeTakesTheSeatByAcceptingItAndNobodyElseCan() {
        Delegate camille = new Delegate("camille", "Camille", null, T0);
        Delegate dario = new Delegate("dario", "Dario", "dario@example.org", T0);
        Member nominated = applied().admit(null, T0).appoint(camille).nominate(dario);
        assertThat(nominated.delegate())
                .as("the delegate keeps the seat until then")
                .isEqualTo(camille);
        assertThatThrownBy(() -> nominated.acceptNomination("camille", T1))
                .isInstanceOfSatisfying(
                        MemberRuleViolation.class,
                        v -> assertThat(v.code()).isEqualTo("delegate-nomination-missing"));
        Member accepted = nominated.acceptNomination("dario", T1);
        assertThat(accepted.delegate())
                .isEqualTo(new Delegate("dario", "Dario", "dario@example.org", T1));
        assertThat(accepted.nominee()).isNull();
        assertThatThrownBy(() -> accepted.suspend("x", T1).nominate(camille))
                .isInstanceOf(MemberRuleViolation.class);
    }
}
