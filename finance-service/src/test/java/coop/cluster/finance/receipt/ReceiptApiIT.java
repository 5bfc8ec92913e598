package coop.cluster.finance.receipt;

import static coop.cluster.finance.LedgerBalances.change;
import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.finance.FinanceAccess;
import coop.cluster.finance.FinanceApplication;
import coop.cluster.finance.LedgerBalances;
import coop.cluster.finance.receipt.domain.Receipt;
import coop.cluster.finance.receipt.domain.Segments;
import coop.cluster.finance.receipt.persistence.ReceiptStore;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.testing.http.Api;
import coop.cluster.testing.http.Api.Answer;
import coop.cluster.testing.security.AuthorizationMatrix;
import coop.cluster.testing.security.MatrixRequest;
import coop.cluster.testing.security.TestIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Donations, grants and in-kind contributions over real HTTP, posted to the ledger on the embedded
 * store.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = FinanceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReceiptApiIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri("finance_receipt_it"));
        registry.add(
                "cluster.finance.repair-interval",
                () -> "PT1H"); // the tests run the sweep themselves
        TestIssuer.shared().register(registry);
    }

    @LocalServerPort int port;

    @Autowired ApplicationContext context;

    @Autowired Receipts receipts;

    @Autowired MongoTemplate mongo;

    @Autowired MeterRegistry meters;

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
    void aDonationFillsTheBankAndTheDonorsAccountOnceHoweverOftenItIsSent() throws Exception {
        String donor = "Fondation Éole #" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        double before = meters.counter(Receipts.METRIC, "kind", "donation").count();
        JsonNode start = balances();
        String body = donation("250.00", donor);

        Answer first = post("/api/finance/donations", body, key);
        Answer again = post("/api/finance/donations", body, key);
        Answer other = post("/api/finance/donations", donation("251.00", donor), key);

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        String account = first.at("/creditAccount");
        assertThat(account)
                .isEqualTo("4100:S:" + Segments.of(donor))
                .matches("4100:S:[A-Za-z0-9._-]{1,64}");
        assertThat(first.at("/sourceName")).isEqualTo("Fondation Éole");
        assertThat(first.at("/sequence")).isNotEmpty();
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.raw().headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(again.at("/id")).isEqualTo(first.at("/id"));
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.at("/type")).endsWith("/receipt-key-reused");
        JsonNode end = balances();
        assertThat(change(start, end, "1000")).isEqualByComparingTo("250.00");
        assertThat(change(start, end, account)).isEqualByComparingTo("250.00");
        assertThat(end.at("/balanced").asBoolean()).isTrue();
        assertThat(meters.counter(Receipts.METRIC, "kind", "donation").count() - before)
                .isEqualTo(1.0);

        Answer list = api.get("/api/finance/donations?size=100", manager);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().at("/items").findValuesAsString("id")).contains(first.at("/id"));
    }

    @Test
    void theSameDonationSentEightTimesAtOnceIsPostedOnce() throws Exception {
        String donor = "racing-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        JsonNode start = balances();
        var go = new java.util.concurrent.CountDownLatch(1);
        List<Integer> statuses = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(
                        pool.submit(
                                () -> {
                                    go.await();
                                    return post(
                                                    "/api/finance/donations",
                                                    donation("40.00", donor),
                                                    key)
                                            .status();
                                }));
            }
            go.countDown();
            for (var answer : answers) {
                statuses.add(answer.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
        }

        assertThat(statuses).containsOnly(200, 201);
        assertThat(statuses)
                .as("the one that inserted it")
                .filteredOn(status -> status == 201)
                .hasSize(1);
        assertThat(change(start, balances(), "4100:S:" + donor)).isEqualByComparingTo("40.00");
    }

    @Test
    void aGrantCreditsItsProgrammeAndProject() throws Exception {
        String project = "p-" + UUID.randomUUID();
        JsonNode start = balances();

        Answer grant =
                post(
                        "/api/finance/grants",
                        """
                        {"amount":"1200.00","currency":"EUR","date":"2026-03-10","source":{"id":"EC/DG RTD","name":"European
                         Commission"},"programme":"Horizon Europe","projectId":"%s","reference":"GA-101"}\
                        """
                                .formatted(project)
                                .replace("\n", ""),
                        UUID.randomUUID().toString());

        assertThat(grant.status()).as(grant.body()).isEqualTo(201);
        String account = "4200:P:" + Segments.of("Horizon Europe") + ":J:" + project;
        assertThat(grant.at("/creditAccount")).isEqualTo(account);
        JsonNode end = balances();
        assertThat(change(start, end, "1000")).isEqualByComparingTo("1200.00");
        assertThat(change(start, end, account)).isEqualByComparingTo("1200.00");
        assertThat(
                        api.get("/api/finance/grants", finance)
                                .json()
                                .at("/items")
                                .findValuesAsString("id"))
                .contains(grant.at("/id"));
    }

    @Test
    void inKindIsAMemoAtItsDeclaredValue() throws Exception {
        String member = coop.cluster.finance.TestMembers.known(mongo, UUID.randomUUID().toString());
        JsonNode start = balances();

        Answer byMember =
                post(
                        "/api/finance/in-kind",
                        """
                        {"value":"800.00","currency":"EUR","date":"2026-03-11","memberId":"%s","description":"Laser cutter,
                         two weeks","valuationBasis":"rental price list 2026"}\
                        """
                                .formatted(member)
                                .replace("\n", ""),
                        UUID.randomUUID().toString());
        Answer both =
                post(
                        "/api/finance/in-kind",
                        """
                        {"value":"1.00","currency":"EUR","date":"2026-03-11","memberId":"%s","source":{"id":"s","name":"S"},
                         "description":"x","valuationBasis":"y"}\
                        """
                                .formatted(member),
                        UUID.randomUUID().toString());
        Answer noBasis =
                post(
                        "/api/finance/in-kind",
                        """
                        {"value":"1.00","currency":"EUR","date":"2026-03-11","memberId":"%s","description":"x"}\
                        """
                                .formatted(member),
                        UUID.randomUUID().toString());

        assertThat(byMember.status()).as(byMember.body()).isEqualTo(201);
        assertThat(byMember.at("/debitAccount")).isEqualTo("9000:M:" + member);
        assertThat(byMember.at("/valuationBasis")).isEqualTo("rental price list 2026");
        assertThat(both.status()).isEqualTo(422);
        assertThat(both.at("/type")).endsWith("/in-kind-giver");
        assertThat(noBasis.status()).isEqualTo(400);
        JsonNode end = balances();
        assertThat(change(start, end, "9000:M:" + member)).isEqualByComparingTo("800.00");
        assertThat(change(start, end, "9900:M:" + member)).isEqualByComparingTo("800.00");
        assertThat(change(start, end, "1000")).isEqualByComparingTo("0");
        assertThat(end.at("/memoTrialBalance/EUR").asString()).isEqualTo("0.00");
        assertThat(
                        api.get("/api/finance/in-kind", manager)
                                .json()
                                .at("/items")
                                .findValuesAsString("id"))
                .contains(byMember.at("/id"));

        // acceptance testing recorded in-kind receipts for "not-a-uuid" and the nil UUID: members
        // that do not exist
        for (String nobody :
                java.util.List.of(
                        "not-a-uuid",
                        "00000000-0000-0000-0000-000000000000",
                        UUID.randomUUID().toString())) {
            Answer unknown =
                    post(
                            "/api/finance/in-kind",
                            """
                            {"value":"5.00","currency":"EUR","date":"2026-03-11","memberId":"%s","description":"x",
                             "valuationBasis":"y"}\
                            """
                                    .formatted(nobody),
                            UUID.randomUUID().toString());
            assertThat(unknown.status()).as(unknown.body()).isEqualTo(422);
            assertThat(unknown.at("/type")).endsWith("/member-unknown");
            assertThat(unknown.at("/detail")).contains("memberId").contains(nobody);
        }
        assertThat(change(end, balances(), "9000"))
                .as("nothing recorded")
                .isEqualByComparingTo("0");
    }

    @Test
    void withoutAnIdempotencyKeyNothingIsRecordedAndALedgerRefusalLeavesNoReceipt()
            throws Exception {
        Answer noKey = api.post("/api/finance/donations", finance, donation("5.00", "d"));
        String key = UUID.randomUUID().toString();
        Answer dollars =
                post("/api/finance/donations", donation("5.00", "d").replace("EUR", "USD"), key);

        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.at("/type")).endsWith("/idempotency-key-required");
        assertThat(dollars.status()).as(dollars.body()).isEqualTo(422);
        assertThat(dollars.at("/code")).isEqualTo("currency-mismatch");
        assertThat(receipts.find(Receipt.idFor(Receipt.Kind.DONATION, key))).isEmpty();
    }

    @Test
    void aReceiptStoppedBeforeItsEntryIsPostedByTheRepairSweep() {
        String key = UUID.randomUUID().toString();
        Receipt stopped =
                new Receipt(
                        Receipt.idFor(Receipt.Kind.DONATION, key),
                        Receipt.Kind.DONATION,
                        coop.cluster.finance.ledger.domain.Money.of("3.00", "EUR"),
                        java.time.LocalDate.of(2026, 3, 1),
                        "late-donor",
                        "Late donor",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "fred",
                        java.time.Instant.now().minusSeconds(600),
                        key,
                        false,
                        null);
        mongo.getCollection(ReceiptStore.COLLECTION)
                .insertOne(
                        ReceiptStore.toDocument(stopped)
                                .append("pendingSince", java.util.Date.from(stopped.recordedAt())));
        JsonNode start = balances();

        assertThat(receipts.repair()).isEqualTo(1);
        assertThat(receipts.repair()).isZero();

        assertThat(receipts.find(stopped.id()).orElseThrow().posted()).isTrue();
        assertThat(change(start, balances(), "4100:S:late-donor")).isEqualByComparingTo("3.00");
        Document stored =
                mongo.getCollection(ReceiptStore.COLLECTION)
                        .find(new Document("_id", stopped.id()))
                        .first();
        assertThat(stored).doesNotContainKey("pendingSince");
    }

    private static final String WRITE = FinanceAccess.WRITE;
    private static final String READ = FinanceAccess.READ;

    @TestFactory
    Stream<DynamicNode> matrix() {
        return AuthorizationMatrix.at("http://127.0.0.1:" + port, TestIssuer.shared())
                .endpoint(
                        "POST /api/finance/donations",
                        cell ->
                                MatrixRequest.post(
                                                "/api/finance/donations",
                                                donation("1.00", "matrix-donor"))
                                        .header("Idempotency-Key", UUID.randomUUID().toString()))
                .expect(WRITE)
                .endpoint(
                        "POST /api/finance/grants",
                        cell ->
                                MatrixRequest.post(
                                                "/api/finance/grants",
                                                """
                                                {"amount":"1.00","currency":"EUR","date":"2026-03-10","source":{"id":"f","name":"F"},
                                                 "programme":"matrix"}\
                                                """)
                                        .header("Idempotency-Key", UUID.randomUUID().toString()))
                .expect(WRITE)
                .endpoint(
                        "POST /api/finance/in-kind",
                        cell ->
                                MatrixRequest.post(
                                                "/api/finance/in-kind",
                                                """
                                                {"value":"1.00","currency":"EUR","date":"2026-03-10","source":{"id":"f","name":"F"},
                                                 "description":"chairs","valuationBasis":"invoice"}\
                                                """)
                                        .header("Idempotency-Key", UUID.randomUUID().toString()))
                .expect(WRITE)
                .endpoint(
                        "GET /api/finance/donations",
                        cell -> MatrixRequest.get("/api/finance/donations"))
                .expect(READ)
                .endpoint(
                        "GET /api/finance/grants", cell -> MatrixRequest.get("/api/finance/grants"))
                .expect(READ)
                .endpoint(
                        "GET /api/finance/in-kind",
                        cell -> MatrixRequest.get("/api/finance/in-kind"))
                .expect(READ)
                .coveringEndpointsOf(
                        context,
                        "/api/finance/donations",
                        "/api/finance/grants",
                        "/api/finance/in-kind")
                .tests();
    }

    private static String donation(String amount, String donor) {
        return """
        {"amount":"%s","currency":"EUR","date":"2026-03-12","source":{"id":"%s","name":"Fondation Éole"},
         "reference":"VIR-88","description":"Annual gift"}\
        """
                .formatted(amount, donor);
    }

    private Answer post(String path, String body, String key) {
        return api.post(path, finance, body, Map.of("Idempotency-Key", key));
    }

    private JsonNode balances() {
        return LedgerBalances.read(api, finance);
    }
}
