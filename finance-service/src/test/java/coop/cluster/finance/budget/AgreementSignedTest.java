package coop.cluster.finance.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cluster.finance.budget.domain.Budget;
import coop.cluster.plumbing.consumer.PoisonEventException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What of an agreement.signed opens a budget, and what is poison for the dead letters. */
class AgreementSignedTest {

    private static ProjectEvents.AgreementSigned signed(
            String project,
            int version,
            String currency,
            ProjectEvents.Contribution... contributions) {
        return new ProjectEvents.AgreementSigned(
                project,
                "Robots",
                "m-a",
                new ProjectEvents.Agreement(version, currency, List.of(contributions)),
                Map.of(),
                Instant.now());
    }

    private static ProjectEvents.Contribution pledge(String member, String money) {
        return new ProjectEvents.Contribution(member, money, null, null);
    }

    @Test
    void theBudgetHoldsEachPledgeAtTheCurrencysScale() {
        Budget.Terms budget =
                Budgets.readable(
                        "e-1",
                        signed(
                                "p-1",
                                1,
                                "EUR",
                                pledge("m-a", "1000"),
                                new ProjectEvents.Contribution("m-b", null, "a robot", "2000.5")));

        assertThat(budget.currency().getCurrencyCode()).isEqualTo("EUR");
        List<Budget.Pledge> pledges = budget.pledges();
        assertThat(pledges)
                .extracting(pledge -> pledge.money().amount().toPlainString())
                .containsExactly("1000.00", "0.00");
        assertThat(pledges.get(1).inKindValue().amount().toPlainString()).isEqualTo("2000.50");
        assertThat(pledges.get(1).inKind()).isEqualTo("a robot");
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "null",
            value = {
                "null, 1, EUR, m-a, 1.00", "'p 1', 1, EUR, m-a, 1.00", "p-1, 0, EUR, m-a, 1.00",
                        "p-1, 1, XAU, m-a, 1.00",
                "p-1, 1, EURO, m-a, 1.00", "p-1, 1, EUR, 'm:a', 1.00", "p-1, 1, EUR, null, 1.00",
                        "p-1, 1, EUR, m-a, -1.00",
                "p-1, 1, EUR, m-a, 1.001", "p-1, 1, EUR, m-a, lots"
            })
    void anUnusableEventIsPoison(
            String project, int version, String currency, String member, String money) {
        assertThatThrownBy(
                        () ->
                                Budgets.readable(
                                        "e-1",
                                        signed(project, version, currency, pledge(member, money))))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("e-1");
    }

    @Test
    void aPartnerTwiceOrNoAgreementIsPoison() {
        assertThatThrownBy(
                        () ->
                                Budgets.readable(
                                        "e-2",
                                        signed(
                                                "p-1",
                                                1,
                                                "EUR",
                                                pledge("m-a", "1"),
                                                pledge("m-a", "2"))))
                .isInstanceOf(PoisonEventException.class);
        assertThatThrownBy(
                        () ->
                                Budgets.readable(
                                        "e-3",
                                        new ProjectEvents.AgreementSigned(
                                                "p-1", "T", "m-a", null, Map.of(), Instant.now())))
                .isInstanceOf(PoisonEventException.class);
    }
}
