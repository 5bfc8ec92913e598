package coop.cluster.finance.expense;

import static coop.cluster.finance.LedgerBalances.account;
import static coop.cluster.finance.LedgerBalances.change;
import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.finance.FinanceAccess;
import coop.cluster.finance.FinanceApplication;
import coop.cluster.finance.LedgerBalances;
import coop.cluster.finance.expense.domain.Expense;
import coop.cluster.finance.expense.persistence.ExpenseStore;
import coop.cluster.finance.ledger.Bookkeeping;
import coop.cluster.finance.ledger.domain.ChartOfAccounts;
import coop.cluster.finance.ledger.domain.ExpenseCategory;
import coop.cluster.finance.ledger.domain.JournalEntry;
import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.finance.ledger.domain.Posting;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.testing.http.Api;
import coop.cluster.testing.http.Api.Answer;
import coop.cluster.testing.security.AuthorizationMatrix;
import coop.cluster.testing.security.MatrixRequest;
import coop.cluster.testing.security.TestIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Expenses over real HTTP with signed tokens for two finance users, on the embedded store; balances
 * read back through {@code GET /api/finance/ledger/balances}. The ledger is shared by the tests, so
 * each compares before and after.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = FinanceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExpenseApiIT {

    private static final String EXPENSES = "/api/finance/expenses";
    private static final String BALANCES = "/api/finance/ledger/balances";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri("finance_expense_it"));
        registry.add(
                "cluster.finance.repair-interval",
                () -> "PT1H"); // the tests run the sweep themselves
        TestIssuer.shared().register(registry);
    }

    @LocalServerPort int port;

    @Autowired Bookkeeping ledger;

    @Autowired Expenses expenses;

    @Autowired ExpenseStore store;

    @Autowired MeterRegistry meters;

    @Autowired ApplicationContext context;

    @Autowired org.springframework.data.mongodb.core.MongoTemplate mongo;

    Api api;
    String alice;
    String bob;
    String manager;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        alice = TestIssuer.shared().token("alice-finance").roles("finance").sign();
        bob = TestIssuer.shared().token("bob-finance").roles("finance").sign();
        manager = TestIssuer.shared().token("mia-manager").roles("manager").sign();
    }

    @Test
    void submittedByOneApprovedByAnotherThenPaidWithTheBalancesReadBack() {
        fundBank("1000.00");
        double approvedBefore = steps("approved");
        JsonNode before = balances();

        Answer submitted = api.post(EXPENSES, alice, claim("LEGAL", "240.00", null, null, null));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        String id = submitted.at("/id");
        assertThat(submitted.raw().headers().firstValue("Location")).hasValue(EXPENSES + "/" + id);
        assertThat(submitted.at("/state")).isEqualTo("SUBMITTED");
        assertThat(submitted.at("/submittedBy")).isEqualTo("alice-finance");

        Answer own = api.post(EXPENSES + "/" + id + "/approval", alice, "{}");
        assertThat(own.status()).as(own.body()).isEqualTo(403);
        assertThat(own.raw().headers().firstValue("Content-Type"))
                .hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(own.at("/type")).endsWith("/expense-self-approval");
        assertThat(api.get(EXPENSES + "/" + id, manager).at("/state")).isEqualTo("SUBMITTED");
        assertThat(change(before, balances(), "6200"))
                .as("nothing posted")
                .isEqualByComparingTo("0");

        Answer approved =
                api.post(EXPENSES + "/" + id + "/approval", bob, "{\"date\":\"2026-03-20\"}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.at("/state")).isEqualTo("APPROVED");
        assertThat(approved.at("/approvedBy")).isEqualTo("bob-finance");
        assertThat(approved.at("/approvalSequence")).isNotEmpty();
        JsonNode afterApproval = balances();
        assertThat(change(before, afterApproval, "6200")).isEqualByComparingTo("240.00");
        assertThat(change(before, afterApproval, "2000")).isEqualByComparingTo("240.00");
        assertThat(change(before, afterApproval, "1000")).isEqualByComparingTo("0");
        assertThat(steps("approved") - approvedBefore).isEqualTo(1.0);

        Answer paid =
                api.post(EXPENSES + "/" + id + "/payment", alice, "{\"reference\":\"SEPA-1\"}");
        assertThat(paid.status()).as(paid.body()).isEqualTo(200);
        assertThat(paid.at("/state")).isEqualTo("PAID");
        assertThat(paid.at("/paymentReference")).isEqualTo("SEPA-1");
        JsonNode afterPayment = balances();
        assertThat(change(before, afterPayment, "6200")).isEqualByComparingTo("240.00");
        assertThat(change(before, afterPayment, "2000")).isEqualByComparingTo("0");
        assertThat(change(before, afterPayment, "1000")).isEqualByComparingTo("-240.00");
        assertThat(afterPayment.at("/balanced").asBoolean()).isTrue();
        assertThat(afterPayment.at("/trialBalance/EUR").asString()).isEqualTo("0.00");

        Answer again = api.post(EXPENSES + "/" + id + "/payment", alice, "{}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.at("/type")).endsWith("/expense-state");
        assertThat(change(before, balances(), "1000"))
                .as("paid once")
                .isEqualByComparingTo("-240.00");
    }

    @Test
    void aRejectedExpenseIsFinalAndPostsNothing() {
        String id =
                api.post(EXPENSES, manager, claim("ADMINISTRATIVE", "15.00", null, null, null))
                        .at("/id");
        JsonNode before = balances();

        Answer noReason = api.post(EXPENSES + "/" + id + "/rejection", bob, "{}");
        Answer rejected =
                api.post(EXPENSES + "/" + id + "/rejection", bob, "{\"reason\":\"no receipt\"}");
        Answer approve = api.post(EXPENSES + "/" + id + "/approval", bob, "{}");
        Answer pay = api.post(EXPENSES + "/" + id + "/payment", bob, "{}");

        assertThat(noReason.status()).isEqualTo(400);
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        assertThat(rejected.at("/state")).isEqualTo("REJECTED");
        assertThat(rejected.at("/rejectionReason")).isEqualTo("no receipt");
        assertThat(approve.status()).isEqualTo(409);
        assertThat(approve.at("/type")).endsWith("/expense-state");
        assertThat(pay.status()).isEqualTo(409);
        assertThat(change(before, balances(), "6100")).isEqualByComparingTo("0");
    }

    @Test
    void payingBeforeApprovalIsRefusedAndAStaleIfMatchToo() {
        Answer submitted = api.post(EXPENSES, alice, claim("ACCOUNTING", "9.99", null, null, null));
        String id = submitted.at("/id");
        String etag = submitted.raw().headers().firstValue("ETag").orElseThrow();

        Answer pay = api.post(EXPENSES + "/" + id + "/payment", bob, "{}");
        Answer stale = api.send("POST", EXPENSES + "/" + id + "/approval", bob, "{}", "\"41\"");
        Answer current = api.send("POST", EXPENSES + "/" + id + "/approval", bob, "{}", etag);

        assertThat(pay.status()).isEqualTo(409);
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.at("/type")).endsWith("/stale-version");
        assertThat(current.status()).as(current.body()).isEqualTo(200);
        assertThat(current.raw().headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
    }

    @Test
    void anUnpayablePaymentLeavesTheExpenseApprovedAndNothingPosted() {
        JsonNode start = balances();
        BigDecimal bank = new BigDecimal(account(start, "1000").get("balance").asString());
        String amount = bank.add(new BigDecimal("1000.00")).toPlainString();
        String id =
                api.post(EXPENSES, alice, claim("ADMINISTRATIVE", amount, null, null, null))
                        .at("/id");
        assertThat(api.post(EXPENSES + "/" + id + "/approval", bob, "{}").status()).isEqualTo(200);
        JsonNode before = balances();

        Answer pay = api.post(EXPENSES + "/" + id + "/payment", bob, "{}");

        assertThat(pay.status()).as(pay.body()).isEqualTo(422);
        assertThat(pay.at("/code")).isEqualTo("account-would-go-negative");
        assertThat(api.get(EXPENSES + "/" + id, bob).at("/state")).isEqualTo("APPROVED");
        assertThat(change(before, balances(), "1000")).isEqualByComparingTo("0");
    }

    @Test
    void aSubmissionWithAnIdempotencyKeyIsNotRecordedTwice() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = claim("LEGAL", "12.00", null, null, null);

        var first = send(EXPENSES, alice, body, key);
        var again = send(EXPENSES, alice, body, key);
        var other = send(EXPENSES, alice, claim("LEGAL", "13.00", null, null, null), key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.at("/id")).isEqualTo(first.at("/id"));
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.at("/type")).endsWith("/expense-key-reused");
    }

    @Test
    void badClaimsAreProblems() {
        Answer dollars =
                api.post(
                        EXPENSES,
                        alice,
                        claim("LEGAL", "1.00", null, null, null).replace("EUR", "USD"));
        assertThat(dollars.status()).isEqualTo(422);
        assertThat(dollars.at("/code")).isEqualTo("currency-mismatch");

        Answer projectMissing =
                api.post(EXPENSES, alice, claim("PROJECT", "1.00", null, null, null));
        Answer projectNotAllowed =
                api.post(EXPENSES, alice, claim("LEGAL", "1.00", null, "p-1", null));
        Answer tooPrecise = api.post(EXPENSES, alice, claim("LEGAL", "1.001", null, null, null));
        Answer zero = api.post(EXPENSES, alice, claim("LEGAL", "0.00", null, null, null));
        Answer badCategory = api.post(EXPENSES, alice, claim("TRAVEL", "1.00", null, null, null));
        Answer badMember =
                api.post(EXPENSES, alice, claim("LEGAL", "1.00", "no:colons", null, null));
        Answer unknownPayee =
                api.post(
                        EXPENSES,
                        alice,
                        claim("LEGAL", "1.00", "00000000-0000-0000-0000-000000000000", null, null));
        Answer unknownPartner =
                api.post(EXPENSES, alice, claim("PROJECT", "1.00", null, "p-1", "not-a-uuid"));
        assertThat(unknownPayee.status()).as(unknownPayee.body()).isEqualTo(422);
        assertThat(unknownPayee.at("/type")).endsWith("/member-unknown");
        assertThat(unknownPayee.at("/detail")).contains("payee.memberId");
        assertThat(unknownPartner.status()).as(unknownPartner.body()).isEqualTo(422);
        assertThat(unknownPartner.at("/type")).endsWith("/member-unknown");
        Answer unknown = api.post(EXPENSES + "/" + UUID.randomUUID() + "/approval", bob, "{}");

        assertThat(projectMissing.status()).isEqualTo(422);
        assertThat(projectMissing.at("/type")).endsWith("/expense-project-required");
        assertThat(projectNotAllowed.status()).isEqualTo(422);
        assertThat(tooPrecise.status()).isEqualTo(422);
        assertThat(tooPrecise.at("/code")).isEqualTo("amount-too-precise");
        assertThat(zero.status()).isEqualTo(422);
        assertThat(badCategory.status()).isEqualTo(400);
        assertThat(badMember.status()).isEqualTo(400);
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void theListFiltersAndPages() {
        String project = "list-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            api.post(EXPENSES, alice, claim("PROJECT", "1.0" + i, null, project, null));
        }
        Answer page = api.get(EXPENSES + "?projectId=" + project + "&size=2", manager);
        Answer second = api.get(EXPENSES + "?projectId=" + project + "&size=2&page=1", manager);
        Answer submitted = api.get(EXPENSES + "?projectId=" + project + "&state=APPROVED", manager);
        Answer badState = api.get(EXPENSES + "?state=LOST", manager);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().get("items").size()).isEqualTo(2);
        assertThat(page.at("/total")).isEqualTo("3");
        assertThat(second.json().get("items").size()).isEqualTo(1);
        assertThat(page.at("/items/0/category")).isEqualTo("PROJECT");
        assertThat(page.at("/items/0/expenseAccount")).isEqualTo("6400:J:" + project);
        assertThat(submitted.at("/total")).isEqualTo("0");
        assertThat(badState.status()).isEqualTo(400);
    }

    @Test
    void aStepBegunAndNotPostedIsCompletedByARetryOrByTheRepairSweep() {
        fundBank("100.00");
        JsonNode before = balances();
        Instant longAgo = Instant.now().minusSeconds(600);
        // an approval whose state was written but whose entry was not (a crash in between)
        Expense halfApproved =
                Expense.submitted(
                                UUID.randomUUID().toString(),
                                ExpenseCategory.ACCOUNTING,
                                Money.of("7.00", "EUR"),
                                "R-1",
                                "Cabinet",
                                null,
                                "audit",
                                null,
                                null,
                                "alice-finance",
                                longAgo,
                                null)
                        .approve("bob-finance", longAgo, LocalDate.of(2026, 3, 1), List.of(), null);
        Expense halfApproved2 =
                Expense.submitted(
                                UUID.randomUUID().toString(),
                                ExpenseCategory.ACCOUNTING,
                                Money.of("3.00", "EUR"),
                                "R-2",
                                "Cabinet",
                                null,
                                "audit",
                                null,
                                null,
                                "alice-finance",
                                longAgo,
                                null)
                        .approve("bob-finance", longAgo, LocalDate.of(2026, 3, 1), List.of(), null);
        assertThat(store.insert(halfApproved)).isTrue();
        assertThat(store.insert(halfApproved2)).isTrue();

        Answer retried = api.post(EXPENSES + "/" + halfApproved.id() + "/approval", bob, "{}");
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.at("/approvalSequence")).isNotEmpty();
        assertThat(expenses.repair()).isGreaterThanOrEqualTo(1);

        assertThat(store.find(halfApproved2.id()).orElseThrow().approvalPending()).isFalse();
        assertThat(change(before, balances(), "6300")).isEqualByComparingTo("10.00");
        assertThat(expenses.repair()).as("nothing left to repair").isZero();
        assertThat(change(before, balances(), "6300")).isEqualByComparingTo("10.00");
    }

    @Test
    void approversRacingForOneExpensePostItsApprovalOnce() throws Exception {
        String id =
                api.post(EXPENSES, alice, claim("ADMINISTRATIVE", "33.33", null, null, null))
                        .at("/id");
        JsonNode before = balances();
        String carol = TestIssuer.shared().token("carol-finance").roles("finance").sign();

        List<Integer> statuses =
                race(
                        8,
                        i ->
                                api.post(
                                                EXPENSES + "/" + id + "/approval",
                                                i % 2 == 0 ? bob : carol,
                                                "{}")
                                        .status());

        assertThat(statuses)
                .as("one approver wins, the other is told it is approved already")
                .containsOnly(200, 409)
                .contains(200, 409);
        assertThat(change(before, balances(), "6100")).isEqualByComparingTo("33.33");
        assertThat(api.get(EXPENSES + "/" + id, bob).at("/state")).isEqualTo("APPROVED");
    }

    @Test
    void approvalsCompetingForAPartnersFundsNeverOverdrawThem() throws Exception {
        String project = "race-" + UUID.randomUUID();
        String partner =
                coop.cluster.finance.TestMembers.known(mongo, UUID.randomUUID().toString());
        String funds = Expense.partnerFundsAccount(project, partner);
        Money hundred = Money.of("100.00", "EUR");
        ledger.post(
                JournalEntry.of(
                        UUID.randomUUID().toString(),
                        "it-contribution-" + UUID.randomUUID(),
                        LocalDate.of(2026, 3, 1),
                        "Contribution",
                        List.of(
                                Posting.debit(ChartOfAccounts.BANK, hundred),
                                Posting.credit(funds, hundred))));
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(
                    api.post(EXPENSES, alice, claim("PROJECT", "30.00", null, project, partner))
                            .at("/id"));
        }

        List<Integer> statuses =
                race(
                        5,
                        i ->
                                api.post(EXPENSES + "/" + ids.get(i) + "/approval", bob, "{}")
                                        .status());

        assertThat(statuses).containsOnly(200);
        BigDecimal released = BigDecimal.ZERO;
        for (String id : ids) {
            released =
                    released.add(new BigDecimal(api.get(EXPENSES + "/" + id, bob).at("/released")));
        }
        assertThat(released).isEqualByComparingTo("100.00");
        JsonNode after = balances();
        JsonNode none =
                tools.jackson.databind.json.JsonMapper.builder()
                        .build()
                        .readTree("{\"accounts\":[]}");
        assertThat(change(none, after, funds))
                .as("a zero balance may be left out")
                .isEqualByComparingTo("0");
        assertThat(change(none, after, "6400:J:" + project + ":M:" + partner))
                .isEqualByComparingTo("150.00");
        assertThat(after.at("/balanced").asBoolean()).isTrue();
    }

    /** Runs {@code calls} at once and returns what each answered. */
    private static List<Integer> race(int calls, java.util.function.IntFunction<Integer> call)
            throws Exception {
        var start = new java.util.concurrent.CountDownLatch(1);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(calls)) {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < calls; i++) {
                int index = i;
                answers.add(
                        pool.submit(
                                () -> {
                                    start.await();
                                    return call.apply(index);
                                }));
            }
            start.countDown();
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var answer : answers) {
                statuses.add(answer.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            return statuses;
        }
    }

    private static final String SUBMIT =
            """
            anonymous 401
            member    403
            delegate  403
            manager   201
            finance   201
            feed      403
            """;
    private static final String READ = FinanceAccess.READ;
    private static final String STEP =
            """
            anonymous 401
            member    403
            delegate  403
            manager   403
            finance   200
            feed      403
            """;

    @TestFactory
    Stream<DynamicNode> matrix() {
        fundBank("100.00");
        return AuthorizationMatrix.at("http://127.0.0.1:" + port, TestIssuer.shared())
                .endpoint(
                        "POST /api/finance/expenses",
                        cell ->
                                MatrixRequest.post(
                                        EXPENSES, claim("LEGAL", "1.00", null, null, null)))
                .expect(SUBMIT)
                .endpoint(
                        "GET /api/finance/expenses",
                        cell -> MatrixRequest.get(EXPENSES + "?size=5"))
                .expect(READ)
                .endpoint(
                        "GET /api/finance/expenses/{id}",
                        cell -> MatrixRequest.get(EXPENSES + "/" + submitted()))
                .expect(READ)
                .endpoint(
                        "POST /api/finance/expenses/{id}/approval",
                        cell ->
                                MatrixRequest.post(
                                        EXPENSES + "/" + submitted() + "/approval", "{}"))
                .expect(STEP)
                .endpoint(
                        "POST /api/finance/expenses/{id}/rejection",
                        cell ->
                                MatrixRequest.post(
                                        EXPENSES + "/" + submitted() + "/rejection",
                                        "{\"reason\":\"duplicate\"}"))
                .expect(STEP)
                .endpoint(
                        "POST /api/finance/expenses/{id}/payment",
                        cell -> MatrixRequest.post(EXPENSES + "/" + approved() + "/payment", "{}"))
                .expect(STEP)
                .coveringEndpointsOf(context, "/api/finance/expenses")
                .tests();
    }

    /** A fresh expense submitted by someone other than the matrix's callers. */
    private String submitted() {
        return expenses.submit(
                        "matrix-submitter",
                        new Expenses.Claim(
                                ExpenseCategory.LEGAL,
                                Money.of("0.10", "EUR"),
                                "R",
                                "Payee",
                                null,
                                "matrix",
                                null,
                                null),
                        null)
                .expense()
                .id();
    }

    private String approved() {
        String id = submitted();
        expenses.approve(id, "matrix-approver", null, null, null);
        return id;
    }

    private void fundBank(String amount) {
        Money money = Money.of(amount, "EUR");
        ledger.post(
                JournalEntry.of(
                        UUID.randomUUID().toString(),
                        "it-fund-" + UUID.randomUUID(),
                        LocalDate.of(2026, 3, 1),
                        "Fees",
                        List.of(
                                Posting.debit(ChartOfAccounts.BANK, money),
                                Posting.credit(ChartOfAccounts.FEE_INCOME, money))));
    }

    static String claim(
            String category, String amount, String payeeMember, String project, String partner) {
        return """
        {"category":"%s","amount":"%s","currency":"EUR","receiptReference":"INV-2026-17",
         "payee":{"name":"Cabinet Durand"%s},"description":"Statutes review"%s%s}\
        """
                .formatted(
                        category,
                        amount,
                        payeeMember == null ? "" : ",\"memberId\":\"" + payeeMember + "\"",
                        project == null ? "" : ",\"projectId\":\"" + project + "\"",
                        partner == null ? "" : ",\"partnerId\":\"" + partner + "\"");
    }

    private Answer send(String path, String token, String body, String key) {
        return api.post(path, token, body, Map.of("Idempotency-Key", key));
    }

    private double steps(String step) {
        return meters.counter(Expenses.STEPS_METRIC, "step", step).count();
    }

    private JsonNode balances() {
        return LedgerBalances.read(api, bob);
    }
}
