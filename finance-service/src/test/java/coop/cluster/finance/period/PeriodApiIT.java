package coop.cluster.finance.period;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.cluster.finance.FinanceAccess;
import coop.cluster.finance.FinanceApplication;
import coop.cluster.finance.RawApi;
import coop.cluster.finance.ledger.domain.ChartOfAccounts;
import coop.cluster.finance.ledger.persistence.LedgerJournal;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.testing.events.TopicRecords;
import coop.cluster.testing.http.Api;
import coop.cluster.testing.http.Api.Answer;
import coop.cluster.testing.security.AuthorizationMatrix;
import coop.cluster.testing.security.MatrixRequest;
import coop.cluster.testing.security.TestIssuer;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The periods' REST API over real HTTP with signed tokens, its authorization matrix, and the {@code
 * cluster.finance.period.closed.v1} event on the embedded broker. The ledger is shared by the tests
 * (append-only, closed in date order), so each closes the month after the last closed day.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = FinanceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PeriodApiIT {

    private static final TopicRecords RECORDS =
            new TopicRecords(EmbeddedInfra.shared().bootstrapServers());
    private static final String PERIODS = "/api/finance/periods";
    private static final String ENTRIES = "/api/finance/ledger/entries";
    private static final String PROBLEM_TYPE = "https://cluster.coop/problems/";

    /** Closing: finance staff only. */
    private static final String WRITE = FinanceAccess.WRITE;

    /** Reading and verifying: finance staff and managers. */
    private static final String READ = FinanceAccess.READ;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri",
                () -> EmbeddedInfra.shared().mongoUri("finance_periods_api_it"));
        TestIssuer.shared().register(registry);
    }

    @LocalServerPort int port;

    @Autowired ApplicationContext context;

    @Autowired Periods periods;

    @Autowired MongoTemplate mongo;

    Api api;
    String finance;
    String manager;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        finance = TestIssuer.shared().token("fred").roles("finance").sign();
        manager = TestIssuer.shared().token("mia").roles("manager").sign();
    }

    @TestFactory
    Stream<DynamicNode> matrix() {
        return AuthorizationMatrix.at("http://127.0.0.1:" + port, TestIssuer.shared())
                .endpoint(
                        "POST /api/finance/periods/{id}/close",
                        cell -> MatrixRequest.post(PERIODS + "/" + nextMonth() + "/close", null))
                .expect(WRITE)
                .endpoint(
                        "GET /api/finance/periods",
                        cell -> MatrixRequest.get(PERIODS + "?page=0&size=5"))
                .expect(READ)
                .endpoint(
                        "GET /api/finance/periods/{id}",
                        cell -> MatrixRequest.get(PERIODS + "/2020-Q1"))
                .expect(READ)
                .endpoint(
                        "GET /api/finance/periods/verify",
                        cell -> MatrixRequest.get(PERIODS + "/verify"))
                .expect(READ)
                .coveringEndpointsOf(context, "/api/finance/periods")
                .tests();
    }

    @Test
    void financeClosesAMonthWhichThenRefusesEntriesAndIsAnnouncedOnce() {
        YearMonth month = nextMonth();
        String id = month.toString();
        Answer posted = api.post(ENTRIES, finance, entry(month.atDay(10), "120.00"));
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);

        Answer closed = api.post(PERIODS + "/" + id + "/close", finance, null);

        assertThat(closed.status()).as(closed.body()).isEqualTo(201);
        assertThat(closed.raw().headers().firstValue("Location")).hasValue(PERIODS + "/" + id);
        assertThat(closed.at("/periodId")).isEqualTo(id);
        assertThat(closed.at("/status")).isEqualTo("CLOSED");
        assertThat(closed.at("/to")).isEqualTo(month.atEndOfMonth().toString());
        assertThat(closed.at("/seal/hash")).matches("[0-9a-f]{64}");
        assertThat(closed.at("/seal/previousHash")).matches("[0-9a-f]{64}");
        assertThat(Integer.parseInt(closed.at("/seal/entryCount"))).isPositive();
        assertThat(closed.at("/seal/lastSequence")).isEqualTo(posted.at("/sequence"));
        assertThat(closed.at("/closedBy")).isEqualTo("fred");
        assertThat(closed.at("/replayed")).isEqualTo("false");
        String hash = closed.at("/seal/hash");

        Answer again = api.post(PERIODS + "/" + id + "/close", finance, null);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.at("/seal/hash")).isEqualTo(hash);
        assertThat(again.at("/sequence")).isEqualTo(closed.at("/sequence"));
        assertThat(again.at("/replayed")).isEqualTo("true");

        Answer late = api.post(ENTRIES, finance, entry(month.atEndOfMonth(), "1.00"));
        assertProblem(late, 422, "period-closed");
        assertThat(late.at("/code")).isEqualTo("period-closed");
        assertThat(late.at("/detail")).contains("open period");
        Answer french = inFrench(entry(month.atDay(2), "1.00"));
        assertThat(french.status()).isEqualTo(422);
        assertThat(french.at("/title")).isEqualTo("Période clôturée");
        assertThat(french.at("/detail")).contains("période ouverte");
        String reversal = ENTRIES + "/" + posted.at("/sequence") + "/reversal";
        assertProblem(
                api.post(
                        reversal,
                        finance,
                        """
                        {"idempotencyKey":"%s","date":"%s"}\
                        """
                                .formatted(UUID.randomUUID(), month.atDay(20))),
                422,
                "period-closed");
        Answer reversed =
                api.post(
                        reversal,
                        finance,
                        """
                        {"idempotencyKey":"%s"}\
                        """
                                .formatted(UUID.randomUUID()));
        assertThat(reversed.status()).as(reversed.body()).isEqualTo(201);
        assertThat(LocalDate.parse(reversed.at("/date")))
                .as("a reversal dated today by default")
                .isBetween(
                        LocalDate.now(ZoneOffset.UTC).minusDays(1), LocalDate.now(ZoneOffset.UTC));

        Answer one = api.get(PERIODS + "/" + id, manager);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.at("/status")).isEqualTo("CLOSED");
        assertThat(one.at("/seal/hash")).isEqualTo(hash);
        Answer covered = api.get(PERIODS + "/2019-06", manager);
        assertThat(covered.at("/status")).isEqualTo("COVERED");
        assertThat(covered.at("/coveredBy")).matches("20[0-9]{2}-(0[1-9]|1[0-2])");
        Answer open = api.get(PERIODS + "/2999-Q4", manager);
        assertThat(open.at("/status")).isEqualTo("OPEN");
        assertThat(open.at("/from")).isEqualTo("2999-10-01");
        JsonNode noSeal = open.json().get("seal");
        assertThat(noSeal == null || noSeal.isNull()).as("no seal for an open period").isTrue();

        Answer page = api.get(PERIODS + "?page=0&size=1", manager);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().get("periods")).hasSize(1);
        assertThat(Long.parseLong(page.at("/total"))).isPositive();
        assertThat(page.at("/closedThrough")).isEqualTo(month.atEndOfMonth().toString());
        long total = Long.parseLong(page.at("/total"));
        Answer last = api.get(PERIODS + "?page=" + (total - 1) + "&size=1", finance);
        assertThat(last.at("/periods/0/periodId")).isEqualTo(id);

        Answer verified = api.get(PERIODS + "/verify", manager);
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.at("/valid")).isEqualTo("true");
        assertThat(verified.at("/periodsChecked")).isEqualTo(Long.toString(total));
        assertThat(verified.json().get("firstBreak").isNull()).isTrue();

        List<TopicRecords.Received> announced =
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> closingsOf(id), found -> !found.isEmpty());
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                assertThat(
                                                mongo.find(
                                                        new Query(),
                                                        Document.class,
                                                        LedgerJournal.JOURNAL))
                                        .allSatisfy(
                                                document ->
                                                        assertThat(
                                                                        document.getList(
                                                                                "outbox",
                                                                                Document.class))
                                                                .isNullOrEmpty()));
        announced = closingsOf(id);
        assertThat(announced).as("one event, the second close wrote nothing").hasSize(1);
        TopicRecords.Received event = announced.getFirst();
        assertThat(event.subject()).isEqualTo("ledger-periods/" + id);
        JsonNode data = event.data();
        assertThat(data.get("periodId").asString()).isEqualTo(id);
        assertThat(data.get("to").asString()).isEqualTo(month.atEndOfMonth().toString());
        assertThat(data.get("from").asString()).isEqualTo(closed.at("/from"));
        assertThat(data.get("sealHash").asString()).isEqualTo(hash);
        assertThat(data.get("previousHash").asString()).isEqualTo(closed.at("/seal/previousHash"));
        assertThat(data.get("entryCount").asInt())
                .isEqualTo(Integer.parseInt(closed.at("/seal/entryCount")));
        assertThat(data.get("lastSequence").asLong())
                .isEqualTo(Long.parseLong(posted.at("/sequence")));
        assertThat(data.get("sequence").asLong()).isEqualTo(Long.parseLong(closed.at("/sequence")));
        assertThat(data.get("closedBy").asString()).isEqualTo("fred");
        assertThat(data.get("closedAt").isString()).isTrue();
    }

    @Test
    void badPeriodsAreProblems() {
        assertProblem(
                api.post(PERIODS + "/2026-13/close", finance, null), 400, "period-id-invalid");
        assertProblem(api.get(PERIODS + "/last-month", manager), 400, "period-id-invalid");
        assertProblem(api.post(PERIODS + "/2999-01/close", finance, null), 422, "period-not-ended");
        Answer current =
                api.post(PERIODS + "/" + YearMonth.now(ZoneOffset.UTC) + "/close", finance, null);
        assertProblem(current, 422, "period-not-ended");
        api.post(PERIODS + "/" + nextMonth() + "/close", finance, null);
        Answer inside = api.post(PERIODS + "/2019-06/close", finance, null);
        assertProblem(inside, 409, "period-already-closed");
        assertThat(inside.at("/code")).isEqualTo("period-already-closed");
        assertProblem(api.get(PERIODS + "?size=0", finance), 400, "validation");
        assertProblem(api.get(PERIODS + "?size=101", finance), 400, "validation");
        assertProblem(api.get(PERIODS + "?page=x", finance), 400, "validation");
    }

    /** The month after the last closed day (January 2020 when nothing is closed). */
    private YearMonth nextMonth() {
        return periods.closedThrough()
                .map(through -> YearMonth.from(through).plusMonths(1))
                .orElse(YearMonth.of(2020, 1));
    }

    private static List<TopicRecords.Received> closingsOf(String periodId) {
        return RECORDS.all("finance.ledger").stream()
                .filter(
                        record ->
                                periodId.equals(record.key())
                                        && "cluster.finance.period.closed.v1".equals(record.type()))
                .toList();
    }

    private static String entry(LocalDate date, String amount) {
        return """
        {"idempotencyKey":"%s","date":"%s","description":"Donation","postings":[
         {"account":"%s","side":"DEBIT","amount":"%s","currency":"EUR"},
         {"account":"%s","side":"CREDIT","amount":"%s","currency":"EUR"}]}\
        """
                .formatted(
                        UUID.randomUUID(),
                        date,
                        ChartOfAccounts.BANK,
                        amount,
                        ChartOfAccounts.DONATIONS,
                        amount);
    }

    /** A posting asking for French, which the shared Api does not ask for. */
    private Answer inFrench(String body) {
        return new RawApi(port).post(ENTRIES).token(finance).language("fr").json(body).send();
    }

    private static void assertProblem(Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.raw().headers().firstValue("Content-Type"))
                .hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.at("/type")).isEqualTo(PROBLEM_TYPE + code);
        assertThat(answer.at("/title")).isNotBlank();
    }
}
