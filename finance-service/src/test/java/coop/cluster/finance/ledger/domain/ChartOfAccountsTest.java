package coop.cluster.finance.ledger.domain;

import static coop.cluster.finance.ledger.domain.ChartOfAccounts.*;
import static coop.cluster.finance.ledger.domain.Fixtures.EUR;
import static coop.cluster.finance.ledger.domain.Fixtures.USD;
import static coop.cluster.finance.ledger.domain.Fixtures.assertViolation;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChartOfAccountsTest {

    private final ChartOfAccounts chart = ChartOfAccounts.standard(EUR);

    @Test
    void theStandardChartHasTheClustersAccounts() {
        assertThat(chart.accounts())
                .extracting(Account::code)
                .containsExactly(
                        BANK,
                        MEMBER_RECEIVABLES,
                        EXPENSES_PAYABLE,
                        MEMBER_PREPAYMENTS,
                        DEFERRED_FEES,
                        PROJECT_FUNDS,
                        NET_ASSETS,
                        FEE_INCOME,
                        DONATIONS,
                        GRANT_INCOME,
                        ADMINISTRATIVE_EXPENSES,
                        LEGAL_EXPENSES,
                        ACCOUNTING_EXPENSES,
                        PROJECT_EXPENSES,
                        IN_KIND,
                        IN_KIND_CONTRA);
        assertThat(chart.get(BANK).type()).isEqualTo(AccountType.ASSET);
        assertThat(chart.get(MEMBER_RECEIVABLES).type()).isEqualTo(AccountType.ASSET);
        assertThat(chart.get(DONATIONS).type()).isEqualTo(AccountType.INCOME);
        assertThat(chart.get(DEFERRED_FEES).type())
                .as("fees invoiced before their year")
                .isEqualTo(AccountType.LIABILITY);
        assertThat(chart.resolve(DEFERRED_FEES + ":M:m-42")).isPresent();
        assertThat(chart.get(GRANT_INCOME).normalSide()).isEqualTo(Side.CREDIT);
        assertThat(chart.get(IN_KIND).type()).isEqualTo(AccountType.MEMO);
        assertThat(chart.get(IN_KIND_CONTRA).type()).isEqualTo(AccountType.MEMO);
        assertThat(chart.get(IN_KIND_CONTRA).normalSide()).isEqualTo(Side.CREDIT);
        assertThat(chart.accounts()).allMatch(account -> account.currency().equals(EUR));
        assertThat(chart.accounts())
                .filteredOn(Account::mayGoNegative)
                .extracting(Account::code)
                .containsExactly(NET_ASSETS);
    }

    @Test
    void everyExpenseCategoryHasAnExpenseAccount() {
        for (ExpenseCategory category : ExpenseCategory.values()) {
            assertThat(chart.get(category.accountCode()).type()).isEqualTo(AccountType.EXPENSE);
        }
    }

    @Test
    void lookupsByCode() {
        assertThat(chart.find(BANK)).map(Account::name).contains("Bank");
        assertThat(chart.find("1999")).isEmpty();
        assertThat(chart.contains(DONATIONS)).isTrue();
        assertViolation(() -> chart.get("1999"), "account-unknown");
    }

    @Test
    void openingASubAccountReturnsANewChartAndLeavesTheOriginalAlone() {
        ChartOfAccounts withMember = chart.withMemberReceivable("m-42");
        assertThat(withMember.get(memberReceivableCode("m-42")).parent())
                .contains(MEMBER_RECEIVABLES);
        assertThat(chart.contains(memberReceivableCode("m-42"))).isFalse();
        assertThat(withMember.withMemberReceivable("m-42")).isSameAs(withMember);
        assertThat(withMember.includes(chart)).isTrue();
        assertThat(chart.includes(withMember)).isFalse();
        assertThat(withMember.children(MEMBER_RECEIVABLES))
                .extracting(Account::code)
                .containsExactly("1100:M:m-42");
    }

    @Test
    void grantIncomeOpensPerProgrammeAndPerProject() {
        ChartOfAccounts grants = chart.withGrantIncome("horizon", "p-7");
        assertThat(grants.get(grantIncomeCode("horizon")).parent()).contains(GRANT_INCOME);
        assertThat(grants.get(grantIncomeCode("horizon", "p-7")).parent())
                .contains("4200:P:horizon");
        assertThat(grants.get("4200:P:horizon:J:p-7").type()).isEqualTo(AccountType.INCOME);
    }

    @Test
    void projectBudgetsAndProjectExpensesOpenPerProject() {
        ChartOfAccounts projects = chart.withProjectBudget("p-7").withProjectExpenses("p-7");
        assertThat(projects.get(projectBudgetCode("p-7")).type()).isEqualTo(AccountType.LIABILITY);
        assertThat(projects.get(projectExpensesCode("p-7")).type()).isEqualTo(AccountType.EXPENSE);
        assertThat(projects.size()).isEqualTo(chart.size() + 2);
    }

    @Test
    void conflictingOrOrphanAccountsAreRefused() {
        assertViolation(
                () -> chart.withAccount(Account.of(BANK, "Other bank", AccountType.ASSET, EUR)),
                "account-code-taken");
        assertViolation(() -> chart.withSubAccount("1999", "Orphan", "x"), "account-unknown");
        assertViolation(
                () ->
                        chart.withAccount(
                                new Account(
                                        "1000:USD",
                                        "Bank in dollars",
                                        AccountType.ASSET,
                                        USD,
                                        Side.DEBIT,
                                        false,
                                        BANK)),
                "account-invalid");
        assertViolation(() -> chart.withMemberReceivable("bad id"), "account-invalid");
        assertViolation(
                () -> ChartOfAccounts.of(List.of(chart.get(BANK).subAccount("Sub", "x"))),
                "account-unknown");
    }

    @Test
    void chartsWithTheSameAccountsAreEqual() {
        assertThat(ChartOfAccounts.standard(EUR)).isEqualTo(chart).hasSameHashCodeAs(chart);
        assertThat(ChartOfAccounts.standard(USD)).isNotEqualTo(chart);
    }
}
