package coop.cluster.finance.expense.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cluster.finance.ledger.domain.Balances;
import coop.cluster.finance.ledger.domain.ChartOfAccounts;
import coop.cluster.finance.ledger.domain.ExpenseCategory;
import coop.cluster.finance.ledger.domain.JournalEntry;
import coop.cluster.finance.ledger.domain.Ledger;
import coop.cluster.finance.ledger.domain.LedgerViolation;
import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.finance.ledger.domain.Posting;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The expense state machine and the accounting of each step, posted to a ledger in memory. */
class ExpenseTest {

    private static final Instant NOW = Instant.parse("2026-03-14T10:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2026, 3, 14);
    private static final String PROJECT = "p-1";

    private final Ledger ledger =
            Ledger.empty(ChartOfAccounts.standard(Currency.getInstance("EUR")));

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    private static Expense submitted(
            ExpenseCategory category,
            String amount,
            String payeeMember,
            String project,
            String partner) {
        return Expense.submitted(
                "e-1",
                category,
                eur(amount),
                "R-17",
                "Payee",
                payeeMember,
                "Train to Brussels",
                project,
                partner,
                "alice",
                NOW,
                null);
    }

    private void fund(String account, String amount) {
        ledger.post(
                JournalEntry.of(
                        "fund-" + account,
                        "fund-" + account,
                        DAY,
                        "funding",
                        List.of(
                                Posting.debit(ChartOfAccounts.BANK, eur(amount)),
                                Posting.credit(account, eur(amount)))));
    }

    private void assertSound() {
        Balances balances = ledger.balances();
        assertThat(balances.trialBalance().values()).allMatch(Money::isZero);
        assertThat(balances.accounts())
                .allMatch(
                        balance ->
                                balance.account().mayGoNegative()
                                        || !balance.balance().isNegative());
    }

    @ParameterizedTest
    @CsvSource({
        "SUBMITTED, APPROVED, true",
        "SUBMITTED, REJECTED, true",
        "SUBMITTED, PAID, false",
        "APPROVED, PAID, true",
        "APPROVED, REJECTED, false",
        "APPROVED, SUBMITTED, false",
        "REJECTED, APPROVED, false",
        "REJECTED, PAID, false",
        "PAID, APPROVED, false",
        "PAID, REJECTED, false"
    })
    void theStateMachine(ExpenseState from, ExpenseState to, boolean allowed) {
        assertThat(from.mayBecome(to)).isEqualTo(allowed);
    }

    @Test
    void theSubmitterMayNotApproveAndNothingChanges() {
        Expense expense = submitted(ExpenseCategory.LEGAL, "100.00", null, null, null);

        assertThatThrownBy(() -> expense.approve("alice", NOW, DAY, List.of(), null))
                .isInstanceOfSatisfying(
                        ExpenseRuleViolation.class,
                        violation -> {
                            assertThat(violation.code()).isEqualTo("expense-self-approval");
                            assertThat(violation.rule())
                                    .isEqualTo(ExpenseRuleViolation.Rule.SELF_APPROVAL);
                            assertThat(violation.args()).containsExactly(expense.id());
                        });
        assertThat(expense.state()).isEqualTo(ExpenseState.SUBMITTED);
        assertThat(expense.approval()).isNull();
    }

    @Test
    void wrongTransitionsAreExpenseStateConflicts() {
        Expense expense = submitted(ExpenseCategory.LEGAL, "100.00", null, null, null);
        Expense rejected = expense.reject("bob", NOW, "no receipt");

        assertThatThrownBy(() -> expense.pay("bob", NOW, DAY, null, null))
                .isInstanceOfSatisfying(
                        ExpenseRuleViolation.class,
                        violation -> assertThat(violation.code()).isEqualTo("expense-state"));
        assertThatThrownBy(() -> rejected.approve("bob", NOW, DAY, List.of(), null))
                .isInstanceOfSatisfying(
                        ExpenseRuleViolation.class,
                        violation ->
                                assertThat(violation.args())
                                        .containsExactly(
                                                rejected.id(),
                                                ExpenseState.REJECTED,
                                                ExpenseState.APPROVED));
        assertThatThrownBy(() -> rejected.reject("bob", NOW, "again"))
                .isInstanceOf(ExpenseRuleViolation.class);
        assertThat(rejected.state()).isEqualTo(ExpenseState.REJECTED);
        assertThat(rejected.rejection().reason()).isEqualTo("no receipt");
        assertThat(rejected.version()).isEqualTo(expense.version() + 1);
    }

    @Test
    void anApprovedExpenseIsPaidOnlyOnceItsApprovalIsPosted() {
        Expense approved =
                submitted(ExpenseCategory.LEGAL, "100.00", null, null, null)
                        .approve("bob", NOW, DAY, List.of(), null);

        assertThatThrownBy(() -> approved.pay("bob", NOW, DAY, null, null))
                .isInstanceOf(IllegalStateException.class);
        Expense paid = approved.approvalPosted(7).pay("carol", NOW, DAY, "transfer 42", null);
        assertThat(paid.state()).isEqualTo(ExpenseState.PAID);
        assertThat(paid.paymentPending()).isTrue();
        assertThat(paid.paymentPosted(8).paymentPending()).isFalse();
        assertThatThrownBy(() -> paid.pay("carol", NOW, DAY, null, null))
                .isInstanceOf(ExpenseRuleViolation.class);
    }

    @ParameterizedTest
    @EnumSource(
            value = ExpenseCategory.class,
            names = {"ADMINISTRATIVE", "LEGAL", "ACCOUNTING"})
    void approvalThenPaymentMoveTheExpenseThroughPayablesToTheBank(ExpenseCategory category) {
        fund(ChartOfAccounts.FEE_INCOME, "500.00");
        Expense approved =
                submitted(category, "120.50", null, null, null)
                        .approve("bob", NOW, DAY, List.of(), null);

        ledger.post(approved.approvalEntry());
        assertThat(ledger.balance(category.accountCode())).isEqualTo(eur("120.50"));
        assertThat(ledger.balance(ChartOfAccounts.EXPENSES_PAYABLE)).isEqualTo(eur("120.50"));
        assertThat(ledger.balance(ChartOfAccounts.BANK)).isEqualTo(eur("500.00"));
        assertSound();

        Expense paid = approved.approvalPosted(2).pay("bob", NOW, DAY, null, null);
        ledger.post(paid.paymentEntry());
        assertThat(ledger.balance(ChartOfAccounts.EXPENSES_PAYABLE)).isEqualTo(eur("0.00"));
        assertThat(ledger.balance(ChartOfAccounts.BANK)).isEqualTo(eur("379.50"));
        assertThat(ledger.balance(category.accountCode())).isEqualTo(eur("120.50"));
        assertSound();
    }

    @Test
    void theEntriesAreDeterministicSoARetryIsAReplay() {
        Expense approved =
                submitted(ExpenseCategory.ACCOUNTING, "10.00", null, null, null)
                        .approve("bob", NOW, DAY, List.of(), null);

        JournalEntry first = approved.approvalEntry();
        JournalEntry again = approved.approvalEntry();

        assertThat(first).isEqualTo(again);
        assertThat(first.idempotencyKey()).isEqualTo("expense-approval:e-1");
        ledger.post(first);
        assertThat(ledger.post(again).replayed()).isTrue();
        assertThat(ledger.balance(ChartOfAccounts.ACCOUNTING_EXPENSES)).isEqualTo(eur("10.00"));
    }

    @Test
    void aMemberPayeeHasItsOwnPayable() {
        fund(ChartOfAccounts.FEE_INCOME, "50.00");
        Expense approved =
                submitted(ExpenseCategory.ADMINISTRATIVE, "30.00", "m-7", null, null)
                        .approve("bob", NOW, DAY, List.of(), null);

        ledger.post(approved.approvalEntry());
        assertThat(ledger.balance("2000:M:m-7")).isEqualTo(eur("30.00"));
        ledger.post(approved.approvalPosted(2).pay("bob", NOW, DAY, null, null).paymentEntry());
        assertThat(ledger.balance("2000:M:m-7")).isEqualTo(eur("0.00"));
        assertThat(ledger.balance(ChartOfAccounts.BANK)).isEqualTo(eur("20.00"));
        assertSound();
    }

    @Test
    void aProjectExpenseForAPartnerReleasesItsFundsAsContributionIncome() {
        fund(Expense.partnerFundsAccount(PROJECT, "m-a"), "300.00");
        Expense submitted = submitted(ExpenseCategory.PROJECT, "200.00", null, PROJECT, "m-a");
        List<Expense.Release> plan = Expense.releases(submitted.amount(), "m-a", held());
        Expense approved = submitted.approve("bob", NOW, DAY, plan, null);

        ledger.post(approved.approvalEntry());

        assertThat(plan).containsExactly(new Expense.Release("m-a", eur("200.00")));
        assertThat(ledger.balance("6400:J:p-1:M:m-a")).isEqualTo(eur("200.00"));
        assertThat(ledger.balance("2500:J:p-1:M:m-a")).isEqualTo(eur("100.00"));
        assertThat(ledger.balance("4200:P:partner-contributions:J:p-1")).isEqualTo(eur("200.00"));
        assertThat(ledger.balance(ChartOfAccounts.EXPENSES_PAYABLE)).isEqualTo(eur("200.00"));
        assertSound();
    }

    @Test
    void whatAPartnerNoLongerHoldsIsUnfundedAndTheExpenseIsStillPayable() {
        fund(ChartOfAccounts.FEE_INCOME, "100.00");
        fund(Expense.partnerFundsAccount(PROJECT, "m-a"), "50.00");
        Expense submitted = submitted(ExpenseCategory.PROJECT, "80.00", null, PROJECT, "m-a");
        Expense approved =
                submitted.approve(
                        "bob", NOW, DAY, Expense.releases(submitted.amount(), "m-a", held()), null);

        ledger.post(approved.approvalEntry());
        assertThat(approved.released()).isEqualTo(eur("50.00"));
        assertThat(ledger.balance("2500:J:p-1:M:m-a")).isEqualTo(eur("0.00"));
        assertThat(ledger.balance("6400:J:p-1:M:m-a")).isEqualTo(eur("80.00"));

        ledger.post(approved.approvalPosted(3).pay("bob", NOW, DAY, null, null).paymentEntry());
        assertThat(ledger.balance(ChartOfAccounts.BANK)).isEqualTo(eur("70.00"));
        assertThat(ledger.balance(ChartOfAccounts.EXPENSES_PAYABLE)).isEqualTo(eur("0.00"));
        assertSound();
    }

    @Test
    void anUnfundedReleaseIsRefusedByTheLedgerWithNothingPosted() {
        fund(Expense.partnerFundsAccount(PROJECT, "m-a"), "10.00");
        Expense approved =
                submitted(ExpenseCategory.PROJECT, "20.00", null, PROJECT, "m-a")
                        .approve(
                                "bob",
                                NOW,
                                DAY,
                                List.of(new Expense.Release("m-a", eur("20.00"))),
                                null);
        Balances before = ledger.balances();

        assertThatThrownBy(() -> ledger.post(approved.approvalEntry()))
                .isInstanceOfSatisfying(
                        LedgerViolation.class,
                        violation ->
                                assertThat(violation.code())
                                        .isEqualTo("account-would-go-negative"));
        assertThat(ledger.balances()).isEqualTo(before);
    }

    @Test
    void withoutAPartnerTheFundsOfThoseHoldingTheMostAreReleasedFirst() {
        Map<String, Money> held = new LinkedHashMap<>();
        held.put("m-a", eur("30.00"));
        held.put("m-b", eur("50.00"));
        held.put("m-c", eur("30.00"));
        held.put("m-d", eur("0.00"));

        assertThat(Expense.releases(eur("100.00"), null, held))
                .containsExactly(
                        new Expense.Release("m-b", eur("50.00")),
                        new Expense.Release("m-a", eur("30.00")),
                        new Expense.Release("m-c", eur("20.00")));
        assertThat(Expense.releases(eur("20.00"), null, held))
                .containsExactly(new Expense.Release("m-b", eur("20.00")));
        assertThat(Expense.releases(eur("20.00"), "m-d", held)).isEmpty();
        assertThat(Expense.releases(eur("20.00"), "m-x", held)).isEmpty();
    }

    @Test
    void aProjectExpenseWithoutPartnerIsChargedToTheProjectAndReleasesSeveralPartners() {
        fund(Expense.partnerFundsAccount(PROJECT, "m-a"), "40.00");
        fund(Expense.partnerFundsAccount(PROJECT, "m-b"), "25.00");
        Expense submitted = submitted(ExpenseCategory.PROJECT, "60.00", null, PROJECT, null);
        Expense approved =
                submitted.approve(
                        "bob", NOW, DAY, Expense.releases(submitted.amount(), null, held()), null);

        ledger.post(approved.approvalEntry());

        assertThat(ledger.balance("6400:J:p-1")).isEqualTo(eur("60.00"));
        assertThat(ledger.balance("2500:J:p-1:M:m-a")).isEqualTo(eur("0.00"));
        assertThat(ledger.balance("2500:J:p-1:M:m-b")).isEqualTo(eur("5.00"));
        assertThat(ledger.balance("4200:P:partner-contributions:J:p-1")).isEqualTo(eur("60.00"));
        assertSound();
    }

    @Test
    void anApprovalRefusedByTheLedgerIsUndoneAndCanBeReplanned() {
        Expense approved =
                submitted(ExpenseCategory.PROJECT, "20.00", null, PROJECT, "m-a")
                        .approve(
                                "bob",
                                NOW,
                                DAY,
                                List.of(new Expense.Release("m-a", eur("20.00"))),
                                "k");

        Expense replanned = approved.replanned(List.of(new Expense.Release("m-a", eur("5.00"))));
        Expense undone = approved.approvalUndone();

        assertThat(replanned.released()).isEqualTo(eur("5.00"));
        assertThat(replanned.version()).isEqualTo(approved.version() + 1);
        assertThat(undone.state()).isEqualTo(ExpenseState.SUBMITTED);
        assertThat(undone.approval()).isNull();
        assertThatThrownBy(() -> approved.approvalPosted(3).approvalUndone())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aStepUndoneAfterAnotherCallerPostedItIsRestoredAsPosted() {
        Expense approved =
                submitted(ExpenseCategory.LEGAL, "20.00", null, null, null)
                        .approve("bob", NOW, DAY, List.of(), null);
        Expense undone = approved.approvalUndone();

        Expense restored = undone.approvalRestored(approved.approvalPosted(4).approval());

        assertThat(restored.state()).isEqualTo(ExpenseState.APPROVED);
        assertThat(restored.approvalPending()).isFalse();
        assertThat(restored.approval().sequence()).isEqualTo(4L);
        assertThat(restored.approvalEntry()).isEqualTo(approved.approvalEntry());
        assertThatThrownBy(() -> restored.approvalRestored(restored.approval()))
                .isInstanceOf(IllegalStateException.class);

        Expense paying = restored.pay("bob", NOW, DAY, null, null);
        Expense paid = paying.paymentUndone().paymentRestored(paying.paymentPosted(5).payment());
        assertThat(paid.state()).isEqualTo(ExpenseState.PAID);
        assertThat(paid.paymentEntry()).isEqualTo(paying.paymentEntry());
    }

    @Test
    void anApprovalIsMarkedPostedWithTheReleasesActuallyPosted() {
        Expense posting =
                submitted(ExpenseCategory.PROJECT, "20.00", null, PROJECT, "m-a")
                        .approve(
                                "bob",
                                NOW,
                                DAY,
                                List.of(new Expense.Release("m-a", eur("20.00"))),
                                null);
        Expense replannedMeanwhile =
                posting.replanned(List.of(new Expense.Release("m-a", eur("5.00"))));

        Expense marked = replannedMeanwhile.approvalPostedAs(posting.approvalPosted(9).approval());

        assertThat(marked.approvalPending()).isFalse();
        assertThat(marked.released()).isEqualTo(eur("20.00"));
        assertThat(marked.approvalEntry()).isEqualTo(posting.approvalEntry());
    }

    @Test
    void aProjectAndOnlyAProjectExpenseNamesAProject() {
        assertThatThrownBy(() -> submitted(ExpenseCategory.PROJECT, "1.00", null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> submitted(ExpenseCategory.LEGAL, "1.00", null, PROJECT, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> submitted(ExpenseCategory.LEGAL, "0.00", null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Map<String, Money> held() {
        Map<String, Money> held = new LinkedHashMap<>();
        String prefix = "2500:J:" + PROJECT + ":M:";
        ledger.balances().accounts().stream()
                .filter(balance -> balance.account().code().startsWith(prefix))
                .forEach(
                        balance ->
                                held.put(
                                        balance.account().code().substring(prefix.length()),
                                        balance.balance()));
        return held;
    }
}
