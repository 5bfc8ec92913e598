package coop.cluster.finance.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.finance.FinanceAccess;
import coop.cluster.finance.FinanceApplication;
import coop.cluster.finance.RawApi;
import coop.cluster.finance.ledger.domain.ChartOfAccounts;
import coop.cluster.finance.reconciliation.domain.CsvStatementParser;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.testing.http.Api;
import coop.cluster.testing.http.Api.Answer;
import coop.cluster.testing.security.AuthorizationMatrix;
import coop.cluster.testing.security.MatrixRequest;
import coop.cluster.testing.security.TestIssuer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
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
 * Bank reconciliation over real HTTP on the embedded store: payments recorded through the ledger's
 * API, statements imported as camt.053 and CSV, lines matched or not, the balance check agreeing or
 * not, re-imports idempotent, bad files refused with nothing stored; and the authorization matrix
 * of the reconciliation endpoints.
 *
 * <p>The ledger is shared by the tests of this class, so each scenario keeps to its own period, and
 * the ones that check a balance work whatever the order of the tests: March 2026 (camt; every other
 * entry is dated after it), June-July 2026 (two statements after one another), January 2027 (CSV,
 * whose balances are computed from the ledger's bank balance just before it, all earlier-dated),
 * 2030 (the matrix, which posts nothing to the ledger).
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = FinanceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReconciliationIT {

    private static final String STATEMENTS = "/api/finance/reconciliation/statements";
    private static final String ENTRIES = "/api/finance/ledger/entries";
    private static final String PROBLEM_TYPE = "https://cluster.coop/problems/";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri",
                () -> EmbeddedInfra.shared().mongoUri("finance_reconciliation_it"));
        TestIssuer.shared().register(registry);
    }

    @LocalServerPort int port;

    @Autowired ApplicationContext context;

    @Autowired Statements reconciliation;

    RawApi http;
    Api api;
    String finance;
    String manager;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        http = new RawApi(port);
        finance = TestIssuer.shared().token("fred").roles("finance").sign();
        manager = TestIssuer.shared().token("mia").roles("manager").sign();
    }

    @Test
    void aCamtStatementMatchesRecordedPaymentsAndAgreesOnceTheLedgerHasEverything() {
        post("recon-it-opening", "2026-02-27", "Opening balance", "1000", "3000", "1000.00");
        long fee =
                post(
                        "fee-invoice:INV-2026-001",
                        "2026-03-03",
                        "Membership fee",
                        "1000",
                        "4000",
                        "250.00");
        long accounting =
                post(key(), "2026-03-05", "Accounting, invoice 2026-117", "6300", "1000", "120.00");
        long donation = post(key(), "2026-03-08", "Donation", "1000", "4100", "75.50");
        long cheque = post(key(), "2026-03-20", "Donation by cheque", "1000", "4100", "40.00");

        Answer imported = upload("application/xml", resource("camt053-v02-march-2026.xml"), "");

        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        String id = imported.at("/id");
        assertThat(imported.raw().headers().firstValue("Location")).hasValue(STATEMENTS + "/" + id);
        assertThat(imported.at("/format")).isEqualTo("camt053");
        assertThat(imported.at("/statementId")).isEqualTo("STMT-2026-03-FR76");
        assertThat(imported.at("/account")).isEqualTo("FR7630006000011234567890189");
        assertThat(imported.at("/closingBalance")).isEqualTo("1193.16");
        assertLine(imported, 0, "MATCHED", fee, "IDEMPOTENCY_KEY");
        assertLine(imported, 1, "MATCHED", accounting, "DESCRIPTION_REFERENCE");
        assertLine(imported, 2, "MATCHED", donation, "AMOUNT_AND_DATE");
        assertLine(imported, 3, "UNMATCHED", null, null);
        assertThat(imported.at("/lines/1/amount")).isEqualTo("-120.00");
        assertThat(imported.at("/summary/matchedLines")).isEqualTo("3");
        assertThat(imported.at("/summary/unmatchedLines")).isEqualTo("1");
        assertThat(imported.at("/unmatchedEntries/0/sequence")).isEqualTo(Long.toString(cheque));
        assertThat(imported.json().get("unmatchedEntries")).hasSize(1);
        assertThat(imported.at("/balanceCheck/asOf")).isEqualTo("2026-03-31");
        assertThat(imported.at("/balanceCheck/ledgerBalance")).isEqualTo("1245.50");
        assertThat(imported.at("/balanceCheck/statementBalance")).isEqualTo("1193.16");
        assertThat(imported.at("/balanceCheck/difference")).isEqualTo("-52.34");
        assertThat(imported.at("/balanceCheck/agrees")).isEqualTo("false");
        assertThat(imported.at("/matchingVersion")).isEqualTo("1");

        long bankFees = post(key(), "2026-03-10", "Bank fees, March", "6100", "1000", "12.34");
        Answer reversed =
                api.post(
                        ENTRIES + "/" + cheque + "/reversal",
                        finance,
                        "{\"idempotencyKey\":\"%s\",\"date\":\"2026-03-21\"}".formatted(key()));
        assertThat(reversed.status()).as(reversed.body()).isEqualTo(201);
        Answer rematched = api.post(STATEMENTS + "/" + id + "/matching", finance, null);

        assertThat(rematched.status()).as(rematched.body()).isEqualTo(200);
        assertLine(rematched, 3, "MATCHED", bankFees, "AMOUNT_AND_DATE");
        assertThat(rematched.json().get("unmatchedEntries"))
                .as("a reversed entry and its reversal moved nothing")
                .isEmpty();
        assertThat(rematched.at("/balanceCheck/ledgerBalance")).isEqualTo("1193.16");
        assertThat(rematched.at("/balanceCheck/difference")).isEqualTo("0.00");
        assertThat(rematched.at("/balanceCheck/agrees")).isEqualTo("true");
        assertThat(rematched.at("/matchingVersion")).isEqualTo("2");
        Answer read = api.get(STATEMENTS + "/" + id, manager);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(rematched.json());

        Answer again = upload("application/xml", resource("camt053-v02-march-2026.xml"), "");

        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.raw().headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(again.at("/id")).isEqualTo(id);
        assertThat(again.at("/matchingVersion"))
                .as("the stored import, not a new one")
                .isEqualTo("2");
        Answer list = api.get(STATEMENTS + "?size=100", manager);
        assertThat(list.json().get("items").findValuesAsString("id")).containsOnlyOnce(id);
    }

    @Test
    void aFrenchCsvStatementIsMatchedAndItsBalanceCheckedAndItsReimportIsIdempotent() {
        BigDecimal before = bankBalance();
        long donation = post(key(), "2027-01-05", "Donation DON-2027-01", "1000", "4100", "500.00");
        long internet = post(key(), "2027-01-12", "Internet subscription", "6100", "1000", "89.90");
        String csv =
                """
                Date;Montant;Devise;Libellé;Contrepartie
                06/01/2027;500,00;EUR;VIR DON-2027-01;Fondation Lumière
                12/01/2027;-89,90;EUR;PRLV Internet janvier;Télécom SA
                15/01/2027;-2,50;EUR;Frais;Banque
                """;
        String closing = before.add(new BigDecimal("407.60")).toPlainString();
        String parameters =
                "?openingBalance="
                        + before.toPlainString()
                        + "&closingBalance="
                        + closing
                        + "&closingDate=2027-01-31";

        Answer imported =
                upload("text/csv; charset=UTF-8", csv.getBytes(StandardCharsets.UTF_8), parameters);

        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        assertThat(imported.at("/format")).isEqualTo("csv");
        assertLine(imported, 0, "MATCHED", donation, "DESCRIPTION_REFERENCE");
        assertLine(imported, 1, "MATCHED", internet, "AMOUNT_AND_DATE");
        assertLine(imported, 2, "UNMATCHED", null, null);
        assertThat(imported.at("/lines/0/counterparty")).isEqualTo("Fondation Lumière");
        assertThat(imported.at("/balanceCheck/asOf")).isEqualTo("2027-01-31");
        assertThat(imported.at("/balanceCheck/difference")).isEqualTo("-2.50");
        assertThat(imported.at("/balanceCheck/agrees")).isEqualTo("false");

        Answer again =
                upload("text/csv; charset=UTF-8", csv.getBytes(StandardCharsets.UTF_8), parameters);

        assertThat(again.status()).as("the same bytes: the same statement").isEqualTo(200);
        assertThat(again.at("/id")).isEqualTo(imported.at("/id"));

        String named = parameters + "&statementId=RELEVE-2027-01";
        assertThat(upload("text/csv", csv.getBytes(StandardCharsets.UTF_8), named).status())
                .isEqualTo(201);
        Answer other =
                upload(
                        "text/csv",
                        csv.replace("Frais", "Frais de tenue").getBytes(StandardCharsets.UTF_8),
                        named);
        assertProblem(other, 409, "statement-conflict");
    }

    @Test
    void aVersion08StatementImportsAndItsListEntryShowsItsCounts() {
        Answer imported =
                upload("application/camt.053+xml", resource("camt053-v08-april-2026.xml"), "");

        assertThat(imported.status()).as(imported.body()).isIn(200, 201);
        assertThat(imported.at("/statementId")).isEqualTo("STMT-2026-04-FR76");
        assertThat(imported.json().get("lines")).hasSize(3);
        Answer list = api.get(STATEMENTS + "?page=0&size=100", finance);
        assertThat(list.status()).isEqualTo(200);
        JsonNode mine = null;
        for (JsonNode item : list.json().get("items")) {
            if (item.get("id").asString().equals(imported.at("/id"))) {
                mine = item;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("lines").asInt()).isEqualTo(3);
        assertThat(mine.get("closingBalance").asString()).isEqualTo("2433.16");
        assertThat(mine.get("format").asString()).isEqualTo("camt053");
        assertThat(Long.parseLong(list.at("/total"))).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aStatementMayComeAsAMultipartForm() {
        String boundary = "----recon" + UUID.randomUUID();
        String csv =
                "date,amount,currency,reference,counterparty\n2029-02-01,15.00,EUR,Form "
                        + UUID.randomUUID()
                        + ",Someone\n";
        String form =
                "--"
                        + boundary
                        + "\r\n"
                        + "Content-Disposition: form-data; name=\"closingBalance\"\r\n\r\n15.00\r\n"
                        + "--"
                        + boundary
                        + "\r\n"
                        + "Content-Disposition: form-data; name=\"file\";"
                        + " filename=\"releve-fevrier.csv\"\r\n"
                        + "Content-Type: application/vnd.ms-excel\r\n\r\n"
                        + csv
                        + "\r\n"
                        + "--"
                        + boundary
                        + "--\r\n";
        String noFile =
                "--"
                        + boundary
                        + "\r\n"
                        + "Content-Disposition: form-data; name=\"closingBalance\"\r\n\r\n15.00\r\n"
                        + "--"
                        + boundary
                        + "--\r\n";

        Answer imported =
                upload(
                        "multipart/form-data; boundary=" + boundary,
                        form.getBytes(StandardCharsets.UTF_8),
                        "");
        Answer missing =
                upload(
                        "multipart/form-data; boundary=" + boundary,
                        noFile.getBytes(StandardCharsets.UTF_8),
                        "");

        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        assertThat(imported.at("/format")).isEqualTo("csv");
        assertThat(imported.at("/closingBalance")).isEqualTo("15.00");
        assertThat(imported.at("/lines/0/amount")).isEqualTo("15.00");
        assertProblem(missing, 400, null);
    }

    @Test
    void badFilesAreProblemsNamingWhereAndNothingIsStored() {
        long before = reconciliation.count();
        String camt =
                new String(resource("camt053-v02-march-2026.xml"), StandardCharsets.UTF_8)
                        .replace("<Amt Ccy=\"EUR\">120.00</Amt>", "<Amt Ccy=\"EUR\">12O.00</Amt>");

        Answer amount = upload("application/xml", camt.getBytes(StandardCharsets.UTF_8), "");
        assertProblem(amount, 422, "statement-amount-invalid");
        assertThat(amount.at("/where/element")).isEqualTo("Stmt/Ntry[2]/Amt");
        assertThat(amount.at("/value")).isEqualTo("12O.00");
        assertThat(amount.at("/detail")).contains("element Stmt/Ntry[2]/Amt").contains("12O.00");
        Answer french =
                send(
                        "POST",
                        STATEMENTS,
                        finance,
                        "application/xml",
                        camt.getBytes(StandardCharsets.UTF_8),
                        "fr");
        assertThat(french.at("/title")).isEqualTo("Montant invalide dans le relevé");
        assertThat(french.at("/detail")).contains("élément Stmt/Ntry[2]/Amt");

        Answer column =
                upload(
                        "text/csv",
                        "date,amount,reference,counterparty\n2030-01-01,1.00,a,b\n"
                                .getBytes(StandardCharsets.UTF_8),
                        "?closingBalance=1.00");
        assertProblem(column, 400, "statement-column-missing");
        assertThat(column.at("/where/line")).isEqualTo("1");
        Answer date =
                upload(
                        "text/csv",
                        """
                        date,amount,currency,reference,counterparty
                        2030-01-01,1.00,EUR,a,b
                        2030-02-30,1.00,EUR,a,b
                        """
                                .getBytes(StandardCharsets.UTF_8),
                        "?closingBalance=2.00");
        assertProblem(date, 422, "statement-date-invalid");
        assertThat(date.at("/where/line")).isEqualTo("3");
        assertThat(date.at("/where/column")).isEqualTo("date");
        Answer noBalance =
                upload(
                        "text/csv",
                        "date,amount,currency,reference,counterparty\n2030-01-01,1.00,EUR,a,b\n"
                                .getBytes(StandardCharsets.UTF_8),
                        "");
        assertProblem(noBalance, 422, "statement-value-invalid");
        assertThat(noBalance.at("/where/parameter")).isEqualTo("closingBalance");
        assertProblem(
                upload(
                        "application/xml",
                        """
                        <?xml version="1.0"?>
                        <!DOCTYPE Document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">&xxe;</Document>\
                        """
                                .getBytes(StandardCharsets.UTF_8),
                        ""),
                400,
                "statement-unreadable");
        assertProblem(
                upload("application/pdf", new byte[] {1, 2, 3}, ""),
                415,
                "statement-format-unsupported");
        assertProblem(
                upload("text/csv", new byte[0], "?closingBalance=1.00"), 400, "statement-empty");
        assertProblem(
                upload("text/csv", new byte[1024 * 1024 + 1], "?closingBalance=1.00"), 413, null);
        assertProblem(
                upload("text/csv", "x".getBytes(StandardCharsets.UTF_8), "?closingBalance=1,00"),
                400,
                "validation");
        assertProblem(
                api.get(STATEMENTS + "/" + "0".repeat(32), finance), 404, "statement-not-found");
        assertProblem(api.get(STATEMENTS + "/not-an-id", finance), 400, null);
        assertProblem(api.get(STATEMENTS + "?size=1000", finance), 400, "validation");
        assertProblem(
                api.post(STATEMENTS + "/" + "0".repeat(32) + "/matching", finance, null),
                404,
                "statement-not-found");

        assertThat(reconciliation.count()).as("nothing stored").isEqualTo(before);
    }

    @Test
    void anEntryMatchedByOneStatementIsNotMatchedAgainByTheNext() {
        long donation = post(key(), "2026-06-29", "Donation", "1000", "4100", "60.00");
        String june =
                "date,amount,currency,reference,counterparty\n2026-06-30,60.00,EUR,Don,Anne\n";
        String july =
                "date,amount,currency,reference,counterparty\n2026-07-01,60.00,EUR,Don,Anne\n";

        Answer first =
                upload(
                        "text/csv",
                        june.getBytes(StandardCharsets.UTF_8),
                        "?closingBalance=60.00&closingDate=2026-06-30");
        Answer second =
                upload(
                        "text/csv",
                        july.getBytes(StandardCharsets.UTF_8),
                        "?closingBalance=120.00&closingDate=2026-07-31");

        assertLine(first, 0, "MATCHED", donation, "AMOUNT_AND_DATE");
        assertLine(second, 0, "UNMATCHED", null, null);
        assertThat(second.json().get("unmatchedEntries")).isEmpty();
        Answer again = api.post(STATEMENTS + "/" + first.at("/id") + "/matching", finance, null);
        assertLine(again, 0, "MATCHED", donation, "AMOUNT_AND_DATE");
    }

    @Test
    void concurrentReRunsEachStoreTheirOwnVersionAndNeverInterleave() throws Exception {
        String id = storedStatement();
        int runs = 8;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(runs);
        try {
            var answers = new java.util.ArrayList<java.util.concurrent.Future<Answer>>();
            for (int i = 0; i < runs; i++) {
                answers.add(
                        pool.submit(
                                () ->
                                        api.post(
                                                STATEMENTS + "/" + id + "/matching",
                                                finance,
                                                null)));
            }
            java.util.Set<String> versions = new java.util.TreeSet<>();
            for (var answer : answers) {
                Answer done = answer.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(done.status()).as(done.body()).isEqualTo(200);
                versions.add(done.at("/matchingVersion"));
            }

            assertThat(versions).as("each run stored its own version").hasSize(runs);
            assertThat(api.get(STATEMENTS + "/" + id, finance).at("/matchingVersion"))
                    .isEqualTo(Integer.toString(1 + runs));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Importing and re-matching: finance staff only; reading: finance staff and managers. */
    private static final String WRITE =
            """
            anonymous 401
            member    403
            delegate  403
            manager   403
            finance   2xx
            feed      403
            """;

    private static final String READ = FinanceAccess.READ;

    @TestFactory
    Stream<DynamicNode> matrix() {
        return AuthorizationMatrix.at("http://127.0.0.1:" + port, TestIssuer.shared())
                .endpoint(
                        "POST " + STATEMENTS,
                        cell ->
                                MatrixRequest.post(
                                        STATEMENTS + "?format=csv&closingBalance=1.00",
                                        matrixCsv()))
                .expect(WRITE.replace("2xx", "201"))
                .endpoint(
                        "POST " + STATEMENTS + "/{id}/matching",
                        cell ->
                                MatrixRequest.post(
                                        STATEMENTS + "/" + storedStatement() + "/matching", null))
                .expect(WRITE.replace("2xx", "200"))
                .endpoint(
                        "GET " + STATEMENTS,
                        cell -> MatrixRequest.get(STATEMENTS + "?page=0&size=5"))
                .expect(READ)
                .endpoint(
                        "GET " + STATEMENTS + "/{id}",
                        cell -> MatrixRequest.get(STATEMENTS + "/" + storedStatement()))
                .expect(READ)
                .coveringEndpointsOf(context, "/api/finance/reconciliation/")
                .tests();
    }

    /** A one-line statement in 2030, different each time, so each import is a new one. */
    private static String matrixCsv() {
        return "date,amount,currency,reference,counterparty\n2030-06-01,1.00,EUR,matrix "
                + UUID.randomUUID()
                + ",Someone\n";
    }

    private String storedStatement() {
        return reconciliation
                .importCsv(
                        matrixCsv().getBytes(StandardCharsets.UTF_8),
                        StandardCharsets.UTF_8,
                        new CsvStatementParser.Options(
                                null, null, null, BigDecimal.ONE, LocalDate.of(2030, 6, 30)),
                        "matrix")
                .statement()
                .id();
    }

    private static void assertLine(
            Answer answer, int index, String status, Long sequence, String basis) {
        String at = "/lines/" + index;
        assertThat(answer.at(at + "/line")).isEqualTo(Integer.toString(index + 1));
        assertThat(answer.at(at + "/status")).as(answer.body()).isEqualTo(status);
        assertThat(answer.at(at + "/entrySequence"))
                .isEqualTo(sequence == null ? null : sequence.toString());
        assertThat(answer.at(at + "/matchedBy")).isEqualTo(basis);
    }

    private static void assertProblem(Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.raw().headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/problem+json");
        if (code != null) {
            assertThat(answer.at("/type")).isEqualTo(PROBLEM_TYPE + code);
        }
    }

    private long post(
            String key,
            String date,
            String description,
            String debit,
            String credit,
            String amount) {
        Answer posted =
                api.post(
                        ENTRIES,
                        finance,
                        """
                        {"idempotencyKey":"%s","date":"%s","description":"%s","postings":[
                         {"account":"%s","side":"DEBIT","amount":"%s","currency":"EUR"},
                         {"account":"%s","side":"CREDIT","amount":"%s","currency":"EUR"}]}\
                        """
                                .formatted(key, date, description, debit, amount, credit, amount));
        assertThat(posted.status()).as(posted.body()).isIn(200, 201);
        return Long.parseLong(posted.at("/sequence"));
    }

    private BigDecimal bankBalance() {
        for (JsonNode account :
                api.get("/api/finance/ledger/balances", finance).json().get("accounts")) {
            if (account.get("code").asString().equals(ChartOfAccounts.BANK)) {
                return new BigDecimal(account.get("balance").asString());
            }
        }
        return BigDecimal.ZERO.setScale(2);
    }

    private Answer upload(String contentType, byte[] body, String query) {
        return send("POST", STATEMENTS + query, finance, contentType, body, "en");
    }

    /**
     * A statement file as the bank gave it: its own Content-Type and language, which the shared Api
     * does not send.
     */
    private Answer send(
            String method,
            String path,
            String token,
            String contentType,
            byte[] body,
            String language) {
        return http.request(method, path)
                .token(token)
                .language(language)
                .body(body, contentType)
                .send();
    }

    private static byte[] resource(String name) {
        try (InputStream in = ReconciliationIT.class.getResourceAsStream("/statements/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String key() {
        return "recon-it-" + UUID.randomUUID();
    }
}
