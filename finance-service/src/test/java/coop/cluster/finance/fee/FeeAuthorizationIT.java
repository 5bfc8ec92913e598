package coop.cluster.finance.fee;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.finance.FinanceApplication;
import coop.cluster.finance.RawApi;
import coop.cluster.finance.fee.domain.FeeSchedule;
import coop.cluster.finance.fee.persistence.FeeInvoiceStore;
import coop.cluster.finance.fee.persistence.FeeViewStore;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.testing.http.Api.Answer;
import coop.cluster.testing.security.AuthorizationMatrix;
import coop.cluster.testing.security.MatrixRequest;
import coop.cluster.testing.security.TestIssuer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
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
 * Every fee endpoint × every caller × own or other organisation; and bad input answered with
 * problem+json in English and French.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = FinanceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FeeAuthorizationIT {

    private static final int YEAR = LocalDate.now(ZoneOffset.UTC).getYear();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri",
                () -> EmbeddedInfra.shared().mongoUri("finance_fee_authz_it"));
        TestIssuer.shared().register(registry);
        // the scheduled jobs stay out of the way: the tests run the sweeps themselves
        registry.add("cluster.finance.fees.jobs-initial-delay", () -> "PT1H");
    }

    @LocalServerPort int port;

    @Autowired ApplicationContext context;

    @Autowired FeeViewStore views;

    @Autowired FeeInvoicing invoicing;

    @Autowired FeeInvoiceStore invoices;

    private static final String FINANCE_ONLY =
            """
            anonymous 401
            member    403
            delegate  403
            manager   403
            finance   %s
            feed      403
            """;

    @TestFactory
    Stream<DynamicNode> matrix() {
        for (String member :
                new String[] {AuthorizationMatrix.OWN_MEMBER, AuthorizationMatrix.OTHER_MEMBER}) {
            invoiced(member);
        }
        return AuthorizationMatrix.at("http://127.0.0.1:" + port, TestIssuer.shared())
                .endpoint(
                        "GET /api/finance/fees/invoices",
                        cell ->
                                MatrixRequest.get(
                                        "/api/finance/fees/invoices?memberId=" + cell.memberId()))
                .expect(
                        """
                        anonymous 401
                        member    own 200 other 403
                        delegate  own 200 other 403
                        manager   200
                        finance   200
                        feed      403
                        """)
                .endpoint(
                        "GET /api/finance/fees/invoices/{id}",
                        cell ->
                                MatrixRequest.get(
                                        "/api/finance/fees/invoices/"
                                                + FeeInvoicing.invoiceId(cell.memberId(), YEAR)))
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
                        "POST /api/finance/fees/invoices/{id}/payments",
                        cell ->
                                MatrixRequest.post(
                                                "/api/finance/fees/invoices/"
                                                        + FeeInvoicing.invoiceId(
                                                                cell.memberId(), YEAR)
                                                        + "/payments",
                                                """
                                                {"amount":"1.00","currency":"EUR","paidOn":"%s"}\
                                                """
                                                        .formatted(LocalDate.now()))
                                        .header("Idempotency-Key", UUID.randomUUID().toString()))
                .expect(FINANCE_ONLY.formatted("201"))
                .endpoint(
                        "POST /api/finance/fees/invoicing-runs",
                        cell ->
                                MatrixRequest.post(
                                        "/api/finance/fees/invoicing-runs",
                                        "{\"feeYear\":" + YEAR + "}"))
                .expect(FINANCE_ONLY.formatted("200"))
                .endpoint(
                        "POST /api/finance/fees/overdue-runs",
                        cell -> MatrixRequest.post("/api/finance/fees/overdue-runs", null))
                .expect(FINANCE_ONLY.formatted("200"))
                .endpoint(
                        "GET /api/finance/fees/schedules",
                        cell -> MatrixRequest.get("/api/finance/fees/schedules"))
                .expect(
                        """
                        anonymous 401
                        member    403
                        delegate  403
                        manager   200
                        finance   200
                        feed      403
                        """)
                .coveringEndpointsOf(context, "/api/finance/fees/")
                .tests();
    }

    @Test
    void badInputIsAProblemInEnglishAndFrench() throws Exception {
        String member = UUID.randomUUID().toString();
        String invoice = invoiced(member);
        String token = TestIssuer.shared().token("fred").roles("finance").sign();

        JsonNode status =
                send("GET", "/api/finance/fees/invoices?status=LOST", token, null, null, "en");
        assertThat(status.get("status").asInt()).isEqualTo(400);
        assertThat(status.get("type").asString()).endsWith("/invoice-status-invalid");
        assertThat(status.get("detail").asString()).contains("LOST").contains("OVERDUE");
        JsonNode statut =
                send("GET", "/api/finance/fees/invoices?status=LOST", token, null, null, "fr");
        assertThat(statut.get("title").asString()).isEqualTo("Statut de facture inconnu");
        JsonNode year =
                send(
                        "POST",
                        "/api/finance/fees/invoicing-runs",
                        token,
                        "{\"feeYear\":1850}",
                        null,
                        "en");
        assertThat(year.get("status").asInt()).isEqualTo(400);
        assertThat(year.at("/errors").findValuesAsString("field")).contains("feeYear");
        JsonNode noYear = send("POST", "/api/finance/fees/invoicing-runs", token, "{}", null, "en");
        assertThat(noYear.get("status").asInt()).isEqualTo(400);
        JsonNode body =
                send(
                        "POST",
                        "/api/finance/fees/invoices/" + invoice + "/payments",
                        token,
                        "{\"amount\":12.5,\"currency\":\"eur\",\"paidOn\":\"yesterday\"}",
                        "k1",
                        "en");
        assertThat(body.get("status").asInt()).isEqualTo(400);
        JsonNode badId =
                send("GET", "/api/finance/fees/invoices/not%20an%20id", token, null, null, "en");
        assertThat(badId.get("status").asInt()).isEqualTo(400);
        JsonNode size =
                send("GET", "/api/finance/fees/invoices?size=5000", token, null, null, "en");
        assertThat(size.get("status").asInt()).isEqualTo(400);

        String wrongCurrency =
                "{\"amount\":\"1.00\",\"currency\":\"USD\",\"paidOn\":\"2026-03-01\"}";
        JsonNode english =
                send(
                        "POST",
                        "/api/finance/fees/invoices/" + invoice + "/payments",
                        token,
                        wrongCurrency,
                        "k2",
                        "en");
        assertThat(english.get("status").asInt()).isEqualTo(422);
        assertThat(english.get("title").asString()).isEqualTo("Wrong currency");
        assertThat(english.get("detail").asString()).contains("USD").contains("EUR");
        JsonNode french =
                send(
                        "POST",
                        "/api/finance/fees/invoices/" + invoice + "/payments",
                        token,
                        wrongCurrency,
                        "k2",
                        "fr");
        assertThat(french.get("title").asString()).isEqualTo("Mauvaise devise");
        JsonNode ancient =
                send(
                        "POST",
                        "/api/finance/fees/invoices/" + invoice + "/payments",
                        token,
                        "{\"amount\":\"1.00\",\"currency\":\"EUR\",\"paidOn\":\"0000-01-01\"}",
                        "k3",
                        "fr");
        assertThat(ancient.get("status").asInt()).isEqualTo(422);
        assertThat(ancient.get("type").asString()).endsWith("/entry-date-out-of-range");
        assertThat(ancient.get("title").asString()).isEqualTo("Date hors limites");
        assertThat(invoices.find(invoice).orElseThrow().payments())
                .as("nothing recorded")
                .isEmpty();
        JsonNode missing =
                send("GET", "/api/finance/fees/invoices/FEE-2001-nobody", token, null, null, "fr");
        assertThat(missing.get("status").asInt()).isEqualTo(404);
        assertThat(missing.get("title").asString()).isEqualTo("Facture de cotisation introuvable");
        JsonNode noSchedule =
                send(
                        "POST",
                        "/api/finance/fees/invoicing-runs",
                        token,
                        "{\"feeYear\":2001}",
                        null,
                        "fr");
        assertThat(noSchedule.get("status").asInt()).isEqualTo(422);
        assertThat(noSchedule.get("type").asString()).endsWith("/fee-schedule-missing");
        assertThat(noSchedule.get("detail").asString()).contains("2001");
    }

    /**
     * A member of this year with its invoice (a schedule is made if missing). @return the invoice
     * id
     */
    private String invoiced(String member) {
        if (views.schedule(YEAR).isEmpty()) {
            views.saveSchedule(
                    new FeeSchedule(
                            YEAR,
                            Currency.getInstance("EUR"),
                            Map.of("SME", new BigDecimal("450.00")),
                            "matrix-schedule",
                            Instant.parse("2026-01-01T00:00:00Z")));
        }
        views.applyToMember(
                member,
                UUID.randomUUID().toString(),
                new FeeViewStore.MemberChange("ACTIVE", LocalDate.now(ZoneOffset.UTC), "SME", null),
                Instant.now());
        invoicing.invoice(member, YEAR);
        return FeeInvoicing.invoiceId(member, YEAR);
    }

    private JsonNode send(
            String method, String path, String token, String body, String key, String language) {
        RawApi.Request request =
                new RawApi(port)
                        .request(method, path)
                        .token(token)
                        .language(language)
                        .header("Idempotency-Key", key);
        Answer answer = (body == null ? request : request.json(body)).send();
        assertThat(answer.raw().headers().firstValue("Content-Type"))
                .hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
        return answer.json();
    }
}
