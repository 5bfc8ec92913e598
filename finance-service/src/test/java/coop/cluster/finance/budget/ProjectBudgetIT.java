package coop.cluster.finance.budget;

import static coop.cluster.finance.LedgerBalances.change;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.cluster.finance.FinanceAccess;
import coop.cluster.finance.FinanceApplication;
import coop.cluster.finance.LedgerBalances;
import coop.cluster.finance.ledger.Bookkeeping;
import coop.cluster.finance.ledger.domain.ChartOfAccounts;
import coop.cluster.finance.ledger.domain.JournalEntry;
import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.finance.ledger.domain.Posting;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.testing.events.TopicEvents;
import coop.cluster.testing.events.TopicRecords;
import coop.cluster.testing.http.Api;
import coop.cluster.testing.http.Api.Answer;
import coop.cluster.testing.security.AuthorizationMatrix;
import coop.cluster.testing.security.MatrixRequest;
import coop.cluster.testing.security.TestIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
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
 * Project budgets on the real broker and store: project-service's {@code agreement.signed}
 * (published as its relay would) opens the budget once, poison goes to the dead-letter topic,
 * contributions and project expenses show in budget against actual and in the ledger's balances.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = FinanceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProjectBudgetIT {

    private static final String TOPIC = "project.projects";
    private static final String SIGNED = "cluster.project.agreement.signed.v1";
    private static final String DEAD_LETTERS = "finance-service.project-budgets.dlt";
    private static final TopicEvents EVENTS =
            new TopicEvents(EmbeddedInfra.shared().bootstrapServers());
    private static final TopicRecords RECORDS =
            new TopicRecords(EmbeddedInfra.shared().bootstrapServers());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri("finance_budget_it"));
        registry.add("cluster.finance.repair-interval", () -> "PT1H");
        TestIssuer.shared().register(registry);
    }

    @LocalServerPort int port;

    @Autowired ApplicationContext context;

    @Autowired Bookkeeping ledger;

    @Autowired ProjectBudgets budgets;

    @Autowired MeterRegistry meters;

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
    void signingOpensTheBudgetOnceContributionsAndExpensesShowAgainstIt() throws Exception {
        String project = UUID.randomUUID().toString();
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        double openedBefore = meters.counter(Budgets.OPENED_METRIC).count();
        String eventId = UUID.randomUUID().toString();

        EVENTS.publish(
                TOPIC, project, eventId, SIGNED, signed(project, 1, a, "1000.00", b, "500.00"));

        Answer opened =
                await().atMost(Duration.ofSeconds(30))
                        .until(
                                () ->
                                        api.get(
                                                "/api/finance/projects/" + project + "/budget",
                                                manager),
                                answer -> answer.status() == 200);
        assertThat(opened.at("/title")).isEqualTo("Robot cell");
        assertThat(opened.at("/currency")).isEqualTo("EUR");
        assertThat(opened.at("/pledged")).isEqualTo("1500.00");
        assertThat(opened.at("/partners/0/memberId")).isEqualTo(a);
        assertThat(opened.at("/partners/1/inKind")).isEqualTo("a 6-axis robot");
        assertThat(opened.at("/outstanding")).isEqualTo("1500.00");
        assertThat(meters.counter(Budgets.OPENED_METRIC).count() - openedBefore).isEqualTo(1.0);

        // contributions
        JsonNode start = balances();
        Answer fromA = contribute(project, a, "600.00", "EUR", "k-a-" + project);
        Answer fromB = contribute(project, b, "500.00", "EUR", "k-b-" + project);
        Answer replay = contribute(project, a, "600.00", "EUR", "k-a-" + project);
        assertThat(fromA.status()).as(fromA.body()).isEqualTo(201);
        assertThat(fromA.at("/account")).isEqualTo("2500:J:" + project + ":M:" + a);
        assertThat(fromB.status()).isEqualTo(201);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.raw().headers().firstValue("Idempotent-Replayed")).hasValue("true");
        JsonNode funded = balances();
        assertThat(change(start, funded, "1000")).isEqualByComparingTo("1100.00");
        assertThat(change(start, funded, "2500:J:" + project + ":M:" + a))
                .isEqualByComparingTo("600.00");
        assertThat(change(start, funded, "2500:J:" + project + ":M:" + b))
                .isEqualByComparingTo("500.00");

        // re-delivery of the same event, and the same agreement version under another event id:
        // nothing changes;
        // then a poison event under the same key: once it is a dead letter, both were consumed
        // before it
        EVENTS.publish(
                TOPIC, project, eventId, SIGNED, signed(project, 1, a, "1000.00", b, "500.00"));
        EVENTS.publish(
                TOPIC,
                project,
                UUID.randomUUID().toString(),
                SIGNED,
                signed(project, 1, a, "1.00", b, "2.00"));
        String poison = UUID.randomUUID().toString();
        EVENTS.publish(
                TOPIC,
                project,
                poison,
                SIGNED,
                signed(project, 2, a, "1.00", b, "2.00").replace("\"EUR\"", "\"XAU\""));
        await().atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(
                        () ->
                                RECORDS.all(DEAD_LETTERS).stream()
                                        .anyMatch(
                                                record ->
                                                        project.equals(record.key())
                                                                && poison.equals(
                                                                        record.headers()
                                                                                .get("ce_id"))));
        Answer unchanged = api.get("/api/finance/projects/" + project + "/budget", manager);
        assertThat(unchanged.at("/pledged")).isEqualTo("1500.00");
        assertThat(unchanged.at("/received")).isEqualTo("1100.00");
        assertThat(unchanged.at("/agreementVersion")).isEqualTo("1");
        assertThat(meters.counter(Budgets.OPENED_METRIC).count() - openedBefore).isEqualTo(1.0);

        // a project expense for partner a, then one for the project as a whole beyond what the
        // partners hold
        fundBank("100.00");
        String forA = submitProjectExpense(project, a, "250.00");
        assertThat(api.post("/api/finance/expenses/" + forA + "/approval", bob, "{}").status())
                .isEqualTo(200);
        assertThat(api.post("/api/finance/expenses/" + forA + "/payment", bob, "{}").status())
                .isEqualTo(200);
        String forAll = submitProjectExpense(project, null, "900.00");
        Answer approvedAll = api.post("/api/finance/expenses/" + forAll + "/approval", bob, "{}");
        assertThat(approvedAll.status()).as(approvedAll.body()).isEqualTo(200);
        assertThat(approvedAll.at("/released")).isEqualTo("850.00");
        Answer paidAll = api.post("/api/finance/expenses/" + forAll + "/payment", bob, "{}");
        assertThat(paidAll.status()).as(paidAll.body()).isEqualTo(200);

        JsonNode spent = balances();
        assertThat(change(start, spent, "2500:J:" + project + ":M:" + a)).isEqualByComparingTo("0");
        assertThat(change(start, spent, "2500:J:" + project + ":M:" + b)).isEqualByComparingTo("0");
        assertThat(change(start, spent, "4200:P:partner-contributions:J:" + project))
                .isEqualByComparingTo("1100.00");
        assertThat(change(start, spent, "6400:J:" + project + ":M:" + a))
                .isEqualByComparingTo("250.00");
        assertThat(change(start, spent, "6400:J:" + project)).isEqualByComparingTo("900.00");
        assertThat(spent.at("/balanced").asBoolean()).isTrue();

        Answer actual = api.get("/api/finance/projects/" + project + "/budget", bob);
        assertThat(actual.at("/spent")).isEqualTo("1150.00");
        assertThat(actual.at("/released")).isEqualTo("1100.00");
        assertThat(actual.at("/unfunded")).isEqualTo("50.00");
        assertThat(actual.at("/remaining")).isEqualTo("0.00");
        assertThat(actual.at("/outstanding")).isEqualTo("400.00");
        assertThat(actual.at("/partners/0/received")).isEqualTo("600.00");
        assertThat(actual.at("/partners/0/outstanding")).isEqualTo("400.00");
        assertThat(actual.at("/partners/0/spent")).isEqualTo("250.00");
        assertThat(actual.at("/partners/0/released")).isEqualTo("600.00");
        assertThat(actual.at("/partners/0/remaining")).isEqualTo("0.00");
        assertThat(actual.at("/partners/1/released")).isEqualTo("500.00");
        assertThat(actual.at("/partners/1/spent")).isEqualTo("0.00");

        assertThat(budgets.all())
                .anySatisfy(
                        budget -> {
                            assertThat(budget.projectId()).isEqualTo(project);
                            assertThat(budget.spent()).isEqualTo(Money.of("1150.00", "EUR"));
                        });
        assertThat(
                        api.get("/api/finance/projects/budgets?size=100", manager)
                                .json()
                                .at("/items")
                                .findValuesAsString("projectId"))
                .contains(project);
    }

    @Test
    void contributionsAreCheckedAgainstTheBudget() throws Exception {
        String project = UUID.randomUUID().toString();
        String a = UUID.randomUUID().toString();
        EVENTS.publish(
                TOPIC,
                project,
                UUID.randomUUID().toString(),
                SIGNED,
                signed(project, 1, a, "100.00", UUID.randomUUID().toString(), "0"));
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                api.get("/api/finance/projects/" + project + "/budget", manager)
                                                .status()
                                        == 200);
        String key = UUID.randomUUID().toString();

        Answer stranger =
                contribute(
                        project,
                        UUID.randomUUID().toString(),
                        "1.00",
                        "EUR",
                        UUID.randomUUID().toString());
        Answer dollars = contribute(project, a, "1.00", "USD", UUID.randomUUID().toString());
        Answer noBudget =
                contribute(
                        UUID.randomUUID().toString(),
                        a,
                        "1.00",
                        "EUR",
                        UUID.randomUUID().toString());
        Answer first = contribute(project, a, "10.00", "EUR", key);
        Answer reused = contribute(project, a, "11.00", "EUR", key);
        Answer noKey =
                api.post(
                        "/api/finance/projects/" + project + "/contributions",
                        alice,
                        contribution(a, "1.00", "EUR"));
        Answer badPartner = contribute(project, "a:b", "1.00", "EUR", UUID.randomUUID().toString());

        assertThat(stranger.status()).isEqualTo(422);
        assertThat(stranger.at("/type")).endsWith("/contribution-partner-unknown");
        assertThat(dollars.status()).isEqualTo(422);
        assertThat(dollars.at("/type")).endsWith("/contribution-currency");
        assertThat(noBudget.status()).isEqualTo(404);
        assertThat(noBudget.at("/type")).endsWith("/project-budget-not-found");
        assertThat(first.status()).isEqualTo(201);
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.at("/type")).endsWith("/contribution-key-reused");
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(badPartner.status()).isEqualTo(400);
        assertThat(api.get("/api/finance/projects/" + project + "/budget", manager).at("/received"))
                .isEqualTo("10.00");
    }

    private static final String READ = FinanceAccess.READ;

    @TestFactory
    Stream<DynamicNode> matrix() {
        String project = UUID.randomUUID().toString();
        String partner = UUID.randomUUID().toString();
        EVENTS.publish(
                TOPIC,
                project,
                UUID.randomUUID().toString(),
                SIGNED,
                signed(project, 1, partner, "100.00", UUID.randomUUID().toString(), "1.00"));
        await().atMost(Duration.ofSeconds(30)).until(() -> budgets.of(project).isPresent());
        return AuthorizationMatrix.at("http://127.0.0.1:" + port, TestIssuer.shared())
                .endpoint(
                        "POST /api/finance/projects/{projectId}/contributions",
                        cell ->
                                MatrixRequest.post(
                                                "/api/finance/projects/"
                                                        + project
                                                        + "/contributions",
                                                contribution(partner, "0.01", "EUR"))
                                        .header("Idempotency-Key", UUID.randomUUID().toString()))
                .expect(
                        """
                        anonymous 401
                        member    403
                        delegate  403
                        manager   403
                        finance   201
                        feed      403
                        """)
                .endpoint(
                        "GET /api/finance/projects/{projectId}/budget",
                        cell -> MatrixRequest.get("/api/finance/projects/" + project + "/budget"))
                .expect(READ)
                .endpoint(
                        "GET /api/finance/projects/budgets",
                        cell -> MatrixRequest.get("/api/finance/projects/budgets"))
                .expect(READ)
                .coveringEndpointsOf(context, "/api/finance/projects")
                .tests();
    }

    static String signed(
            String project, int version, String a, String moneyA, String b, String moneyB) {
        Instant now = Instant.now();
        return """
        {"projectId":"%1$s","projectTitle":"Robot cell","leaderId":"%3$s",
         "agreement":{"version":%2$d,"currency":"EUR","contributions":[
           {"memberId":"%3$s","money":"%4$s","inKind":null,"inKindValue":null},
           {"memberId":"%5$s","money":"%6$s","inKind":"a 6-axis robot","inKindValue":"2000.00"}],
          "coordinator":"%3$s","tasks":[{"title":"Integration","responsible":"%5$s"}],
          "settlementRule":"pro rata","proposedAt":"%7$s"},
         "signatures":{"%3$s":"%7$s","%5$s":"%7$s"},"signedAt":"%7$s","aFieldFinanceDoesNotKnow":1}\
        """
                .formatted(project, version, a, moneyA, b, moneyB, now);
    }

    private static String contribution(String partner, String amount, String currency) {
        return """
        {"partnerId":"%s","amount":"%s","currency":"%s","date":"2026-03-15","reference":"VIR-1"}\
        """
                .formatted(partner, amount, currency);
    }

    private Answer contribute(
            String project, String partner, String amount, String currency, String key) {
        return api.post(
                "/api/finance/projects/" + project + "/contributions",
                alice,
                contribution(partner, amount, currency),
                Map.of("Idempotency-Key", key));
    }

    private String submitProjectExpense(String project, String partner, String amount) {
        if (partner != null) {
            coop.cluster.finance.TestMembers.known(mongo, partner);
        }
        Answer submitted =
                api.post(
                        "/api/finance/expenses",
                        alice,
                        """
                        {"category":"PROJECT","amount":"%s","currency":"EUR","receiptReference":"F-9",
                         "payee":{"name":"Robotics supplier"},"description":"Gripper","projectId":"%s"%s}\
                        """
                                .formatted(
                                        amount,
                                        project,
                                        partner == null
                                                ? ""
                                                : ",\"partnerId\":\"" + partner + "\""));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        return submitted.at("/id");
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

    private JsonNode balances() {
        return LedgerBalances.read(api, bob);
    }
}
