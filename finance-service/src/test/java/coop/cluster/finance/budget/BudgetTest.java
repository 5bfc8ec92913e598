package coop.cluster.finance.budget;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.finance.budget.domain.Budget;
import coop.cluster.finance.budget.domain.PartnerBudget;
import coop.cluster.finance.budget.domain.ProjectBudget;
import coop.cluster.finance.expense.domain.Expense;
import coop.cluster.finance.ledger.domain.ChartOfAccounts;
import coop.cluster.finance.ledger.domain.ExpenseCategory;
import coop.cluster.finance.ledger.domain.Ledger;
import coop.cluster.finance.ledger.domain.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Budget against actual, from pledges, contributions and booked project expenses. */
class BudgetTest {

    private static final Instant NOW = Instant.parse("2026-03-14T10:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2026, 3, 14);

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    private static Budget.Contribution received(String partner, String amount, boolean posted) {
        return new Budget.Contribution(
                partner + amount,
                partner,
                eur(amount),
                DAY,
                null,
                "fred",
                NOW,
                "k",
                posted,
                posted ? 1L : null);
    }

    private static Expense booked(
            String id, String amount, String partner, Expense.Release... releases) {
        return Expense.submitted(
                        id,
                        ExpenseCategory.PROJECT,
                        eur(amount),
                        "R",
                        "Payee",
                        null,
                        "d",
                        "p-1",
                        partner,
                        "alice",
                        NOW,
                        null)
                .approve("bob", NOW, DAY, List.of(releases), null)
                .approvalPosted(5);
    }

    private final Budget budget =
            new Budget(
                    "p-1",
                    "Robots",
                    "m-a",
                    Currency.getInstance("EUR"),
                    2,
                    List.of(
                            new Budget.Pledge("m-a", eur("1000.00"), null, null),
                            new Budget.Pledge(
                                    "m-b", eur("500.00"), "a robot cell", eur("2000.00"))),
                    List.of(
                            received("m-a", "600.00", true),
                            received("m-b", "500.00", true),
                            received("m-b", "100.00", false)),
                    NOW,
                    NOW);

    @Test
    void beforeAnySpendingEverythingReceivedRemains() {
        ProjectBudget view = budget.against(List.of());

        assertThat(view.pledged()).isEqualTo(eur("1500.00"));
        assertThat(view.received())
                .as("the unposted contribution does not count")
                .isEqualTo(eur("1100.00"));
        assertThat(view.outstanding()).isEqualTo(eur("400.00"));
        assertThat(view.spent()).isEqualTo(eur("0.00"));
        assertThat(view.remaining()).isEqualTo(eur("1100.00"));
        assertThat(view.partners())
                .extracting(PartnerBudget::memberId)
                .containsExactly("m-a", "m-b");
        assertThat(view.partners().get(1).inKind()).isEqualTo("a robot cell");
    }

    @Test
    void spendingIsSetAgainstEachPartnerAndTheUnfundedPartShows() {
        ProjectBudget view =
                budget.against(
                        List.of(
                                booked(
                                        "e1",
                                        "250.00",
                                        "m-a",
                                        new Expense.Release("m-a", eur("250.00"))),
                                booked(
                                        "e2",
                                        "700.00",
                                        "m-b",
                                        new Expense.Release("m-b", eur("500.00"))),
                                booked(
                                        "e3",
                                        "100.00",
                                        null,
                                        new Expense.Release("m-a", eur("100.00")))));

        PartnerBudget a = view.partners().get(0);
        PartnerBudget b = view.partners().get(1);
        assertThat(a.spent()).isEqualTo(eur("250.00"));
        assertThat(a.released()).isEqualTo(eur("350.00"));
        assertThat(a.remaining()).isEqualTo(eur("250.00"));
        assertThat(a.outstanding()).isEqualTo(eur("400.00"));
        assertThat(b.spent()).isEqualTo(eur("700.00"));
        assertThat(b.released()).isEqualTo(eur("500.00"));
        assertThat(b.remaining()).isEqualTo(eur("0.00"));
        assertThat(b.outstanding()).isEqualTo(eur("0.00"));
        assertThat(view.spent()).isEqualTo(eur("1050.00"));
        assertThat(view.released()).isEqualTo(eur("850.00"));
        assertThat(view.unfunded()).isEqualTo(eur("200.00"));
        assertThat(view.remaining()).isEqualTo(eur("250.00"));
    }

    @Test
    void aContributionIsHeldForThePartnerUntilAnExpenseReleasesIt() {
        Ledger ledger = Ledger.empty(ChartOfAccounts.standard(Currency.getInstance("EUR")));
        Budget.Contribution contribution = received("m-a", "600.00", false);

        ledger.post(Budgets.entry("p-1", contribution));
        assertThat(ledger.post(Budgets.entry("p-1", contribution)).replayed()).isTrue();
        assertThat(ledger.balance(ChartOfAccounts.BANK)).isEqualTo(eur("600.00"));
        assertThat(ledger.balance("2500:J:p-1:M:m-a")).isEqualTo(eur("600.00"));
        assertThat(ledger.balances().trialBalance().values()).allMatch(Money::isZero);

        Expense expense = booked("e1", "250.00", "m-a", new Expense.Release("m-a", eur("250.00")));
        ledger.post(expense.approvalEntry());
        ledger.post(expense.pay("bob", NOW, DAY, null, null).paymentEntry());
        assertThat(ledger.balance("2500:J:p-1:M:m-a")).isEqualTo(eur("350.00"));
        assertThat(ledger.balance("4200:P:partner-contributions:J:p-1")).isEqualTo(eur("250.00"));
        assertThat(ledger.balance("6400:J:p-1:M:m-a")).isEqualTo(eur("250.00"));
        assertThat(ledger.balance(ChartOfAccounts.BANK)).isEqualTo(eur("350.00"));
        assertThat(ledger.balances().trialBalance().values()).allMatch(Money::isZero);
    }

    @Test
    void aPartnerPayingMoreThanPledgedOwesNothing() {
        Budget overpaid =
                new Budget(
                        "p-1",
                        "Robots",
                        "m-a",
                        Currency.getInstance("EUR"),
                        1,
                        List.of(new Budget.Pledge("m-a", eur("100.00"), null, null)),
                        List.of(received("m-a", "150.00", true)),
                        NOW,
                        NOW);

        PartnerBudget a = overpaid.against(List.of()).partners().getFirst();

        assertThat(a.outstanding()).isEqualTo(eur("0.00"));
        assertThat(a.received()).isEqualTo(eur("150.00"));
    }
}
