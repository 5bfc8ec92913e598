package coop.cluster.finance.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.cluster.finance.FinanceApplication;
import coop.cluster.finance.report.persistence.LedgerTotals;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.testing.events.TopicEvents;
import coop.cluster.testing.http.Api;
import coop.cluster.testing.http.Api.Answer;
import coop.cluster.testing.security.TestIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The reports wired to the real features, on the real broker and store: a period closed through the
 * periods' API is reported sealed with the very seal the periods keep (a month of a closed quarter
 * too, with the quarter's seal), the projection reading past the closing's own journal record; a
 * project budget opened by project-service's {@code agreement.signed} gives the reports from then
 * on its title and pledges, and leaves the sealed ones as they were.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = FinanceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "cluster.finance.reports.projection.poll-interval=100ms")
class ReportSourcesIT {

    private static final TopicEvents EVENTS =
            new TopicEvents(EmbeddedInfra.shared().bootstrapServers());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri",
                () ->
                        EmbeddedInfra.shared()
                                .mongoUri(
                                        "finance_report_sources_it_"
                                                + UUID.randomUUID().toString().substring(0, 8)));
        TestIssuer.shared().register(registry);
    }

    @LocalServerPort int port;

    @Autowired LedgerTotals totals;

    @Autowired org.springframework.data.mongodb.core.MongoTemplate mongo;

    @Test
    void aClosedQuarterSealsItsReportsAndASignedAgreementGivesThemTheirBudget() {
        Api api = new Api(port);
        String finance = TestIssuer.shared().token("fred").roles("finance").sign();
        String project = UUID.randomUUID().toString();
        String partner =
                coop.cluster.finance.TestMembers.known(mongo, UUID.randomUUID().toString());
        EVENTS.publish(
                "project.projects",
                project,
                UUID.randomUUID().toString(),
                "cluster.project.agreement.signed.v1",
                """
                {"projectId":"%1$s","projectTitle":"Solar dryers","leaderId":"%2$s",
                 "agreement":{"version":1,"currency":"EUR","contributions":[
                   {"memberId":"%2$s","money":"3000.00","inKind":null,"inKindValue":null}],
                  "coordinator":"%2$s","tasks":[],"settlementRule":"pro rata","proposedAt":"%3$s"},
                 "signatures":{"%2$s":"%3$s"},"signedAt":"%3$s"}\
                """
                        .formatted(project, partner, Instant.now()));
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                api.get("/api/finance/projects/" + project + "/budget", finance)
                                                .status()
                                        == 200);

        post(api, finance, "2025-02-10", "1000", "4100:S:fondation", "1000.00");
        post(api, finance, "2025-02-20", "1000", "4100:S:fondation", "1200.00");
        post(api, finance, "2025-03-05", "6100", "1000", "100.00");
        Answer closed = api.post("/api/finance/periods/2025-Q1/close", finance, null);
        assertThat(closed.status()).as(closed.body()).isEqualTo(201);
        String seal = closed.at("/seal/hash");
        // an entry after the closing: the projection must read past the closing's own record to
        // count it
        post(api, finance, "2025-04-02", "1000", "4100:S:fondation", "50.00");
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        long last =
                post(api, finance, today, "1000", "2500:J:" + project + ":M:" + partner, "1200.00");
        await().atMost(Duration.ofSeconds(30)).until(() -> totals.state().checkpoint() >= last);

        JsonNode quarter = api.get("/api/finance/reports/2025-Q1", finance).json();
        assertThat(quarter.at("/seal/sealed").asBoolean()).isTrue();
        assertThat(quarter.at("/seal/hash").asString()).isEqualTo(seal);
        assertThat(quarter.at("/balance/bankClosing").asString()).isEqualTo("2100.00");
        JsonNode february = api.get("/api/finance/reports/2025-02", finance).json();
        assertThat(february.at("/seal/sealed").asBoolean())
                .as("a month of the closed quarter")
                .isTrue();
        assertThat(february.at("/seal/hash").asString()).isEqualTo(seal);
        JsonNode april = api.get("/api/finance/reports/2025-04", finance).json();
        assertThat(april.at("/seal/sealed").asBoolean()).isFalse();
        assertThat(april.at("/income/donationsTotal").asString()).isEqualTo("50.00");

        // the budget, opened now, is not in the sealed quarter's report (which may not change), but
        // in this month's
        assertThat(quarter.get("projects").findValuesAsString("project")).doesNotContain(project);
        JsonNode month = api.get("/api/finance/reports/" + today.substring(0, 7), finance).json();
        JsonNode line = null;
        for (JsonNode candidate : month.get("projects")) {
            if (candidate.get("project").asString().equals(project)) {
                line = candidate;
            }
        }
        assertThat(line).as(month.toString()).isNotNull();
        assertThat(line.get("budgeted").asBoolean()).isTrue();
        assertThat(line.get("title").asString()).isEqualTo("Solar dryers");
        assertThat(line.get("pledged").asString()).isEqualTo("3000.00");
        assertThat(line.get("received").asString()).isEqualTo("1200.00");
    }

    private static long post(
            Api api, String finance, String date, String debit, String credit, String amount) {
        Answer answer =
                api.post(
                        "/api/finance/ledger/entries",
                        finance,
                        """
                        {"idempotencyKey":"%s","date":"%s","description":"report sources","postings":[
                         {"account":"%s","side":"DEBIT","amount":"%s","currency":"EUR"},
                         {"account":"%s","side":"CREDIT","amount":"%s","currency":"EUR"}]}\
                        """
                                .formatted(UUID.randomUUID(), date, debit, amount, credit, amount));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return Long.parseLong(answer.at("/sequence"));
    }
}
