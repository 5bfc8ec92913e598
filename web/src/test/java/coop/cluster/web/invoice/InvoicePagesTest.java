package coop.cluster.web.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import coop.cluster.web.StubApi;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.OidcLoginRequestPostProcessor;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** My organisation's fee invoices: exact amounts in the locale, status, payments, the API down. */
@SpringBootTest
@AutoConfigureMockMvc
class InvoicePagesTest {

    static final StubApi API = new StubApi();
    static final String INVOICES =
            """
            {"content":[
              {"id":"FEE-2026-11111111-1111-4111-8111-111111111111","feeYear":2026,"currency":"EUR",
               "grossAmount":"1250.50","amount":"1250.50","paidAmount":"200.25","credit":"0.00","amountDue":"1050.25",
               "status":"PARTIALLY_PAID","overdue":true,"invoiceDate":"2026-01-02","dueDate":"2026-02-01",
               "payments":[{"amount":"200.25","currency":"EUR","paidOn":"2026-01-20","reference":"VIR-ATLAS-1"}]},
              {"id":"FEE-2025-11111111-1111-4111-8111-111111111111","feeYear":2025,"currency":"EUR",
               "grossAmount":"450.00","exemption":{"amount":"225.00","percent":"50.00"},"amount":"225.00",
               "paidAmount":"225.00","credit":"0.00","amountDue":"0.00","status":"PAID","overdue":false,
               "invoiceDate":"2025-03-12","dueDate":"2025-04-11","payments":[]}],
             "page":0,"size":20,"totalElements":2,"totalPages":1}\
            """;

    @DynamicPropertySource
    static void api(DynamicPropertyRegistry registry) {
        registry.add("cluster.web.api-url", API::url);
        registry.add("cluster.web.api-timeout", () -> "2s");
    }

    @AfterAll
    static void stop() {
        API.close();
    }

    @Autowired MockMvc mvc;
    @Autowired ClientRegistrationRepository registrations;

    @BeforeEach
    void reset() {
        API.reset();
    }

    OidcLoginRequestPostProcessor amina() {
        return oidcLogin()
                .clientRegistration(registrations.findByRegistrationId("cluster"))
                .idToken(
                        token ->
                                token.subject("amina")
                                        .claim("name", "Amina")
                                        .claim("member_id", "11111111-1111-4111-8111-111111111111")
                                        .claim("roles", List.of("member")));
    }

    @Test
    void theInvoicesShowExactAmountsInFrench() throws Exception {
        API.answer("GET /api/finance/fees/invoices", 200, INVOICES);
        mvc.perform(get("/invoices").with(amina()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Mes cotisations"),
                                                containsString(
                                                        "<caption>Factures de cotisation, la plus"
                                                                + " récente d&#39;abord</caption>"),
                                                containsString(
                                                        "FEE-2026-11111111-1111-4111-8111-111111111111"),
                                                containsString("1\u202f250,50\u00a0€"),
                                                containsString("1\u202f050,25\u00a0€"),
                                                containsString("En retard"),
                                                containsString("Réglée"),
                                                containsString("dont exonération de 225,00\u00a0€"),
                                                containsString("1 février 2026"),
                                                containsString("VIR-ATLAS-1"),
                                                containsString(
                                                        "class=\"text-end text-nowrap"
                                                                + " fw-semibold\""))));
        assertThat(API.query("GET /api/finance/fees/invoices")).contains("page=0", "size=20");
    }

    @Test
    void theInvoicesShowExactAmountsInEnglishAndFilterByStatus() throws Exception {
        API.answer("GET /api/finance/fees/invoices", 200, INVOICES);
        mvc.perform(get("/invoices").param("status", "OVERDUE").param("lang", "en").with(amina()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("My membership fees"),
                                                containsString("€1,250.50"),
                                                containsString("€1,050.25"),
                                                containsString("Overdue"),
                                                containsString("February 1, 2026"),
                                                containsString(
                                                        "<option value=\"OVERDUE\""
                                                            + " selected=\"selected\">Overdue</option>"))));
        assertThat(API.query("GET /api/finance/fees/invoices")).contains("status=OVERDUE");
    }

    @Test
    void whenFinanceIsDownThePageStillAnswers() throws Exception {
        API.answer("GET /api/finance/fees/invoices", 503, "{\"status\":503}");
        mvc.perform(get("/invoices").with(amina()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("indisponible pour le moment"),
                                                not(containsString("FEE-2026")))));
    }
}
