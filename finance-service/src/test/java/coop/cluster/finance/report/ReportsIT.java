package coop.cluster.finance.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import coop.cluster.finance.FinanceApplication;
import coop.cluster.finance.RawApi;
import coop.cluster.finance.ledger.domain.JournalEntry;
import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.finance.ledger.domain.Posting;
import coop.cluster.finance.ledger.persistence.JournalDocuments;
import coop.cluster.finance.ledger.persistence.StoredEntry;
import coop.cluster.finance.report.domain.ProjectBudget;
import coop.cluster.finance.report.domain.SealInfo;
import coop.cluster.finance.report.persistence.LedgerTotals;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.testing.events.TopicRecords;
import coop.cluster.testing.http.Api;
import coop.cluster.testing.http.Api.Answer;
import coop.cluster.testing.security.AuthorizationMatrix;
import coop.cluster.testing.security.MatrixRequest;
import coop.cluster.testing.security.TestIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The public reports end to end on the embedded store and broker: entries posted over HTTP,
 * projected into the monthly totals, the report read as JSON, CSV and HTML in both languages,
 * published (and its event read from Kafka), the projection applied twice and restarted; and who
 * may read what.
 *
 * <p>The ports are wired to test beans, as the periods and budgets features will wire theirs:
 * January 2026 is sealed, project {@code p-river} has a budget.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = {FinanceApplication.class, ReportsIT.Ports.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReportsIT {

    private static final String ENTRIES = "/api/finance/ledger/entries";
    private static final String REPORTS = "/api/finance/reports";
    private static final String PUBLIC = "/api/public/reports";
    private static final TopicRecords RECORDS =
            new TopicRecords(EmbeddedInfra.shared().bootstrapServers());
    private static final SealInfo JANUARY_SEAL =
            new SealInfo("9f2c1e0b7a", "0000aa", Instant.parse("2026-02-03T09:00:00Z"));
    private static final SealInfo FEBRUARY_SEAL =
            new SealInfo(
                    "4b1d0c9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c",
                    "9f2c1e0b7a",
                    Instant.parse("2026-03-02T09:00:00Z"));

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri("finance_reports_it"));
        registry.add("cluster.finance.reports.projection.poll-interval", () -> "100ms");
        TestIssuer.shared().register(registry);
    }

    /**
     * Stand-ins for the ports (the real ones, ReportSources, read the periods and budgets
     * features).
     */
    @TestConfiguration
    static class Ports {

        @Bean
        @org.springframework.context.annotation.Primary
        PeriodSeals testSeals() {
            return periodId ->
                    "2026-01".equals(periodId)
                            ? Optional.of(JANUARY_SEAL)
                            : "2026-02".equals(periodId)
                                    ? Optional.of(FEBRUARY_SEAL)
                                    : Optional.empty();
        }

        @Bean
        @org.springframework.context.annotation.Primary
        ProjectBudgetFigures testBudgets() {
            return (from, to) ->
                    List.of(
                            new ProjectBudget(
                                    "p-river",
                                    List.of(
                                            new ProjectBudget.Pledge(
                                                    "m-agrinova", Money.of("3000.00", "EUR")),
                                            new ProjectBudget.Pledge(
                                                    "m-c2tm", Money.of("2000.00", "EUR")))));
        }
    }

    @LocalServerPort int port;

    @Autowired LedgerTotals totals;

    @Autowired LedgerTotalsProjector projector;

    @Autowired ApplicationContext context;

    @Autowired MeterRegistry meters;

    @Autowired MongoTemplate mongo;

    Api api;
    RawApi http;
    String finance;
    String manager;
    String member;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        http = new RawApi(port);
        finance = TestIssuer.shared().token("fred").roles("finance").sign();
        manager = TestIssuer.shared().token("mia").roles("manager").sign();
        member =
                TestIssuer.shared()
                        .token("mo")
                        .roles("member")
                        .memberId(AuthorizationMatrix.OWN_MEMBER)
                        .sign();
        // the members these tests post fees and contributions for, as membership's events would
        // make them known
        coop.cluster.finance.TestMembers.known(mongo, "m-agrinova", "m-c2tm", "m-ce3m", "m-lemila");
    }

    @Test
    void aYearOfEntriesBecomesAnExactReportInEveryFormatAndIsPublishedOnce() throws Exception {
        // the earliest year of this class's entries, so that the other tests' entries (later) do
        // not count
        post(
                "2021-02-10",
                "Opening donation",
                "1000",
                "DEBIT",
                "4100:S:foundation-x",
                "CREDIT",
                "5000.00");
        post(
                "2021-03-01",
                "Fees, Agrinova",
                "1000",
                "DEBIT",
                "4000:M:m-agrinova",
                "CREDIT",
                "120.00");
        post("2021-03-02", "Fees, C2TM", "1000", "DEBIT", "4000:M:m-c2tm", "CREDIT", "80.50");
        post("2021-03-03", "Donation", "1000", "DEBIT", "4100:S:foundation-x", "CREDIT", "250.25");
        post(
                "2021-03-04",
                "Erasmus+ grant, river project",
                "1000",
                "DEBIT",
                "4200:P:erasmus:J:p-river",
                "CREDIT",
                "1500.00");
        post(
                "2021-03-05",
                "Contribution, Agrinova",
                "1000",
                "DEBIT",
                "2500:J:p-river:M:m-agrinova",
                "CREDIT",
                "1000.00");
        post("2021-03-06", "Office rent", "6100", "DEBIT", "1000", "CREDIT", "400.00");
        post("2021-03-07", "Notary", "6200", "DEBIT", "1000", "CREDIT", "99.99");
        post("2021-03-08", "Auditor", "6300", "DEBIT", "1000", "CREDIT", "150.00");
        post("2021-03-09", "River survey", "6400:J:p-river", "DEBIT", "1000", "CREDIT", "600.00");
        post(
                "2021-03-10",
                "Meeting room lent",
                "9000:M:m-c2tm",
                "DEBIT",
                "9900:M:m-c2tm",
                "CREDIT",
                "300.00");
        long last =
                post(
                        "2021-04-02",
                        "After March",
                        "1000",
                        "DEBIT",
                        "4000:M:m-agrinova",
                        "CREDIT",
                        "1.00");

        awaitProjected(last);
        Answer json = api.get(REPORTS + "/2021-03", finance);
        assertThat(json.status()).as(json.body()).isEqualTo(200);
        assertThat(json.raw().headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(json.at("/status")).isEqualTo("draft");
        assertThat(json.at("/from")).isEqualTo("2021-03-01");
        assertThat(json.at("/to")).isEqualTo("2021-03-31");
        assertThat(json.at("/income/membershipFees")).isEqualTo("200.50");
        assertThat(json.at("/income/donations/0/key")).isEqualTo("foundation-x");
        assertThat(json.at("/income/donations/0/amount")).isEqualTo("250.25");
        assertThat(json.at("/income/grants/0/programme")).isEqualTo("erasmus");
        assertThat(json.at("/income/grants/0/projects/0/key")).isEqualTo("p-river");
        assertThat(json.at("/income/total")).isEqualTo("1950.75");
        assertThat(json.at("/expenses/total")).isEqualTo("1249.99");
        assertThat(json.at("/expenses/categories/1/category")).isEqualTo("legal");
        assertThat(json.at("/expenses/categories/1/amount")).isEqualTo("99.99");
        assertThat(json.at("/balance/bankOpening")).isEqualTo("5000.00");
        assertThat(json.at("/balance/netResult")).isEqualTo("700.76");
        assertThat(json.at("/balance/bankClosing"))
                .as("5000 + 1950.75 + 1000 held - 1249.99")
                .isEqualTo("6700.76");
        JsonNode river = json.json().get("projects").get(0);
        assertThat(river.get("project").asString()).isEqualTo("p-river");
        assertThat(river.get("pledged").asString()).isEqualTo("5000.00");
        assertThat(river.get("received").asString()).isEqualTo("1000.00");
        assertThat(river.get("spent").asString()).isEqualTo("600.00");
        assertThat(river.get("partners").get(0).get("partner").asString()).isEqualTo("m-agrinova");
        assertThat(river.get("partners").get(1).get("received").asString()).isEqualTo("0.00");
        assertThat(json.at("/inKind/lines/0/id")).isEqualTo("m-c2tm");
        assertThat(json.at("/inKind/total")).isEqualTo("300.00");
        assertThat(json.at("/seal/sealed")).isEqualTo("false");

        Answer quarter = api.get(REPORTS + "/2021-Q1", finance);
        assertThat(quarter.at("/income/total"))
                .as("February's donation and March")
                .isEqualTo("6950.75");
        assertThat(quarter.at("/balance/bankOpening")).isEqualTo("0.00");
        Answer year = api.get(REPORTS + "/2021", manager);
        assertThat(year.at("/income/membershipFees")).isEqualTo("201.50");

        Answer csv = api.get(REPORTS + "/2021-03?format=csv&lang=fr", finance);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.raw().headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        assertThat(csv.body())
                .startsWith("section,item,code,label,value,currency\r\n")
                .contains("income,fees,4000,Cotisations des membres,200.50,EUR\r\n")
                .contains("expenses,legal,6200,Frais juridiques,99.99,EUR\r\n")
                .contains(
                        "balance,bank-closing,1000,Banque à la fin de la période,6700.76,EUR\r\n");

        Answer html = raw(REPORTS + "/2021-03", finance, "text/html", "fr-FR,fr;q=0.9");
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.raw().headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(html.body())
                .contains(
                        "<h1>Rapport financier public — mars 2021</h1>",
                        "Recettes par origine",
                        "Pas encore scellée")
                .containsPattern("6[\\u00a0\\u202f ]700,76[\\u00a0\\u202f ]€");
        Files.writeString(Path.of("target", "report-2021-03-fr.html"), html.body());
        Answer english = raw(REPORTS + "/2021-03?lang=en&format=html", finance, null, null);
        assertThat(english.body()).contains("Income by source", "€6,700.76");
        Files.writeString(Path.of("target", "report-2021-03-en.html"), english.body());

        assertThat(api.get(REPORTS + "/2021-03", member).status())
                .as("a draft is not for members")
                .isEqualTo(404);

        Answer published = api.post(REPORTS + "/2021-03/publication", finance, null);
        assertThat(published.status()).as(published.body()).isEqualTo(201);
        assertThat(published.at("/status")).isEqualTo("published");
        assertThat(published.at("/revision")).isEqualTo("1");
        assertThat(published.at("/balance/bankClosing")).isEqualTo("6700.76");
        Answer again = api.post(REPORTS + "/2021-03/publication", finance, null);
        assertThat(again.status()).as("same figures: the stored report").isEqualTo(200);
        assertThat(again.at("/publishedAt")).isEqualTo(published.at("/publishedAt"));

        Answer read = api.get(REPORTS + "/2021-03", member);
        assertThat(read.status()).as("published: members read it").isEqualTo(200);
        assertThat(read.at("/status")).isEqualTo("published");
        assertThat(read.at("/income/total")).isEqualTo("1950.75");
        assertThat(
                        api.get(REPORTS + "?page=0&size=50", member)
                                .json()
                                .findValuesAsString("periodId"))
                .contains("2021-03");

        List<TopicRecords.Received> events =
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(200))
                        .until(
                                () ->
                                        RECORDS.all("finance.reports").stream()
                                                .filter(r -> "2021-03".equals(r.key()))
                                                .toList(),
                                found -> !found.isEmpty());
        assertThat(events).hasSize(1);
        TopicRecords.Received event = events.getFirst();
        assertThat(event.type()).isEqualTo("cluster.finance.report.published.v1");
        assertThat(event.subject()).isEqualTo("reports/2021-03");
        assertThat(event.data().get("periodId").asString()).isEqualTo("2021-03");
        assertThat(event.data().get("from").asString()).isEqualTo("2021-03-01");
        assertThat(event.data().get("sealHash").isNull()).isTrue();
        assertThat(event.data().get("revision").asInt()).isEqualTo(1);
        assertThat(event.data().get("totals").get("netResult").asString()).isEqualTo("700.76");
        assertThat(event.data().get("totals").get("bankClosing").asString()).isEqualTo("6700.76");
        assertThat(event.data().get("links").get("html").asString())
                .isEqualTo(REPORTS + "/2021-03?format=html");

        // a late entry in an unsealed period: the provisional publication gets a new revision
        long late =
                post(
                        "2021-03-31",
                        "Late donation",
                        "1000",
                        "DEBIT",
                        "4100:S:foundation-y",
                        "CREDIT",
                        "10.00");
        awaitProjected(late);
        assertThat(api.get(REPORTS + "/2021-03", member).at("/income/total"))
                .as("the frozen copy")
                .isEqualTo("1950.75");
        Answer revised = api.post(REPORTS + "/2021-03/publication", finance, null);
        assertThat(revised.status()).isEqualTo(201);
        assertThat(revised.at("/revision")).isEqualTo("2");
        assertThat(revised.at("/income/total")).isEqualTo("1960.75");
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                RECORDS.all("finance.reports").stream()
                                                .filter(r -> "2021-03".equals(r.key()))
                                                .count()
                                        == 2);

        assertThat(
                        meters.get("cluster.finance.reports.generated")
                                .tag("format", "csv")
                                .counter()
                                .count())
                .isPositive();
        assertThat(meters.get(LedgerTotalsProjector.LAG_METRIC).gauge().value()).isZero();
    }

    @Test
    void aSealedPeriodIsPublishedWithItsSealAndIsFinal() {
        long sequence =
                post(
                        "2026-01-15",
                        "January fees",
                        "1000",
                        "DEBIT",
                        "4000:M:m-ce3m",
                        "CREDIT",
                        "60.00");
        awaitProjected(sequence);

        Answer published = api.post(REPORTS + "/2026-01/publication", finance, null);
        assertThat(published.status()).as(published.body()).isEqualTo(201);
        assertThat(published.at("/seal/sealed")).isEqualTo("true");
        assertThat(published.at("/seal/hash")).isEqualTo(JANUARY_SEAL.hash());

        long late =
                post(
                        "2026-01-20",
                        "Late January entry",
                        "1000",
                        "DEBIT",
                        "4000:M:m-ce3m",
                        "CREDIT",
                        "1.00");
        awaitProjected(late);
        Answer refused = api.post(REPORTS + "/2026-01/publication", finance, null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.raw().headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(refused.at("/type")).endsWith("report-already-published");
        assertThat(api.get(REPORTS + "/2026-01", member).at("/seal/hash"))
                .isEqualTo(JANUARY_SEAL.hash());

        assertThat(api.post(REPORTS + "/2099-01/publication", finance, null).at("/type"))
                .endsWith("report-period-not-ended");
        assertThat(api.get(REPORTS + "/2026-13", finance).at("/type"))
                .endsWith("report-period-invalid");
        assertThat(api.get(REPORTS + "/2026-01?format=xml", finance).at("/type"))
                .endsWith("report-format-unsupported");
        assertThat(api.get(REPORTS + "/2026-01?lang=de", finance).status()).isEqualTo(400);
        assertThat(api.get(REPORTS + "?size=1000", finance).status()).isEqualTo(400);
    }

    /**
     * Acceptance testing: {@code ?format=pdf} answered 400 and {@code Accept: application/pdf} 200
     * with JSON. The PDF comes in English and French with the seal and the totals; a format not
     * offered is 406.
     */
    @Test
    void aPublishedReportComesAsAPdfWithItsSealInBothLanguages() throws Exception {
        long sequence =
                post(
                        "2026-02-10",
                        "February fees",
                        "1000",
                        "DEBIT",
                        "4000:M:m-ce3m",
                        "CREDIT",
                        "1234.56");
        awaitProjected(sequence);
        Answer published = api.post(REPORTS + "/2026-02/publication", finance, null);
        assertThat(published.status()).as(published.body()).isEqualTo(201);

        HttpResponse<byte[]> english =
                rawBytes(REPORTS + "/2026-02?format=pdf&lang=en", member, null);
        assertThat(english.statusCode()).isEqualTo(200);
        assertThat(english.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(english.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(
                        disposition -> assertThat(disposition).contains("report-2026-02-en.pdf"));
        String en = pdfText(english.body());
        assertThat(en)
                .contains(
                        "Public financial report — February 2026",
                        "Period closed and sealed",
                        FEBRUARY_SEAL.hash(),
                        "€1,234.56",
                        "Total income",
                        "Signature");
        HttpResponse<byte[]> french =
                rawBytes(REPORTS + "/2026-02", member, "application/pdf", "fr");
        assertThat(french.statusCode()).isEqualTo(200);
        assertThat(french.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(pdfText(french.body()))
                .contains(
                        "Rapport financier public — février 2026",
                        "Période clôturée et scellée",
                        FEBRUARY_SEAL.hash(),
                        "1 234,56 €",
                        "Total des recettes");
        Files.write(Path.of("target", "report-2026-02-fr.pdf"), french.body());

        Answer xml = raw(REPORTS + "/2026-02", member, "text/xml", null);
        assertThat(xml.status()).isEqualTo(406);
        assertThat(xml.raw().headers().firstValue("Content-Type"))
                .hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(xml.at("/type")).endsWith("/report-format-not-acceptable");
        assertThat(api.get(REPORTS + "?page=0&size=50", member).json().findValuesAsString("pdf"))
                .contains(REPORTS + "/2026-02?format=pdf");
        assertThat(
                        meters.get("cluster.finance.reports.generated")
                                .tag("format", "pdf")
                                .counter()
                                .count())
                .isGreaterThanOrEqualTo(2);
    }

    /**
     * The public page: anyone, without a token, lists the published reports and reads one exactly
     * as a member reads it, in every format; an unpublished period is 404 as for a member, even
     * though managers see its draft.
     */
    @Test
    void aPublishedReportIsPublicInEveryFormatAndADraftIsNot() throws Exception {
        long sequence =
                post("2024-05-10", "May fees", "1000", "DEBIT", "4000:M:m-ce3m", "CREDIT", "42.10");
        long draft =
                post("2024-06-10", "June fees", "1000", "DEBIT", "4000:M:m-ce3m", "CREDIT", "7.00");
        awaitProjected(Math.max(sequence, draft));
        Answer published = api.post(REPORTS + "/2024-05/publication", finance, null);
        assertThat(published.status()).as(published.body()).isIn(200, 201);

        Answer anonymous = api.get(PUBLIC + "/2024-05", null);
        assertThat(anonymous.status()).as(anonymous.body()).isEqualTo(200);
        assertThat(anonymous.json())
                .as("the very report a member reads")
                .isEqualTo(api.get(REPORTS + "/2024-05", member).json());
        assertThat(anonymous.at("/status")).isEqualTo("published");
        assertThat(anonymous.at("/income/membershipFees")).isEqualTo("42.10");

        Answer csv = raw(PUBLIC + "/2024-05?lang=fr", null, "text/csv", null);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body())
                .isEqualTo(raw(REPORTS + "/2024-05?lang=fr", member, "text/csv", null).body())
                .contains("Cotisations des membres,42.10,EUR");
        Answer html = raw(PUBLIC + "/2024-05?format=html", null, null, "fr");
        assertThat(html.raw().headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(html.body())
                .isEqualTo(raw(REPORTS + "/2024-05?format=html", member, null, "fr").body());
        HttpResponse<byte[]> pdf =
                rawBytes(PUBLIC + "/2024-05?format=pdf&lang=en", null, null, null);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(pdfText(pdf.body())).contains("Public financial report — May 2024", "€42.10");
        assertThat(raw(PUBLIC + "/2024-05", null, "text/xml", null).status()).isEqualTo(406);
        assertThat(api.get(PUBLIC + "/2024-05?format=xml", null).at("/type"))
                .endsWith("report-format-unsupported");
        assertThat(api.send("HEAD", PUBLIC + "/2024-05", null, null).status()).isEqualTo(200);

        assertThat(api.get(REPORTS + "/2024-06", manager).at("/status")).isEqualTo("draft");
        Answer unpublished = api.get(PUBLIC + "/2024-06", null);
        assertThat(unpublished.status()).isEqualTo(404);
        assertThat(unpublished.at("/type")).endsWith("report-not-published");
        assertThat(api.get(PUBLIC + "/2024-06", manager).status())
                .as("drafts are never public")
                .isEqualTo(404);
        assertThat(api.get(PUBLIC + "/2019-13", null).at("/type"))
                .endsWith("report-period-invalid");

        Answer list = api.get(PUBLIC + "?page=0&size=100", null);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        JsonNode may = null;
        for (JsonNode item : list.json().get("items")) {
            if ("2024-05".equals(item.get("periodId").asString())) {
                may = item;
            }
            assertThat(item.get("periodId").asString())
                    .as("only published periods")
                    .isNotEqualTo("2024-06");
        }
        assertThat(may).as(list.body()).isNotNull();
        assertThat(may.get("kind").asString()).isEqualTo("MONTH");
        assertThat(may.get("from").asString()).isEqualTo("2024-05-01");
        assertThat(may.get("to").asString()).isEqualTo("2024-05-31");
        assertThat(may.get("publishedAt").asString()).isEqualTo(anonymous.at("/publishedAt"));
        assertThat(may.get("links").get("pdf").asString())
                .isEqualTo(PUBLIC + "/2024-05?format=pdf");
        assertThat(list.json().get("totalElements").asLong())
                .isEqualTo(api.get(REPORTS, member).json().get("totalElements").asLong());
        assertThat(api.get(PUBLIC + "?size=101", null).status()).isEqualTo(400);

        Answer write = api.post(PUBLIC + "/2024-06", null, "{}");
        assertThat(write.status()).as("only reads are public").isEqualTo(401);
        assertThat(api.post(PUBLIC + "/2024-06/publication", null, null).status()).isEqualTo(401);
        assertThat(api.get(REPORTS + "/2024-05", null).status())
                .as("the members' API still needs a token")
                .isEqualTo(401);
    }

    @Test
    void theProjectionIsIdempotentAndSurvivesARestartOfTheProjector() {
        long first =
                post("2023-05-02", "Fees", "1000", "DEBIT", "4000:M:m-lemila", "CREDIT", "33.33");
        awaitProjected(first);
        Map<String, ?> before = totals.bucket("2023-05").orElseThrow();

        // applying everything again from the start changes nothing
        totals.rewind(0);
        projector.catchUp(Duration.ofSeconds(30));
        assertThat(totals.state().checkpoint()).isGreaterThanOrEqualTo(first);
        assertThat(totals.bucket("2023-05").orElseThrow()).isEqualTo(before);

        projector.stop();
        try {
            long whileStopped =
                    post(
                            "2023-05-03",
                            "Fees",
                            "1000",
                            "DEBIT",
                            "4000:M:m-lemila",
                            "CREDIT",
                            "0.67");
            assertThat(totals.state().checkpoint())
                    .as("nothing projects while stopped")
                    .isLessThan(whileStopped);
            projector.start();
            awaitProjected(whileStopped);
        } finally {
            projector.start();
        }
        assertThat(api.get(REPORTS + "/2023-05", finance).at("/income/membershipFees"))
                .isEqualTo("34.00");
    }

    /**
     * Two projectors working at once (a lease that lapsed under a long pause) over the same
     * journal: every bucket is written by compare-and-set, so each entry still counts exactly once.
     */
    @Test
    void twoProjectorsRacingStillCountEachEntryOnce() throws Exception {
        try (MongoClient client =
                MongoClients.create(EmbeddedInfra.shared().mongoUri("finance_reports_race_it"))) {
            MongoTemplate mongo = new MongoTemplate(client, "finance_reports_race_it");
            mongo.remove(new Query(), "ledger_journal");
            LedgerTotals raced = new LedgerTotals(mongo);
            raced.clear();
            List<Document> journal = new java.util.ArrayList<>();
            java.math.BigDecimal expected = java.math.BigDecimal.ZERO;
            for (int i = 1; i <= 3000; i++) {
                Money amount =
                        Money.of(
                                java.math.BigDecimal.valueOf(i, 2),
                                java.util.Currency.getInstance("EUR"));
                expected = expected.add(amount.amount());
                LocalDate day = LocalDate.of(2022, 1 + i % 3, 1 + i % 28);
                journal.add(
                        JournalDocuments.toDocument(
                                new StoredEntry(
                                        i,
                                        JournalEntry.of(
                                                "race-" + i,
                                                "race-key-" + i,
                                                day,
                                                "Race",
                                                List.of(
                                                        Posting.debit("1000", amount),
                                                        Posting.credit(
                                                                "4000:M:m-" + i % 7, amount))),
                                        Instant.now())));
            }
            mongo.getCollection("ledger_journal").insertMany(journal);

            java.util.concurrent.ExecutorService pool =
                    java.util.concurrent.Executors.newFixedThreadPool(2);
            java.util.concurrent.Callable<Void> projector =
                    () -> {
                        while (true) {
                            long checkpoint = raced.state().checkpoint();
                            List<LedgerTotals.JournalLine> lines =
                                    raced.journalAfter(checkpoint, 137);
                            if (lines.isEmpty()) {
                                return null;
                            }
                            long end = lines.getLast().sequence();
                            Map<String, List<LedgerTotals.JournalLine>> byMonth =
                                    new java.util.TreeMap<>();
                            lines.forEach(
                                    line ->
                                            byMonth.computeIfAbsent(
                                                            line.month(),
                                                            m -> new java.util.ArrayList<>())
                                                    .add(line));
                            byMonth.forEach(
                                    (month, ofMonth) ->
                                            raced.applyToMonth(month, ofMonth, checkpoint, end));
                            raced.advance(end, byMonth.keySet());
                        }
                    };
            List<java.util.concurrent.Future<Void>> both =
                    pool.invokeAll(List.of(projector, projector));
            for (java.util.concurrent.Future<Void> one : both) {
                one.get();
            }
            pool.shutdown();

            assertThat(raced.state().checkpoint()).isEqualTo(3000);
            java.math.BigDecimal bank = java.math.BigDecimal.ZERO;
            for (String month : List.of("2022-01", "2022-02", "2022-03")) {
                bank = bank.add(raced.bucket(month).orElseThrow().get("1000").debit());
            }
            assertThat(bank).isEqualByComparingTo(expected);
        }
    }

    @TestFactory
    Stream<DynamicNode> matrix() {
        // "own" reads a published period, "other" a period never published (a draft)
        long sequence = post("2025-06-10", "June fees", "1000", "DEBIT", "4000", "CREDIT", "5.00");
        awaitProjected(sequence);
        assertThat(api.post(REPORTS + "/2025-06/publication", finance, null).status())
                .isIn(200, 201);
        return AuthorizationMatrix.at("http://127.0.0.1:" + port, TestIssuer.shared())
                .endpoint(
                        "GET /api/finance/reports/{periodId}",
                        cell -> MatrixRequest.get(REPORTS + (cell.own() ? "/2025-06" : "/2025-07")))
                .expect(
                        """
                        anonymous 401
                        member    own 200 other 404
                        delegate  own 200 other 404
                        manager   200
                        finance   200
                        feed      403
                        """)
                .endpoint("GET /api/finance/reports", cell -> MatrixRequest.get(REPORTS))
                .expect(
                        """
                        anonymous 401
                        member    200
                        delegate  200
                        manager   200
                        finance   200
                        feed      403
                        """)
                .endpoint(
                        "POST /api/finance/reports/{periodId}/publication",
                        cell -> MatrixRequest.post(REPORTS + "/2025-06/publication", "{}"))
                .expect(
                        """
                        anonymous 401
                        member    403
                        delegate  403
                        manager   403
                        finance   2xx
                        feed      403
                        """)
                .coveringEndpointsOf(context, REPORTS)
                .tests();
    }

    /** Posts a two-line entry through the ledger's API; returns its sequence. */
    private long post(
            String date,
            String description,
            String first,
            String firstSide,
            String second,
            String secondSide,
            String amount) {
        Answer answer =
                api.post(
                        ENTRIES,
                        finance,
                        """
                        {"idempotencyKey":"%s","date":"%s","description":"%s","postings":[
                         {"account":"%s","side":"%s","amount":"%s","currency":"EUR"},
                         {"account":"%s","side":"%s","amount":"%s","currency":"EUR"}]}\
                        """
                                .formatted(
                                        UUID.randomUUID(),
                                        date,
                                        description,
                                        first,
                                        firstSide,
                                        amount,
                                        second,
                                        secondSide,
                                        amount));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return Long.parseLong(answer.at("/sequence"));
    }

    private void awaitProjected(long sequence) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> totals.state().checkpoint() >= sequence);
    }

    private HttpResponse<byte[]> rawBytes(
            String path, String token, String accept, String language) {
        return http.get(path).token(token).accept(accept).language(language).sendForBytes();
    }

    private HttpResponse<byte[]> rawBytes(String path, String token, String accept) {
        return rawBytes(path, token, accept, null);
    }

    /**
     * The text of a PDF (PDFBox), white space and French narrow no-break spaces as single spaces.
     */
    private static String pdfText(byte[] pdf) throws IOException {
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("%PDF-");
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            return new org.apache.pdfbox.text.PDFTextStripper()
                    .getText(document)
                    .replaceAll("[\\s\\u00a0\\u202f]+", " ");
        }
    }

    /**
     * A GET with its own Accept and Accept-Language (none when null), which the shared Api does not
     * send.
     */
    private Answer raw(String path, String token, String accept, String language) {
        return http.get(path).token(token).accept(accept).language(language).send();
    }
}
