package coop.cluster.project.project.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cluster.plumbing.domain.RuleViolation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The partnership agreement: what a version must say to be proposed, and how the partners'
 * signatures complete it.
 */
class AgreementTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(3600);
    private static final String LEADER = "m-leader";
    private static final String PARTNER = "m-partner";
    private static final List<String> BOTH = List.of(LEADER, PARTNER);

    private static Agreement.Contribution money(String member, String amount) {
        return new Agreement.Contribution(member, new BigDecimal(amount), null, null);
    }

    private static Agreement.Contribution inKind(String member, String what, String value) {
        return new Agreement.Contribution(
                member, null, what, value == null ? null : new BigDecimal(value));
    }

    private static Agreement propose(
            String currency,
            List<Agreement.Contribution> contributions,
            String coordinator,
            List<Agreement.Task> tasks,
            String rule) {
        return Agreement.propose(1, currency, contributions, coordinator, tasks, rule, BOTH, T0);
    }

    private static Agreement valid() {
        return propose(
                "EUR",
                List.of(money(LEADER, "1200.50"), inKind(PARTNER, "a pilot mill", "8000")),
                LEADER,
                List.of(new Agreement.Task("Sorting prototype", PARTNER)),
                " Costs shared by contribution ");
    }

    private static void refused(Executable proposal, String code) {
        assertThatThrownBy(proposal::execute)
                .isInstanceOfSatisfying(
                        RuleViolation.class,
                        violation -> assertThat(violation.code()).isEqualTo(code));
    }

    @Test
    void aVersionListsEveryPartnersContributionTheCoordinatorTasksAndTheSettlementRule() {
        Agreement agreement = valid();
        assertThat(agreement.version()).isEqualTo(1);
        assertThat(agreement.currency()).isEqualTo("EUR");
        assertThat(agreement.settlementRule()).isEqualTo("Costs shared by contribution");
        assertThat(agreement.proposedAt()).isEqualTo(T0);
        assertThat(agreement.parties()).containsExactlyInAnyOrder(LEADER, PARTNER);
        assertThat(agreement.signatures()).as("nobody has signed a new version").isEmpty();
        assertThat(agreement.signedByAll(BOTH)).isFalse();
    }

    @Test
    void everyPartnerContributesOnceWithSomethingAndOnlyPartnersDo() {
        refused(
                () ->
                        propose(
                                "EUR",
                                List.of(
                                        money(LEADER, "1"),
                                        money(PARTNER, "1"),
                                        money("m-stranger", "1")),
                                LEADER,
                                List.of(),
                                "r"),
                "contributor-not-a-partner");
        refused(
                () ->
                        propose(
                                "EUR",
                                List.of(
                                        money(LEADER, "1"),
                                        money(LEADER, "2"),
                                        money(PARTNER, "1")),
                                LEADER,
                                List.of(),
                                "r"),
                "contribution-twice");
        refused(
                () -> propose("EUR", List.of(money(LEADER, "1")), LEADER, List.of(), "r"),
                "contribution-missing");
        refused(
                () ->
                        propose(
                                "EUR",
                                List.of(money(LEADER, "1"), money(PARTNER, "0")),
                                LEADER,
                                List.of(),
                                "r"),
                "contribution-empty");
        refused(
                () ->
                        propose(
                                "EUR",
                                List.of(money(LEADER, "1"), inKind(PARTNER, "a lab", null)),
                                LEADER,
                                List.of(),
                                "r"),
                "in-kind-value-required");
    }

    @Test
    void amountsAreExactAndNotNegativeInTheAgreementsOneCurrency() {
        refused(
                () ->
                        propose(
                                "EURO",
                                List.of(money(LEADER, "1"), money(PARTNER, "1")),
                                LEADER,
                                List.of(),
                                "r"),
                "invalid-currency");
        refused(
                () ->
                        propose(
                                "EUR",
                                List.of(money(LEADER, "1.005"), money(PARTNER, "1")),
                                LEADER,
                                List.of(),
                                "r"),
                "invalid-amount");
        refused(
                () ->
                        propose(
                                "JPY",
                                List.of(money(LEADER, "100.5"), money(PARTNER, "1")),
                                LEADER,
                                List.of(),
                                "r"),
                "invalid-amount");
        refused(
                () ->
                        propose(
                                "EUR",
                                List.of(money(LEADER, "1"), inKind(PARTNER, "a lab", "-5")),
                                LEADER,
                                List.of(),
                                "r"),
                "invalid-amount");
        refused(
                () ->
                        propose(
                                "EUR",
                                List.of(money(LEADER, "1000000000.01"), money(PARTNER, "1")),
                                LEADER,
                                List.of(),
                                "r"),
                "invalid-amount");
        assertThat(
                        propose(
                                        "JPY",
                                        List.of(money(LEADER, "1000"), money(PARTNER, "1.00")),
                                        LEADER,
                                        List.of(),
                                        "r")
                                .currency())
                .as("trailing zeros are no decimals")
                .isEqualTo("JPY");
    }

    @Test
    void theCoordinatorAndEveryResponsibleArePartnersAndTheRulesAreWritten() {
        List<Agreement.Contribution> both = List.of(money(LEADER, "1"), money(PARTNER, "1"));
        refused(
                () -> propose("EUR", both, "m-stranger", List.of(), "r"),
                "coordinator-not-a-partner");
        refused(() -> propose("EUR", both, null, List.of(), "r"), "coordinator-not-a-partner");
        refused(
                () -> propose("EUR", both, LEADER, List.of(new Agreement.Task(" ", LEADER)), "r"),
                "task-title-required");
        refused(
                () ->
                        propose(
                                "EUR",
                                both,
                                LEADER,
                                List.of(new Agreement.Task("Tests", "m-stranger")),
                                "r"),
                "responsible-not-a-partner");
        refused(() -> propose("EUR", both, LEADER, List.of(), " "), "settlement-rule-required");
    }

    @Test
    void aFormingProjectBecomesActiveOnceEveryPartnerSignedTheCurrentVersion() {
        Project forming =
                Project.start(
                                "p1",
                                LEADER,
                                new ProjectDetails("Olive robots", null, null, Needs.none(), null),
                                T0)
                        .open(LEADER, T0)
                        .join(PARTNER, "optics", T0);
        refused(() -> forming.sign(LEADER, 1, T1), "no-agreement");
        refused(
                () ->
                        forming.proposeAgreement(
                                PARTNER, "EUR", List.of(), LEADER, List.of(), "r", T0),
                "not-the-leader");

        Project proposed =
                forming.proposeAgreement(
                        LEADER,
                        "EUR",
                        List.of(money(LEADER, "10"), money(PARTNER, "5")),
                        LEADER,
                        List.of(),
                        "by share",
                        T0);
        assertThat(proposed.agreement().version()).isEqualTo(1);
        refused(() -> proposed.sign(PARTNER, 2, T1), "agreement-changed");
        refused(() -> proposed.sign("m-stranger", 1, T1), "not-a-partner");

        Project half = proposed.sign(LEADER, 1, T1);
        assertThat(half.status()).isEqualTo(ProjectStatus.FORMING);
        assertThat(half.agreementSigned()).isFalse();
        refused(() -> half.sign(LEADER, 1, T1), "already-signed");

        Project signed = half.sign(PARTNER, 1, T1);
        assertThat(signed.status()).isEqualTo(ProjectStatus.ACTIVE);
        assertThat(signed.statusChangedAt()).isEqualTo(T1);
        assertThat(signed.agreementSigned()).isTrue();
        assertThat(signed.agreement().signatures().keySet()).isEqualTo(Set.of(LEADER, PARTNER));

        Project second =
                signed.proposeAgreement(
                        LEADER,
                        "EUR",
                        List.of(money(LEADER, "20"), money(PARTNER, "5")),
                        PARTNER,
                        List.of(),
                        "by share",
                        T1);
        assertThat(second.agreement().version()).as("a new version").isEqualTo(2);
        assertThat(second.agreementSigned()).as("to be signed again by every partner").isFalse();
        assertThat(second.status()).isEqualTo(ProjectStatus.ACTIVE);
    }

    @Test
    void aVersionWrittenForOtherPartnersCannotBeSigned() {
        Project forming =
                Project.start(
                                "p1",
                                LEADER,
                                new ProjectDetails("Olive robots", null, null, Needs.none(), null),
                                T0)
                        .open(LEADER, T0)
                        .join(PARTNER, "optics", T0);
        Project proposed =
                forming.proposeAgreement(
                        LEADER,
                        "EUR",
                        List.of(money(LEADER, "10"), money(PARTNER, "5")),
                        LEADER,
                        List.of(),
                        "by share",
                        T0);
        Project third = proposed.join("m-third", "tests", T1);
        refused(() -> third.sign(LEADER, 1, T1), "agreement-outdated");
    }
}
