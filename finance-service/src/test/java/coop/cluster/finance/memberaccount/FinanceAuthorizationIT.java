package coop.cluster.finance.memberaccount;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.finance.FinanceAccess;
import coop.cluster.finance.FinanceApplication;
import coop.cluster.finance.ledger.Bookkeeping;
import coop.cluster.finance.ledger.domain.ChartOfAccounts;
import coop.cluster.finance.ledger.domain.JournalEntry;
import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.finance.ledger.domain.Posting;
import coop.cluster.finance.memberaccount.persistence.MemberAccountStore;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.testing.security.AuthorizationMatrix;
import coop.cluster.testing.security.MatrixRequest;
import coop.cluster.testing.security.TestIssuer;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every finance endpoint × every caller × own or other organisation. */
@EmbeddedInfraTest
@SpringBootTest(
        classes = FinanceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FinanceAuthorizationIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri("finance_authz_it"));
        TestIssuer.shared().register(registry);
    }

    @LocalServerPort int port;

    @Autowired ApplicationContext context;

    @Autowired MongoTemplate mongo;

    @Autowired Bookkeeping ledger;

    /** Posting to the ledger: finance staff only. */
    private static final String LEDGER_WRITE = FinanceAccess.WRITE;

    /** Reading the ledger: finance staff and managers. */
    private static final String LEDGER_READ = FinanceAccess.READ;

    @TestFactory
    Stream<DynamicNode> matrix() {
        for (String id :
                new String[] {AuthorizationMatrix.OWN_MEMBER, AuthorizationMatrix.OTHER_MEMBER}) {
            mongo.upsert(
                    Query.query(Criteria.where("_id").is(id)),
                    new Update()
                            .set("legalName", "Org " + id)
                            .set("country", "FR")
                            .set("status", "PROSPECT")
                            .set("openedAt", new Date())
                            .set("eventsApplied", 1),
                    Document.class,
                    MemberAccountStore.COLLECTION);
        }
        return AuthorizationMatrix.at("http://127.0.0.1:" + port, TestIssuer.shared())
                .endpoint(
                        "GET /api/finance/member-accounts/{memberId}",
                        cell ->
                                MatrixRequest.get(
                                        "/api/finance/member-accounts/" + cell.memberId()))
                .expect(
                        """
                        anonymous 401
                        member    own 200 other 404
                        delegate  own 200 other 404
                        manager   200
                        finance   200
                        feed      403
                        """)
                .endpoint(
                        "POST /api/finance/ledger/entries",
                        cell ->
                                MatrixRequest.post(
                                        "/api/finance/ledger/entries",
                                        """
                                        {"idempotencyKey":"%s","date":"2026-03-14","description":"Fees","postings":[
                                         {"account":"1000","side":"DEBIT","amount":"1.00","currency":"EUR"},
                                         {"account":"4000","side":"CREDIT","amount":"1.00","currency":"EUR"}]}\
                                        """
                                                .formatted(UUID.randomUUID())))
                .expect(LEDGER_WRITE)
                .endpoint(
                        "POST /api/finance/ledger/entries/batch",
                        cell ->
                                MatrixRequest.post(
                                        "/api/finance/ledger/entries/batch",
                                        """
                                        {"entries":[{"idempotencyKey":"%s","date":"2026-03-14","description":"Fees",
                                         "postings":[{"account":"1000","side":"DEBIT","amount":"1.00","currency":"EUR"},
                                         {"account":"4000","side":"CREDIT","amount":"1.00","currency":"EUR"}]}]}\
                                        """
                                                .formatted(UUID.randomUUID())))
                .expect(LEDGER_WRITE.replace("201", "200"))
                .endpoint(
                        "POST /api/finance/ledger/entries/{sequence}/reversal",
                        cell ->
                                MatrixRequest.post(
                                        "/api/finance/ledger/entries/"
                                                + postedEntry()
                                                + "/reversal",
                                        """
                                        {"idempotencyKey":"%s","date":"2026-03-15"}\
                                        """
                                                .formatted(UUID.randomUUID())))
                .expect(LEDGER_WRITE)
                .endpoint(
                        "GET /api/finance/ledger/entries",
                        cell -> MatrixRequest.get("/api/finance/ledger/entries?from=1&size=10"))
                .expect(LEDGER_READ)
                .endpoint(
                        "GET /api/finance/ledger/entries/{sequence}",
                        cell -> MatrixRequest.get("/api/finance/ledger/entries/" + postedEntry()))
                .expect(LEDGER_READ)
                .endpoint(
                        "GET /api/finance/ledger/balances",
                        cell -> MatrixRequest.get("/api/finance/ledger/balances"))
                .expect(LEDGER_READ)
                .endpoint(
                        "GET /api/finance/ledger/accounts",
                        cell -> MatrixRequest.get("/api/finance/ledger/accounts"))
                .expect(LEDGER_READ)
                // each feature's own matrix covers its endpoints (periods: PeriodApiIT, fees:
                // FeeAuthorizationIT,
                // reconciliation: ReconciliationIT, expenses: ExpenseApiIT, receipts: ReceiptApiIT,
                // budgets:
                // ProjectBudgetIT, reports: ReportsIT)
                .coveringEndpointsOf(
                        context, "/api/finance/member-accounts", "/api/finance/ledger/")
                .tests();
    }

    /** The sequence of a fresh entry in the ledger, for a cell to read or reverse. */
    private long postedEntry() {
        Money one = Money.of("1.00", "EUR");
        return ledger.post(
                        JournalEntry.of(
                                UUID.randomUUID().toString(),
                                "matrix-" + UUID.randomUUID(),
                                LocalDate.of(2026, 3, 14),
                                "Fees",
                                List.of(
                                        Posting.debit(ChartOfAccounts.BANK, one),
                                        Posting.credit(ChartOfAccounts.FEE_INCOME, one))))
                .sequence();
    }

    /**
     * Authorization first, then validation: no handler of this service validates its body before
     * checking the caller.
     */
    @Test
    void noHandlerValidatesItsBodyBeforeCheckingTheCaller() {
        assertThat(
                        coop.cluster.testing.security.ValidationOrder
                                .bodiesValidatedBeforeAuthorization(context))
                .isEmpty();
    }
}
