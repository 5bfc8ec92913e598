package coop.cluster.web.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
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

/**
 * The published reports for every signed-in person (list, a report's page, downloads streamed by
 * the console, never a link to the API) and the finance staff's draft and publication (its own
 * confirmation page), against a stub API.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ReportsPagesTest {

    static final StubApi API = new StubApi();
    static final String LIST =
            """
            {"items":[{"periodId":"2026-11","revision":1,"sealed":true,"publishedAt":"2026-12-07T08:00:00Z",
              "links":{"json":"/api/finance/reports/2026-11","pdf":"/api/finance/reports/2026-11?format=pdf"}}],
             "page":0,"size":20,"totalElements":1}\
            """;
    static final String REPORT =
            """
            {"periodId":"2026-11","kind":"month","from":"2026-11-01","to":"2026-11-30","currency":"EUR","status":"%s",
             "seal":{"sealed":true,"hash":"5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8",
               "previousHash":"0000","closedAt":"2026-12-07T07:50:00Z"},
             "throughSequence":14,"generatedAt":"2026-12-07T08:00:00Z","publishedAt":"2026-12-07T08:00:00Z","revision":1,
             "income":{"membershipFees":"2700.00","donations":[{"code":"4100:S:fondation-verte","key":"fondation-verte","amount":"5000.00"}],
               "donationsTotal":"5000.00","grants":[{"code":"4200:P:feder","programme":"feder","amount":"10000.00","projects":[]}],
               "grantsTotal":"10000.00","total":"17700.00"},
             "expenses":{"categories":[{"category":"administrative","code":"6100","amount":"80.00"},
               {"category":"legal","code":"6200","amount":"1250.50"}],"total":"1330.50"},
             "balance":{"bankOpening":"1000.00","bankClosing":"17369.50","income":"17700.00","expenses":"1330.50","netResult":"16369.50"},
             "projects":[{"project":"p-1","title":"Irrigation solaire","budgeted":true,"pledged":"30000.00","received":"12000.00",
               "receivedToDate":"12000.00","spent":"0.00","spentToDate":"0.00","partners":[]}],
             "inKind":{"lines":[],"total":"0.00"}}\
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

    OidcLoginRequestPostProcessor person(String who, String... roles) {
        return oidcLogin()
                .clientRegistration(registrations.findByRegistrationId("cluster"))
                .idToken(
                        token ->
                                token.subject(who)
                                        .claim("name", who)
                                        .claim("roles", List.of(roles)));
    }

    OidcLoginRequestPostProcessor amina() {
        return person("amina", "member");
    }

    @Test
    void aMemberSeesThePublishedReportsWithDownloadsThroughTheConsole() throws Exception {
        API.answer("GET /api/finance/reports", 200, LIST);
        mvc.perform(get("/reports").with(amina()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("lang=\"fr\""),
                                                containsString("Rapport 2026-11"),
                                                containsString("Définitif (période scellée)"),
                                                containsString(
                                                        "href=\"/reports/2026-11/download/pdf\""),
                                                containsString(
                                                        "href=\"/reports/2026-11/download/csv\""),
                                                not(containsString("/api/")))));
        assertThat(API.query("GET /api/finance/reports")).isEqualTo("page=0&size=20");
        mvc.perform(get("/reports").param("lang", "en").with(amina()))
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Published reports"),
                                                containsString("Report 2026-11"),
                                                containsString("Final (period sealed)"))));
    }

    @Test
    void aReportsPageShowsItsFiguresRightAlignedInTheReadersLanguage() throws Exception {
        API.answer("GET /api/finance/reports/2026-11", 200, REPORT.formatted("published"));
        mvc.perform(get("/reports/2026-11").with(amina()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Recettes par origine"),
                                                containsString("Cotisations"),
                                                containsString("17\u202f700,00"),
                                                containsString("Excédent"),
                                                containsString("Irrigation solaire"),
                                                containsString(
                                                        "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8"),
                                                containsString("Frais juridiques"),
                                                containsString("/reports/2026-11/download/json"))));
        assertThat(API.query("GET /api/finance/reports/2026-11")).isEqualTo("format=json");
        mvc.perform(get("/reports/2026-11").param("lang", "en").with(amina()))
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Income by source"),
                                                containsString("€17,700.00"),
                                                containsString("Surplus"),
                                                containsString("Legal costs"))));
    }

    @Test
    void aDownloadIsStreamedWithItsContentTypeAndAFileName() throws Exception {
        API.answer("GET /api/finance/reports/2026-11", 200, REPORT.formatted("published"));
        mvc.perform(get("/reports/2026-11/download/json").with(amina()))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", containsString("application/json")))
                .andExpect(
                        header().string(
                                        "Content-Disposition",
                                        "attachment; filename=\"rapport-2026-11-fr.json\""))
                .andExpect(content().string(containsString("\"bankClosing\":\"17369.50\"")));
        assertThat(API.query("GET /api/finance/reports/2026-11")).isEqualTo("format=json&lang=fr");
        assertThat(API.authorization("/api/finance/reports/2026-11")).startsWith("Bearer ");

        mvc.perform(get("/reports/2026-11/download/pdf").param("lang", "en").with(amina()))
                .andExpect(status().isOk())
                .andExpect(
                        header().string(
                                        "Content-Disposition",
                                        "attachment; filename=\"report-2026-11-en.pdf\""));
        assertThat(API.query("GET /api/finance/reports/2026-11")).isEqualTo("format=pdf&lang=en");

        API.answer("GET /api/finance/reports/2026-10", 404, "{\"status\":404}");
        mvc.perform(get("/reports/2026-10/download/csv").with(amina()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/reports/2026-11/download/exe").with(amina()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/reports/novembre/download/csv").with(amina()))
                .andExpect(status().isNotFound());
    }

    @Test
    void theReportsPagesRenderWhenTheApiIsDown() throws Exception {
        API.answer("GET /api/finance/reports", 503, "{\"status\":503}");
        API.answer("GET /api/finance/reports/2026-11", 503, "{\"status\":503}");
        mvc.perform(get("/reports").with(amina()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Cette information est indisponible")));
        mvc.perform(get("/reports/2026-11").with(amina()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        containsString(
                                                "Ce rapport n&#39;est pas publié, ou il est"
                                                        + " indisponible")));
        mvc.perform(get("/finance/reports").with(person("fatou", "finance")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Cette information est indisponible")));
    }

    @Test
    void financeSeesADraftAndPublishesItOnItsConfirmationPage() throws Exception {
        API.answer("GET /api/finance/reports/2026-11", 200, REPORT.formatted("draft"));
        API.answer("GET /api/finance/reports", 200, LIST);
        mvc.perform(get("/finance/reports").with(person("fatou", "finance")))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Préparer un rapport"),
                                                containsString("Rapport 2026-11"))));
        mvc.perform(
                        get("/finance/reports/draft")
                                .param("period", "2026-11")
                                .with(person("fatou", "finance")))
                .andExpect(redirectedUrl("/finance/reports/2026-11"));
        mvc.perform(
                        get("/finance/reports/draft")
                                .param("period", "nov")
                                .with(person("fatou", "finance")))
                .andExpect(status().isBadRequest())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("id=\"period-error\""),
                                                containsString("value=\"nov\""))));
        mvc.perform(get("/finance/reports/2026-11").with(person("fatou", "finance")))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Projet non publié"),
                                                containsString("Publier…"))));
        mvc.perform(get("/finance/reports/2026-11/publication").with(person("fatou", "finance")))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Publier le rapport 2026-11"),
                                                containsString(
                                                        "cette publication est définitive"))));

        API.answer(
                "POST /api/finance/reports/2026-11/publication",
                409,
                """
                {"type":"https://cluster.coop/problems/report-already-published","status":409,
                 "detail":"Le rapport de 2026-11 est publié pour une période scellée : il est définitif."}\
                """);
        mvc.perform(
                        post("/finance/reports/2026-11/publication")
                                .with(person("fatou", "finance"))
                                .with(csrf()))
                .andExpect(status().isConflict())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("id=\"act-problem\""),
                                                containsString("il est définitif."))));

        API.answer(
                "POST /api/finance/reports/2026-11/publication",
                201,
                REPORT.formatted("published"));
        mvc.perform(
                        post("/finance/reports/2026-11/publication")
                                .with(person("fatou", "finance"))
                                .with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/reports/2026-11"))
                .andExpect(flash().attribute("confirmation", "finance.public.published"));
        assertThat(API.body("POST /api/finance/reports/2026-11/publication")).isEmpty();
    }
}
