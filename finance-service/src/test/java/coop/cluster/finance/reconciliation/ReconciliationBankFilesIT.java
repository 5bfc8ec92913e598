package coop.cluster.finance.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.finance.FinanceApplication;
import coop.cluster.finance.RawApi;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.testing.http.Api;
import coop.cluster.testing.http.Api.Answer;
import coop.cluster.testing.security.TestIssuer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Bank reconciliation against bank files as banks send them (the fixtures in {@code
 * src/test/resources/statements}): statements in another currency or of another account refused,
 * dates with a time-zone offset, statements downloaded again, batched bookings, files with several
 * statements, a payment listed on the next month's statement, Dutch and German CSV headers, and the
 * problems' shape.
 *
 * <p>Its own database, so its own ledger. Each scenario that posts to the ledger keeps to its own
 * months: August-September 2026 (month end), October 2026 (batch), November 2026 (Belgian CSV), May
 * 2027 (Swiss); the others post nothing. The month end is the earliest, so the ledger's balance
 * before it is only what it posts.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = FinanceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReconciliationBankFilesIT {

    private static final String STATEMENTS = "/api/finance/reconciliation/statements";
    private static final String ENTRIES = "/api/finance/ledger/entries";
    private static final String PROBLEM_TYPE = "https://cluster.coop/problems/";

    /**
     * The cluster's accounts in this test: French (the first, for CSVs that name none), Belgian,
     * Lithuanian, Swiss (euro and franc), Dutch.
     */
    static final List<String> ACCOUNTS =
            List.of(
                    "FR7630006000011234567890189",
                    "BE68539007547034",
                    "LT121000011101001000",
                    "CH5604835012345678009",
                    "CH9300762011623852957",
                    "NL20INGB0001234567");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri",
                () -> EmbeddedInfra.shared().mongoUri("finance_reconciliation_files_it"));
        for (int i = 0; i < ACCOUNTS.size(); i++) {
            String account = ACCOUNTS.get(i);
            registry.add("cluster.finance.reconciliation.bank-accounts[" + i + "]", () -> account);
        }
        TestIssuer.shared().register(registry);
    }

    @LocalServerPort int port;

    @Autowired Statements reconciliation;

    RawApi http;
    Api api;
    String finance;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        http = new RawApi(port);
        finance = TestIssuer.shared().token("fred").roles("finance").sign();
    }

    @Test
    void aStatementInAnotherCurrencyThanTheLedgersIsRefusedAndNothingIsStored() {
        long before = reconciliation.count();

        Answer usd = upload("application/xml", resource("camt053-v02-fr-usd-march-2026.xml"), "");
        Answer chf = upload("application/xml", resource("camt053-v04-ch-chf-april-2017.xml"), "");
        Answer csv =
                upload(
                        "text/csv",
                        resource("csv-fr-usd-march-2026.csv"),
                        "?closingBalance=1155.00");

        assertProblem(usd, 422, "statement-currency-unsupported");
        assertThat(usd.at("/where/element")).isEqualTo("Stmt/Acct/Ccy");
        assertThat(usd.at("/value")).isEqualTo("USD");
        assertThat(usd.at("/detail")).contains("EUR").contains("USD");
        assertProblem(chf, 422, "statement-currency-unsupported");
        assertThat(chf.at("/value")).isEqualTo("CHF");
        assertProblem(csv, 422, "statement-currency-unsupported");
        assertThat(csv.at("/where/line")).isEqualTo("2");
        assertThat(csv.at("/where/column")).isEqualTo("currency");
        assertThat(reconciliation.count()).as("nothing stored").isEqualTo(before);
    }

    @Test
    void aStatementOfAnAccountThatIsNotTheClustersIsRefused() {
        long before = reconciliation.count();
        String foreign =
                new String(resource("camt053-v02-march-2026.xml"), StandardCharsets.UTF_8)
                        .replace("FR7630006000011234567890189", "GB29NWBK60161331926819");

        Answer camt = upload("application/xml", foreign.getBytes(StandardCharsets.UTF_8), "");
        Answer csv =
                upload(
                        "text/csv",
                        "date,amount,currency,reference,counterparty\n2026-03-02,1.00,EUR,a,b\n"
                                .getBytes(StandardCharsets.UTF_8),
                        "?closingBalance=1.00&account=DE89370400440532013000");

        assertProblem(camt, 422, "statement-account-unknown");
        assertThat(camt.at("/where/element")).isEqualTo("Stmt/Acct/Id");
        assertThat(camt.at("/value")).isEqualTo("GB29NWBK60161331926819");
        assertProblem(csv, 422, "statement-account-unknown");
        assertThat(csv.at("/where/parameter")).isEqualTo("account");
        // a bank export names its account in a column, not in a parameter: the problem says where
        // it read it
        Answer column =
                upload(
                        "text/csv",
                        "date,amount,currency,iban\n2026-03-02,1.00,EUR,GB29 NWBK 6016 1331 9268 19\n"
                                .getBytes(StandardCharsets.UTF_8),
                        "?closingBalance=1.00");
        assertProblem(column, 422, "statement-account-unknown");
        assertThat(column.at("/value")).isEqualTo("GB29NWBK60161331926819");
        assertThat(column.at("/where/line")).isEqualTo("2");
        assertThat(column.at("/where/column")).isEqualTo("account");
        assertThat(column.json().at("/where/parameter").isMissingNode()).as(column.body()).isTrue();
        assertThat(column.at("/detail")).contains("line 2").doesNotContain("parameter");
        assertThat(reconciliation.count()).as("nothing stored").isEqualTo(before);
    }

    @Test
    void datesWithATimeZoneOffsetAreReadAsTheDayTheyName() {
        long grant =
                post(key(), "2027-05-11", "Grant INTERREG-ALP-2027-031", "1000", "4200", "980.00");

        Answer imported =
                upload("application/xml", resource("camt053-v04-ch-eur-may-2027.xml"), "");

        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        assertThat(imported.at("/from")).isEqualTo("2027-05-01");
        assertThat(imported.at("/to")).isEqualTo("2027-05-31");
        assertThat(imported.at("/balanceCheck/asOf")).isEqualTo("2027-05-31");
        assertThat(imported.at("/lines/0/bookingDate")).isEqualTo("2027-05-12");
        assertThat(imported.at("/lines/1/valueDate")).isEqualTo("2027-05-31");
        assertLine(imported, 0, "MATCHED", grant, "DESCRIPTION_REFERENCE");
    }

    @Test
    void aStatementDownloadedAgainIsTheSameStatementAndOnlyOtherContentIsAConflict() {
        String original =
                new String(resource("camt053-v02-nl-february-2027.xml"), StandardCharsets.UTF_8);
        String downloadedAgain =
                original.replace("053D2027030106004710001", "053D2027031514220930001")
                        .replace("2027-03-01T06:00:47.103+01:00", "2027-03-15T14:22:09.930+01:00");
        String windowsLineEnds = downloadedAgain.replace("\n", "\r\n");
        String otherContent =
                original.replace("Factuur 7700123 februari 2027", "Factuur 7700124 februari 2027");

        Answer first = upload("application/xml", bytes(original), "");
        Answer again = upload("application/xml", bytes(downloadedAgain), "");
        Answer crlf = upload("application/xml", bytes(windowsLineEnds), "");
        Answer conflict = upload("application/xml", bytes(otherContent), "");

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.raw().headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(again.at("/id")).isEqualTo(first.at("/id"));
        assertThat(crlf.status()).as(crlf.body()).isEqualTo(200);
        assertThat(crlf.at("/id")).isEqualTo(first.at("/id"));
        assertProblem(conflict, 409, "statement-conflict");
        assertThat(conflict.at("/code")).isEqualTo("statement-conflict");

        String csv =
                "date,amount,currency,reference,counterparty\n"
                        + "2027-02-10,12.00,EUR,\"Gift\n"
                        + "by post\",Anne\n";
        Answer csvFirst =
                upload("text/csv", bytes(csv), "?closingBalance=12.00&statementId=CSV-2027-02");
        Answer csvCrlf =
                upload(
                        "text/csv",
                        bytes(csv.replace("\n", "\r\n")),
                        "?closingBalance=12.00&statementId=CSV-2027-02");
        assertThat(csvFirst.status()).as(csvFirst.body()).isEqualTo(201);
        assertThat(csvCrlf.status()).as(csvCrlf.body()).isEqualTo(200);
    }

    @Test
    void aBatchedBookingMatchesTheEntriesThatAddUpToIt() {
        long kroon =
                post(
                        key(),
                        "2026-10-12",
                        "Contribution Brouwerij De Kroon, communication 090933755493",
                        "1000",
                        "4000",
                        "2187.00");
        long samen =
                post(
                        key(),
                        "2026-10-13",
                        "Contribution Zorgcooperatie Samen, invoice FAC-2026-0157",
                        "1000",
                        "4000",
                        "1296.00");

        Answer imported =
                upload("application/xml", resource("camt053-v02-be-batch-october-2026.xml"), "");

        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        assertThat(imported.at("/lines/0/amount")).isEqualTo("3483.00");
        assertThat(imported.at("/lines/0/status")).as(imported.body()).isEqualTo("MATCHED");
        assertThat(imported.at("/lines/0/matchedBy")).isEqualTo("BATCH");
        JsonNode entries = imported.json().at("/lines/0/entries");
        assertThat(entries).hasSize(2);
        assertThat(entries.findValuesAsString("entrySequence"))
                .containsExactly(Long.toString(kroon), Long.toString(samen));
        assertThat(entries.findValuesAsString("amount")).containsExactly("2187.00", "1296.00");
        assertThat(entries.findValuesAsString("matchedBy")).containsOnly("DESCRIPTION_REFERENCE");
        assertThat(imported.at("/summary/matchedLines")).isEqualTo("1");
        assertThat(imported.json().get("unmatchedEntries"))
                .as("both receipts taken by the batch")
                .isEmpty();
    }

    @Test
    void aFileWithSeveralStatementsImportsEachOfThem() {
        Answer imported =
                upload("application/xml", resource("camt053-v02-lt-daily-december-2026.xml"), "");

        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        JsonNode statements = imported.json().get("statements");
        assertThat(statements).hasSize(3);
        assertThat(statements.findValuesAsString("statementId"))
                .containsExactly(
                        "LT121000011101001000-20261201",
                        "LT121000011101001000-20261202",
                        "LT121000011101001000-20261203");
        assertThat(statements.findValuesAsString("status")).containsOnly("CREATED");
        assertThat(statements.get(1).get("closingBalance").asString()).isEqualTo("9269.60");
        assertThat(statements.get(2).get("lines").asInt()).isZero();
        assertThat(imported.at("/created")).isEqualTo("3");
        for (JsonNode statement : statements) {
            Answer read = api.get(STATEMENTS + "/" + statement.get("id").asString(), finance);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.at("/statementId")).isEqualTo(statement.get("statementId").asString());
        }

        Answer again =
                upload("application/xml", resource("camt053-v02-lt-daily-december-2026.xml"), "");

        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.raw().headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(again.json().get("statements").findValuesAsString("status"))
                .containsOnly("REPLAYED");
        assertThat(again.json().get("statements").findValuesAsString("id"))
                .isEqualTo(statements.findValuesAsString("id"));
    }

    @Test
    void aBankExportOf132DailyStatementsImportsThemAll() {
        byte[] export = dailyStatements("LT121000011101001000", LocalDate.of(2028, 1, 1), 132);
        long before = reconciliation.count();

        Answer imported = upload("application/xml", export, "");

        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        assertThat(imported.json().get("statements")).hasSize(132);
        assertThat(imported.at("/created")).isEqualTo("132");
        assertThat(reconciliation.count()).isEqualTo(before + 132);
    }

    @Test
    void aPaymentBookedOnTheLastDayButListedOnTheNextStatementIsNamedAsTheCauseOfTheDifference() {
        post(key(), "2026-07-15", "Opening balance for August", "1000", "3000", "3000.00");
        post(key(), "2026-08-09", "Donation DON-2026-0810", "1000", "4100", "500.00");
        post(key(), "2026-08-20", "Internet, August", "6100", "1000", "89.90");
        long rent =
                post(key(), "2026-08-31", "Rent, September LOY-2026-09", "6100", "1000", "650.00");
        post(key(), "2026-09-15", "Donation", "1000", "4100", "75.00");

        Answer august = upload("application/xml", resource("camt053-v02-fr-august-2026.xml"), "");
        Answer september =
                upload("application/xml", resource("camt053-v02-fr-september-2026.xml"), "");
        Answer augustAgain =
                api.post(STATEMENTS + "/" + august.at("/id") + "/matching", finance, null);

        assertThat(august.status()).as(august.body()).isEqualTo(201);
        assertThat(august.at("/balanceCheck/difference")).isEqualTo("650.00");
        assertThat(august.at("/balanceCheck/differences/0/kind"))
                .as(august.body())
                .isEqualTo("ENTRY_NOT_ON_STATEMENT");
        assertThat(september.status()).as(september.body()).isEqualTo(201);
        assertLine(september, 0, "MATCHED", rent, "DESCRIPTION_REFERENCE");
        assertThat(september.at("/balanceCheck/agrees")).isEqualTo("true");

        assertThat(augustAgain.status()).as(augustAgain.body()).isEqualTo(200);
        assertThat(augustAgain.at("/balanceCheck/difference")).isEqualTo("650.00");
        JsonNode differences = augustAgain.json().at("/balanceCheck/differences");
        assertThat(differences).as(augustAgain.body()).hasSize(1);
        JsonNode cause = differences.get(0);
        assertThat(cause.get("kind").asString()).isEqualTo("ENTRY_ON_OTHER_STATEMENT");
        assertThat(cause.get("amount").asString()).isEqualTo("650.00");
        assertThat(cause.get("entrySequence").asLong()).isEqualTo(rent);
        assertThat(cause.get("entryDate").asString()).isEqualTo("2026-08-31");
        assertThat(cause.get("otherStatementId").asString()).isEqualTo("STMT-2026-09-FR76");
        assertThat(cause.get("otherLine").asInt()).isEqualTo(1);
        assertThat(augustAgain.at("/balanceCheck/unexplained")).isEqualTo("0.00");
    }

    @Test
    void aBelgianCsvExportWithDutchHeadersIsRead() {
        long kroon =
                post(
                        key(),
                        "2026-11-04",
                        "Contribution Brouwerij De Kroon +++090/9337/55493+++",
                        "1000",
                        "4000",
                        "750.00");
        long printing =
                post(key(), "2026-11-12", "Printing, invoice 2026-311", "6100", "1000", "1250.00");

        Answer imported =
                upload(
                        "text/csv",
                        resource("csv-be-fortis-nl-november-2026.csv"),
                        "?openingBalance=10000.00&closingBalance=9492.50&closingDate=2026-11-30&statementId=2026-011");

        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        assertThat(imported.at("/account")).isEqualTo("BE68539007547034");
        assertThat(imported.json().get("lines")).hasSize(3);
        assertThat(imported.at("/lines/0/counterparty")).isEqualTo("Brouwerij De Kroon CVBA");
        assertThat(imported.at("/lines/0/bankTransactionId")).isEqualTo("2026-0118");
        assertThat(imported.at("/lines/1/amount")).isEqualTo("-1250.00");
        assertLine(imported, 0, "MATCHED", kroon, "DESCRIPTION_REFERENCE");
        assertLine(imported, 1, "MATCHED", printing, "DESCRIPTION_REFERENCE");

        Answer missing =
                upload(
                        "text/csv",
                        bytes("Datum;Bedrag;Mededeling\n04/11/2026;1,00;x\n"),
                        "?closingBalance=1.00");
        assertProblem(missing, 400, "statement-column-missing");
        assertThat(missing.at("/value")).isEqualTo("currency");
        assertThat(texts(missing.json().get("required")))
                .containsExactly("date", "amount", "currency");
        assertThat(texts(missing.json().get("missing"))).containsExactly("currency");
        assertThat(texts(missing.json().at("/accepted/currency")))
                .contains("currency", "devise", "munt", "währung");
        assertThat(missing.at("/detail")).contains("date, amount, currency");
    }

    @Test
    void everyProblemOfTheReconciliationHasItsCode() {
        String csv =
                "date,amount,currency,reference,counterparty\n2029-03-01,5.00,EUR,Code "
                        + UUID.randomUUID()
                        + ",Someone\n";
        assertThat(
                        upload("text/csv", bytes(csv), "?closingBalance=5.00&statementId=CODE-1")
                                .status())
                .isEqualTo(201);

        assertCoded(
                upload(
                        "text/csv",
                        bytes(csv.replace("Someone", "Other")),
                        "?closingBalance=5.00&statementId=CODE-1"),
                409,
                "statement-conflict");
        assertCoded(
                upload("text/csv", new byte[1024 * 1024 + 1], "?closingBalance=1.00"), 413, null);
        assertCoded(
                upload("text/csv", new byte[0], "?closingBalance=1.00"), 400, "statement-empty");
        assertCoded(upload("text/csv", bytes("x"), "?closingBalance=1,00"), 400, "validation");
        assertCoded(
                upload("application/pdf", new byte[] {1}, ""), 415, "statement-format-unsupported");
        assertCoded(
                api.get(STATEMENTS + "/" + "0".repeat(32), finance), 404, "statement-not-found");
        assertCoded(api.get(STATEMENTS, null), 401, null);
    }

    @Test
    void problemsNeverShowTheXmlParsersInternals() {
        Answer doctype =
                upload(
                        "application/xml",
                        bytes(
                                """
                                <?xml version="1.0"?>
                                <!DOCTYPE Document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">&xxe;</Document>\
                                """),
                        "");
        Answer deep =
                upload(
                        "application/xml",
                        bytes(
                                "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053"
                                        + ".001.02\">"
                                        + "<a>".repeat(150)
                                        + "</Document>"),
                        "");

        for (Answer answer : List.of(doctype, deep)) {
            assertProblem(answer, 400, "statement-unreadable");
            assertThat(allTexts(answer.json(), new ArrayList<>()))
                    .as("no field of the problem names the XML parser")
                    .isNotEmpty()
                    .noneMatch(
                            text ->
                                    text.contains("apache.org")
                                            || text.contains("JAXP")
                                            || text.contains("jdk.xml")
                                            || text.contains("xml.org"));
        }
        assertThat(doctype.at("/value")).containsIgnoringCase("DOCTYPE");
        assertThat(deep.at("/value")).contains("100");
    }

    @Test
    void aStatementIdLongerThanIso20022AllowsIsRefused() {
        String longId =
                new String(resource("camt053-v02-march-2026.xml"), StandardCharsets.UTF_8)
                        .replace("<Id>STMT-2026-03-FR76</Id>", "<Id>" + "S".repeat(5000) + "</Id>");

        Answer refused = upload("application/xml", bytes(longId), "");

        assertProblem(refused, 422, "statement-value-invalid");
        assertThat(refused.at("/where/element")).isEqualTo("Stmt/Id");
    }

    @Test
    void theOpenApiDescribesTheImportAndTheListAsTheyAre() {
        Answer docs = api.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        JsonNode post = docs.json().at("/paths/~1api~1finance~1reconciliation~1statements/post");

        assertThat(post.at("/requestBody/content").propertyNames())
                .contains("text/csv", "application/xml", "multipart/form-data");
        assertThat(post.get("responses").propertyNames())
                .contains("200", "201", "400", "409", "413", "415", "422");
        JsonNode content =
                docs.json()
                        .at(
                                "/paths/~1api~1finance~1reconciliation~1statements/get/responses/200"
                                    + "/content");
        assertThat(content.size()).as(content.toString()).isPositive();
        String reference = content.iterator().next().at("/schema/$ref").asString();
        JsonNode schema =
                docs.json()
                        .at(
                                "/components/schemas/"
                                        + reference.substring(reference.lastIndexOf('/') + 1));
        assertThat(schema.at("/properties").propertyNames())
                .as(schema.toString())
                .contains("items", "total")
                .doesNotContain("totalElements");
    }

    // --- helpers ---

    private void assertCoded(Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.raw().headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/problem+json");
        String type = answer.at("/type");
        assertThat(answer.at("/code"))
                .as(answer.body())
                .isNotBlank()
                .isEqualTo(type.substring(type.lastIndexOf('/') + 1));
        if (code != null) {
            assertThat(answer.at("/code")).isEqualTo(code);
        }
    }

    /**
     * A camt.053 message with one statement per day from {@code first}, each with one booking of
     * 1.00.
     */
    static byte[] dailyStatements(String iban, LocalDate first, int days) {
        StringBuilder xml =
                new StringBuilder(
                        """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
                        <BkToCstmrStmt><GrpHdr><MsgId>EXPORT-%s</MsgId><CreDtTm>%sT08:00:00+02:00</CreDtTm></GrpHdr>
                        """
                                .formatted(first, first.plusDays(days)));
        BigDecimal balance = new BigDecimal("100.00");
        for (int day = 0; day < days; day++) {
            LocalDate date = first.plusDays(day);
            BigDecimal closing = balance.add(BigDecimal.ONE);
            xml.append(
                    """
                    <Stmt><Id>%1$s-%2$s</Id><ElctrncSeqNb>%3$d</ElctrncSeqNb>
                    <FrToDt><FrDtTm>%2$sT00:00:00+02:00</FrDtTm><ToDtTm>%2$sT23:59:59+02:00</ToDtTm></FrToDt>
                    <Acct><Id><IBAN>%1$s</IBAN></Id><Ccy>EUR</Ccy></Acct>
                    <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">%4$s</Amt>
                    <CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>%2$s</Dt></Dt></Bal>
                    <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">%5$s</Amt>
                    <CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>%2$s</Dt></Dt></Bal>
                    <Ntry><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
                    <BookgDt><Dt>%2$s</Dt></BookgDt><AcctSvcrRef>%6$s</AcctSvcrRef>
                    <NtryDtls><TxDtls><RmtInf><Ustrd>Interest %2$s</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry></Stmt>
                    """
                            .formatted(
                                    iban,
                                    date,
                                    day + 1,
                                    balance.toPlainString(),
                                    closing.toPlainString(),
                                    "REF" + date.toString().replace("-", "")));
            balance = closing;
        }
        return bytes(xml.append("</BkToCstmrStmt></Document>\n").toString());
    }

    private static void assertLine(
            Answer answer, int index, String status, Long sequence, String basis) {
        String at = "/lines/" + index;
        assertThat(answer.at(at + "/line")).isEqualTo(Integer.toString(index + 1));
        assertThat(answer.at(at + "/status")).as(answer.body()).isEqualTo(status);
        assertThat(answer.at(at + "/entrySequence"))
                .as(answer.body())
                .isEqualTo(sequence == null ? null : sequence.toString());
        assertThat(answer.at(at + "/matchedBy")).isEqualTo(basis);
    }

    private static void assertProblem(Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.raw().headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/problem+json");
        if (code != null) {
            assertThat(answer.at("/type")).as(answer.body()).isEqualTo(PROBLEM_TYPE + code);
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

    /**
     * A statement file as the bank gave it: its own Content-Type, which the shared Api does not
     * send.
     */
    private Answer upload(String contentType, byte[] body, String query) {
        return http.post(STATEMENTS + query)
                .token(finance)
                .language("en")
                .body(body, contentType)
                .send();
    }

    static byte[] resource(String name) {
        try (InputStream in =
                ReconciliationBankFilesIT.class.getResourceAsStream("/statements/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String key() {
        return "recon-files-" + UUID.randomUUID();
    }

    /** Every text in {@code node}, however deep. */
    private static List<String> allTexts(JsonNode node, List<String> into) {
        if (node.isString()) {
            into.add(node.asString());
        }
        node.forEach(child -> allTexts(child, into));
        return into;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asString()));
        return texts;
    }
}
