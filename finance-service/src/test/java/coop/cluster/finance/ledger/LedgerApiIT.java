package coop.cluster.finance.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.finance.FinanceApplication;
import coop.cluster.finance.RawApi;
import coop.cluster.finance.ledger.domain.ChartOfAccounts;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.testing.http.Api;
import coop.cluster.testing.http.Api.Answer;
import coop.cluster.testing.security.TestIssuer;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The ledger's REST API over real HTTP with signed tokens, on the embedded store. The ledger is
 * shared by the tests (it is append-only), so each test reads balances before and checks what
 * changed.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = FinanceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LedgerApiIT {

    private static final String ENTRIES = "/api/finance/ledger/entries";
    private static final String BALANCES = "/api/finance/ledger/balances";
    private static final String BANK = ChartOfAccounts.BANK;
    private static final String FEES = ChartOfAccounts.FEE_INCOME;
    private static final String ADMIN = ChartOfAccounts.ADMINISTRATIVE_EXPENSES;
    private static final String PROBLEM_TYPE = "https://cluster.coop/problems/";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri",
                () -> EmbeddedInfra.shared().mongoUri("finance_ledger_api_it"));
        TestIssuer.shared().register(registry);
    }

    @LocalServerPort int port;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.data.mongodb.core.MongoTemplate mongo;

    Api api;
    String finance;
    String manager;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        finance = TestIssuer.shared().token("fred").roles("finance").sign();
        manager = TestIssuer.shared().token("mia").roles("manager").sign();
    }

    @Test
    void feesFundTheBankAnExpenseSpendsItAndTheBalancesReadBackExactly() {
        JsonNode before = balances(finance);

        Answer funded =
                api.post(
                        ENTRIES,
                        finance,
                        entry(key(), "Membership fees, March", FUNDING, "250.00"));
        Answer spent = api.post(ENTRIES, finance, entry(key(), "Office supplies", ADMIN, "12.34"));

        assertThat(funded.status()).as(funded.body()).isEqualTo(201);
        long sequence = Long.parseLong(funded.at("/sequence"));
        assertThat(funded.raw().headers().firstValue("Location"))
                .hasValue(ENTRIES + "/" + sequence);
        assertThat(funded.at("/id")).matches("[0-9a-f-]{36}");
        assertThat(funded.at("/date")).isEqualTo("2026-03-14");
        assertThat(funded.at("/description")).isEqualTo("Membership fees, March");
        assertThat(funded.at("/postings/0/account")).isEqualTo(BANK);
        assertThat(funded.at("/postings/0/side")).isEqualTo("DEBIT");
        assertThat(funded.at("/postings/0/amount")).isEqualTo("250.00");
        assertThat(funded.at("/postings/0/currency")).isEqualTo("EUR");
        assertThat(funded.at("/postedAt")).isNotBlank();
        assertThat(funded.at("/replayed")).isEqualTo("false");
        assertThat(spent.status()).as(spent.body()).isEqualTo(201);
        assertThat(Long.parseLong(spent.at("/sequence"))).isGreaterThan(sequence);

        JsonNode after = balances(finance);
        assertThat(change(before, after, BANK)).isEqualByComparingTo("237.66");
        assertThat(change(before, after, FEES)).isEqualByComparingTo("250.00");
        assertThat(change(before, after, ADMIN)).isEqualByComparingTo("12.34");
        assertThat(account(after, BANK).get("balance").asString()).matches("-?[0-9]+\\.[0-9]{2}");
        assertThat(account(after, BANK).get("name").asString()).isEqualTo("Bank");
        assertThat(account(after, BANK).get("type").asString()).isEqualTo("ASSET");
        assertThat(account(after, BANK).get("currency").asString()).isEqualTo("EUR");
        assertThat(after.at("/trialBalance/EUR").asString()).isEqualTo("0.00");
        assertThat(after.at("/balanced").asBoolean()).isTrue();

        Answer read = api.get(ENTRIES + "/" + sequence, manager);
        assertThat(read.status()).isEqualTo(200);
        assertThat(((ObjectNode) read.json()).without("replayed"))
                .isEqualTo(((ObjectNode) funded.json()).without("replayed"));
        assertThat(api.get(BALANCES, manager).status()).as("managers read").isEqualTo(200);
    }

    @Test
    void theSameKeyAndContentIsAReplayAnsweredWithTheFirstEntry() {
        String key = key();
        String body = entry(key, "Fees", FUNDING, "10.00");
        Answer first = api.post(ENTRIES, finance, body);
        JsonNode before = balances(finance);

        Answer again = api.post(ENTRIES, finance, body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.raw().headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(again.at("/replayed")).isEqualTo("true");
        assertThat(again.at("/sequence")).isEqualTo(first.at("/sequence"));
        assertThat(again.at("/id")).isEqualTo(first.at("/id"));
        assertThat(change(before, balances(finance), BANK)).isEqualByComparingTo("0");
    }

    @Test
    void theKeyMayComeFromTheHeaderAndTwoDifferentKeysAreRefused() throws Exception {
        String key = key();
        Answer viaHeader =
                api.post(
                        ENTRIES,
                        finance,
                        entry(null, "Fees", FUNDING, "5.00"),
                        Map.of("Idempotency-Key", key));
        Answer sameInBoth =
                api.post(
                        ENTRIES,
                        finance,
                        entry(key, "Fees", FUNDING, "5.00"),
                        Map.of("Idempotency-Key", key));
        Answer differ =
                api.post(
                        ENTRIES,
                        finance,
                        entry(key(), "Fees", FUNDING, "5.00"),
                        Map.of("Idempotency-Key", key()));
        Answer none = api.post(ENTRIES, finance, entry(null, "Fees", FUNDING, "5.00"));

        assertThat(viaHeader.status()).as(viaHeader.body()).isEqualTo(201);
        assertThat(sameInBoth.status()).as("a replay").isEqualTo(200);
        assertProblem(differ, 400, "idempotency-key-mismatch");
        assertProblem(none, 400, "idempotency-key-required");
    }

    @Test
    void theSameKeyWithOtherContentIsAConflict() {
        String key = key();
        assertThat(api.post(ENTRIES, finance, entry(key, "Fees", FUNDING, "10.00")).status())
                .isEqualTo(201);

        Answer other = api.post(ENTRIES, finance, entry(key, "Fees", FUNDING, "10.01"));

        assertProblem(other, 409, "idempotency-conflict");
        assertThat(other.at("/code")).isEqualTo("idempotency-conflict");
        assertThat(other.at("/detail")).contains(key);
    }

    @Test
    void ledgerRulesAre422WithTheViolationCode() {
        fund("100.00");
        String bank = account(balances(finance), BANK).get("balance").asString();
        String overdraft = new BigDecimal(bank).add(new BigDecimal("0.01")).toPlainString();
        JsonNode before = balances(finance);

        assertProblem(
                api.post(
                        ENTRIES,
                        finance,
                        """
                        {"idempotencyKey":"%s","date":"2026-03-14","description":"lopsided","postings":[
                         {"account":"1000","side":"DEBIT","amount":"10.00","currency":"EUR"},
                         {"account":"4000","side":"CREDIT","amount":"9.99","currency":"EUR"}]}\
                        """
                                .formatted(key())),
                422,
                "entry-unbalanced");
        assertProblem(
                api.post(ENTRIES, finance, entry(key(), "Too much", ADMIN, overdraft)),
                422,
                "account-would-go-negative");
        assertProblem(
                api.post(ENTRIES, finance, entry(key(), "Fees", FUNDING, "1.005")),
                422,
                "amount-too-precise");
        assertProblem(
                api.post(ENTRIES, finance, entry(key(), "Fees", FUNDING, "0.00")),
                422,
                "posting-amount-not-positive");
        assertProblem(
                api.post(ENTRIES, finance, entry(key(), "Nowhere", "7777", "1.00")),
                422,
                "account-unknown");
        Answer french = send422InFrench();
        assertThat(french.at("/title")).isEqualTo("Écriture déséquilibrée");

        assertThat(change(before, balances(finance), BANK))
                .as("nothing was posted")
                .isEqualByComparingTo("0");
    }

    /**
     * Acceptance testing: entries dated -999999999-01-01, +999999999-12-31 and 0000-01-01, and one
     * of 99999999999999999999999999999.99 EUR, all got 201 (and a period was then sealed from
     * -999999999-01-01); a payment for "not-a-uuid" or the nil UUID opened a receivable for a
     * member that does not exist.
     */
    @Test
    void absurdDatesAndAmountsAndUnknownMembersAreRefused() {
        JsonNode before = balances(finance);
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        for (String date :
                java.util.List.of(
                        "-999999999-01-01",
                        "+999999999-12-31",
                        "0000-01-01",
                        today.minusYears(10).minusDays(1).toString(),
                        today.plusYears(1).plusDays(1).toString())) {
            Answer refused =
                    api.post(
                            ENTRIES,
                            finance,
                            entry(key(), "Fees", FUNDING, "1.00").replace("2026-03-14", date));
            assertProblem(refused, 422, "entry-date-out-of-range");
            assertThat(refused.at("/detail")).as(date).contains(date);
        }
        assertThat(
                        api.post(
                                        ENTRIES,
                                        finance,
                                        entry(key(), "Fees", FUNDING, "1.00")
                                                .replace(
                                                        "2026-03-14",
                                                        today.plusYears(1).toString()))
                                .status())
                .as("a year ahead")
                .isEqualTo(201);
        assertProblem(
                api.post(
                        ENTRIES,
                        finance,
                        entry(key(), "Fees", FUNDING, "99999999999999999999999999999.99")),
                422,
                "amount-out-of-range");
        assertProblem(
                api.post(ENTRIES, finance, entry(key(), "Fees", FUNDING, "1000000000.01")),
                422,
                "amount-out-of-range");
        for (String nobody :
                java.util.List.of(
                        "not-a-uuid",
                        "00000000-0000-0000-0000-000000000000",
                        UUID.randomUUID().toString())) {
            Answer payment =
                    api.post(
                            ENTRIES,
                            finance,
                            """
                            {"idempotencyKey":"%s","date":"2026-03-14","description":"payment","postings":[
                             {"account":"1000","side":"DEBIT","amount":"10.00","currency":"EUR"},
                             {"account":"2100:M:%s","side":"CREDIT","amount":"10.00","currency":"EUR"}]}\
                            """
                                    .formatted(key(), nobody));
            assertProblem(payment, 422, "member-unknown");
            assertThat(payment.at("/detail")).contains("postings[1].account").contains(nobody);
        }
        Answer french =
                sendInFrench(
                        entry(key(), "Fees", FUNDING, "1.00").replace("2026-03-14", "0000-01-01"));
        assertThat(french.status()).isEqualTo(422);
        assertThat(french.at("/title")).isEqualTo("Date hors limites");
        String known = coop.cluster.finance.TestMembers.known(mongo, UUID.randomUUID().toString());
        Answer invoice =
                api.post(
                        ENTRIES,
                        finance,
                        """
                        {"idempotencyKey":"%s","date":"2026-03-14","description":"fee","postings":[
                         {"account":"1100:M:%s","side":"DEBIT","amount":"10.00","currency":"EUR"},
                         {"account":"4000:M:%s","side":"CREDIT","amount":"10.00","currency":"EUR"}]}\
                        """
                                .formatted(key(), known, known));
        assertThat(invoice.status()).as(invoice.body()).isEqualTo(201);

        // in a batch, each such entry is refused in its place and the others go through
        Answer batch =
                api.post(
                        ENTRIES + "/batch",
                        finance,
                        "{\"entries\":["
                                + String.join(
                                        ",",
                                        entry(key(), "Fees", FUNDING, "2.00")
                                                .replace("2026-03-14", "-999999999-01-01"),
                                        entry(key(), "Fees", FUNDING, "2.00"),
                                        entry(key(), "Fees", FUNDING, "2.00")
                                                .replace(
                                                        "\"account\":\"4000\"",
                                                        "\"account\":\"4000:M:not-a-uuid\""))
                                + "]}");
        assertThat(batch.status()).as(batch.body()).isEqualTo(200);
        assertThat(batch.at("/results/0/problem/code")).isEqualTo("entry-date-out-of-range");
        assertThat(batch.at("/results/1/status")).isEqualTo("posted");
        assertThat(batch.at("/results/2/problem/code")).isEqualTo("member-unknown");
        assertThat(change(before, balances(finance), BANK))
                .as("only the good entries: 1.00 and 2.00")
                .isEqualByComparingTo("3.00");
    }

    @Test
    void malformedRequestsAre400WithTheField() {
        assertProblem(api.post(ENTRIES, finance, "{\"idempotencyKey\": "), 400, "unreadable-body");

        Answer side =
                api.post(
                        ENTRIES,
                        finance,
                        entry(key(), "Fees", FUNDING, "1.00").replace("\"DEBIT\"", "\"SIDEWAYS\""));
        assertProblem(side, 400, "unreadable-field");
        assertThat(side.at("/errors/0/field")).isEqualTo("postings[0].side");

        Answer date =
                api.post(
                        ENTRIES,
                        finance,
                        entry(key(), "Fees", FUNDING, "1.00").replace("2026-03-14", "2026-02-30"));
        assertProblem(date, 400, "unreadable-field");
        assertThat(date.at("/errors/0/field")).isEqualTo("date");

        Answer amount = api.post(ENTRIES, finance, entry(key(), "Fees", FUNDING, "12,50"));
        assertProblem(amount, 400, "validation");
        assertThat(amount.at("/errors/0/field")).isEqualTo("postings[0].amount");

        Answer missing = api.post(ENTRIES, finance, "{\"idempotencyKey\":\"" + key() + "\"}");
        assertProblem(missing, 400, "validation");
        assertThat(missing.json().get("errors").findValuesAsString("field"))
                .contains("date", "description", "postings");
    }

    @Test
    void aReversalRestoresTheBalances() {
        fund("40.00");
        JsonNode before = balances(finance);
        Answer spent =
                api.post(
                        ENTRIES,
                        finance,
                        entry(key(), "Lawyer", ChartOfAccounts.LEGAL_EXPENSES, "30.00"));
        String sequence = spent.at("/sequence");
        String key = key();
        String reversal =
                """
                {"idempotencyKey":"%s","date":"2026-03-15"}\
                """
                        .formatted(key);

        Answer reversed = api.post(ENTRIES + "/" + sequence + "/reversal", finance, reversal);
        Answer replayed = api.post(ENTRIES + "/" + sequence + "/reversal", finance, reversal);
        Answer twice =
                api.post(
                        ENTRIES + "/" + sequence + "/reversal",
                        finance,
                        """
                        {"idempotencyKey":"%s","date":"2026-03-15","description":"again"}\
                        """
                                .formatted(key()));
        Answer ofReversal =
                api.post(
                        ENTRIES + "/" + reversed.at("/sequence") + "/reversal",
                        finance,
                        """
                        {"idempotencyKey":"%s","date":"2026-03-15"}\
                        """
                                .formatted(key()));

        assertThat(reversed.status()).as(reversed.body()).isEqualTo(201);
        assertThat(reversed.at("/reverses")).isEqualTo(spent.at("/id"));
        assertThat(reversed.at("/description")).isEqualTo("Reversal of entry " + spent.at("/id"));
        assertThat(reversed.at("/postings/0/side")).isEqualTo("CREDIT");
        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.at("/sequence")).isEqualTo(reversed.at("/sequence"));
        assertProblem(twice, 422, "entry-already-reversed");
        assertProblem(ofReversal, 422, "reversal-of-reversal");
        JsonNode after = balances(finance);
        for (String code : new String[] {BANK, FEES, ChartOfAccounts.LEGAL_EXPENSES}) {
            assertThat(change(before, after, code)).as(code).isEqualByComparingTo("0");
        }
        assertProblem(
                api.post(
                        ENTRIES + "/999999/reversal",
                        finance,
                        """
                        {"idempotencyKey":"%s","date":"2026-03-15"}\
                        """
                                .formatted(key())),
                404,
                "ledger-entry-not-found");
    }

    @Test
    void theJournalIsPagedBySequence() {
        long first = Long.parseLong(fund("1.00"));
        fund("2.00");
        long third = Long.parseLong(fund("3.00"));

        Answer page = api.get(ENTRIES + "?from=" + first + "&size=2", manager);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().get("entries").findValuesAsString("sequence"))
                .containsExactly(Long.toString(first), Long.toString(first + 1));
        assertThat(page.at("/entries/1/postings/0/amount")).isEqualTo("2.00");
        assertThat(page.at("/next")).isEqualTo(Long.toString(first + 2));

        Answer last = api.get(ENTRIES + "?from=" + page.at("/next") + "&size=200", finance);
        assertThat(last.json().get("entries").findValuesAsString("sequence"))
                .first()
                .isEqualTo(Long.toString(third));
        assertThat(last.at("/next")).isNull();

        Answer all = api.get(ENTRIES, finance);
        assertThat(all.at("/entries/0/sequence")).isEqualTo("1");
        assertThat(all.at("/size")).isEqualTo("50");

        assertProblem(api.get(ENTRIES + "?size=201", finance), 400, "validation");
        assertProblem(api.get(ENTRIES + "?from=0", finance), 400, "validation");
        assertProblem(api.get(ENTRIES + "?size=x", finance), 400, "validation");
    }

    @Test
    void anUnknownSequenceIs404() {
        Answer unknown = api.get(ENTRIES + "/987654", finance);
        assertProblem(unknown, 404, "ledger-entry-not-found");
        assertThat(unknown.at("/detail")).contains("987654");
    }

    @Test
    void theChartListsEveryAccount() {
        Answer chart = api.get("/api/finance/ledger/accounts", manager);

        assertThat(chart.status()).isEqualTo(200);
        assertThat(chart.json().findValuesAsString("code"))
                .startsWith(BANK, ChartOfAccounts.MEMBER_RECEIVABLES)
                .contains(ChartOfAccounts.IN_KIND_CONTRA, ChartOfAccounts.DEFERRED_FEES)
                .filteredOn(code -> !code.contains(":"))
                .as("the standard chart; sub-accounts opened by other tests")
                .hasSize(16);
        assertThat(chart.at("/0/normalSide")).isEqualTo("DEBIT");
        assertThat(chart.at("/6/code")).isEqualTo(ChartOfAccounts.NET_ASSETS);
        assertThat(chart.at("/6/mayGoNegative")).as("net assets").isEqualTo("true");
    }

    @Test
    void othersMayNotPostAndManagersOnlyRead() {
        String body = entry(key(), "Fees", FUNDING, "1.00");
        assertProblem(api.post(ENTRIES, manager, body), 403, "forbidden");
        assertProblem(
                api.post(
                        ENTRIES,
                        TestIssuer.shared()
                                .token("meg")
                                .roles("member")
                                .memberId("0000aaaa-0000-4000-8000-00000000000a")
                                .sign(),
                        body),
                403,
                "forbidden");
        assertProblem(
                api.get(
                        BALANCES,
                        TestIssuer.shared().token("feedy").roles("feed").feedId("f").sign()),
                403,
                "forbidden");
        assertThat(api.get(BALANCES, null).status()).isEqualTo(401);
    }

    // --- helpers

    /** For {@link #entry}: fee income credited, the bank debited. */
    private static final String FUNDING = "fees";

    /**
     * A balanced two-posting entry: {@code "fees"} debits the bank and credits fee income; any
     * other account is debited and the bank credited (a spending).
     */
    private static String entry(String key, String description, String account, String amount) {
        String debit = account.equals(FUNDING) ? BANK : account;
        String credit = account.equals(FUNDING) ? FEES : BANK;
        return """
        {%s"date":"2026-03-14","description":"%s","postings":[
         {"account":"%s","side":"DEBIT","amount":"%s","currency":"EUR"},
         {"account":"%s","side":"CREDIT","amount":"%s","currency":"EUR"}]}\
        """
                .formatted(
                        key == null ? "" : "\"idempotencyKey\":\"" + key + "\",",
                        description,
                        debit,
                        amount,
                        credit,
                        amount);
    }

    private String fund(String amount) {
        Answer funded = api.post(ENTRIES, finance, entry(key(), "Fees", FUNDING, amount));
        assertThat(funded.status()).as(funded.body()).isEqualTo(201);
        return funded.at("/sequence");
    }

    private static String key() {
        return "key-" + UUID.randomUUID();
    }

    private JsonNode balances(String token) {
        Answer answer = api.get(BALANCES, token);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static JsonNode account(JsonNode balances, String code) {
        for (JsonNode account : balances.get("accounts")) {
            if (account.get("code").asString().equals(code)) {
                return account;
            }
        }
        throw new AssertionError("no account " + code + " in " + balances);
    }

    private static BigDecimal change(JsonNode before, JsonNode after, String code) {
        return new BigDecimal(account(after, code).get("balance").asString())
                .subtract(new BigDecimal(account(before, code).get("balance").asString()));
    }

    /** A problem+json answer with this status and a type ending in this code. */
    private static void assertProblem(Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.raw().headers().firstValue("Content-Type"))
                .hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.at("/type")).isEqualTo(PROBLEM_TYPE + code);
        assertThat(answer.at("/title")).isNotBlank();
        assertThat(answer.at("/status")).isEqualTo(Integer.toString(status));
    }

    private Answer send422InFrench() {
        Answer answer =
                sendInFrench(
                        """
                        {"idempotencyKey":"%s","date":"2026-03-14","description":"bancal","postings":[
                         {"account":"1000","side":"DEBIT","amount":"10.00","currency":"EUR"},
                         {"account":"4000","side":"CREDIT","amount":"9.00","currency":"EUR"}]}\
                        """
                                .formatted(key()));
        assertProblem(answer, 422, "entry-unbalanced");
        return answer;
    }

    /** A posting asking for French, which the shared Api does not ask for. */
    private Answer sendInFrench(String body) {
        return new RawApi(port).post(ENTRIES).token(finance).language("fr").json(body).send();
    }
}
