package coop.cluster.web.publicpage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
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
 * The visitors' page with the members who chose to be listed and the published reports (anonymous
 * API), a report downloaded through the console, and the application a person without an
 * organisation files.
 */
@SpringBootTest
@AutoConfigureMockMvc
class PublicPageAndApplyTest {

    static final StubApi API = new StubApi();
    static final String MEMBERS =
            """
            {"content":[{"legalName":"Atlas Agritech SARL","country":"MA","sectors":["01.61"],
              "organisationType":"SME","website":"https://atlas.example","description":"Irrigation solaire",
              "memberSince":"2025-03-12T09:00:00Z","registrationNumber":"SHOULD-NOT-SHOW"}],
             "page":{"size":12,"number":0,"totalElements":13,"totalPages":2}}\
            """;
    static final String REPORTS =
            """
            {"items":[{"periodId":"2026-Q1","kind":"QUARTER","from":"2026-01-01","to":"2026-03-31","revision":1,
             "sealed":true,"publishedAt":"2026-04-10T08:00:00Z","links":{"json":"/api/public/reports/2026-Q1"}}],
             "page":0,"size":6,"totalElements":1}\
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

    @Test
    void visitorsSeeTheListedMembersAndThePublishedReportsWithoutAToken() throws Exception {
        API.answer("GET /api/public/members", 200, MEMBERS)
                .answer("GET /api/public/reports", 200, REPORTS);
        mvc.perform(get("/"))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Atlas Agritech SARL"),
                                                containsString("Maroc"),
                                                containsString("membre depuis le 12 mars 2025"),
                                                containsString("https://atlas.example"),
                                                containsString("Période 2026-Q1"),
                                                containsString("/public/reports/2026-Q1.pdf"),
                                                containsString("Page 1 sur 2 (13 résultats)"),
                                                containsString("href=\"/?page=1\""),
                                                containsString("http://localhost:9000/sign-up"),
                                                not(containsString("SHOULD-NOT-SHOW")))));
        assertThat(API.authorization("/api/public/members"))
                .as("no token for the anonymous API")
                .isEmpty();
        assertThat(API.query("GET /api/public/members")).isEqualTo("page=0&size=12");

        mvc.perform(get("/").param("page", "1").param("lang", "en"))
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Our members"),
                                                containsString("Morocco"))));
        assertThat(API.query("GET /api/public/members")).isEqualTo("page=1&size=12");
    }

    @Test
    void eachPublicListDegradesOnItsOwn() throws Exception {
        API.answer("GET /api/public/members", 503, "{\"status\":503}")
                .answer("GET /api/public/reports", 200, REPORTS);
        mvc.perform(get("/"))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString(
                                                        "Cette information est indisponible"),
                                                containsString("Période 2026-Q1"))));
        // a gateway without the public routes answers 401: still only an unavailable panel, no
        // login
        API.answer("GET /api/public/members", 401, "{\"status\":401}");
        mvc.perform(get("/"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Cette information est indisponible")));
    }

    @Test
    void aPublishedReportIsDownloadedThroughTheConsole() throws Exception {
        API.answer("GET /api/public/reports/2026-Q1", 200, "{\"period\":\"2026-Q1\"}");
        mvc.perform(get("/public/reports/2026-Q1.json"))
                .andExpect(status().isOk())
                .andExpect(
                        header().string(
                                        "Content-Disposition",
                                        "attachment; filename=\"cluster-report-2026-Q1.json\""))
                .andExpect(content().string("{\"period\":\"2026-Q1\"}"));
        assertThat(API.query("GET /api/public/reports/2026-Q1")).isEqualTo("format=json&lang=fr");
        mvc.perform(get("/public/reports/2026-Q9.pdf")).andExpect(status().isNotFound());
        mvc.perform(get("/public/reports/2025.pdf")).andExpect(status().isNotFound());
    }

    OidcLoginRequestPostProcessor newcomer() {
        return oidcLogin()
                .clientRegistration(registrations.findByRegistrationId("cluster"))
                .idToken(
                        token ->
                                token.subject("person-1")
                                        .claim("name", "Nadia")
                                        .claim("roles", List.of()));
    }

    @Test
    void aPersonWithoutOrganisationFilesAnApplication() throws Exception {
        mvc.perform(get("/home").with(newcomer()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString(
                                                        "Votre organisation n&#39;est pas encore"
                                                                + " membre"),
                                                containsString(
                                                        "<a class=\"btn btn-primary\""
                                                                + " href=\"/apply\">Déposer une"
                                                                + " candidature</a>"),
                                                not(containsString("Rien ne vous attend")))));
        mvc.perform(get("/apply").with(newcomer()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Déposer la candidature"),
                                                containsString(
                                                        "<option value=\"MA\">Maroc</option>"),
                                                containsString("href=\"/apply\""))));
        API.answer(
                "POST /api/members/applications", 201, "{\"id\":\"m-9\",\"status\":\"APPLIED\"}");
        mvc.perform(
                        post("/apply")
                                .with(newcomer())
                                .with(csrf())
                                .param("legalName", "Sahel Solaire SARL")
                                .param("registrationNumber", "TN-123")
                                .param("country", "TN")
                                .param("organisationType", "SME")
                                .param("sizeBand", "SMALL")
                                .param("sectors", "35.11, 43.21")
                                .param("competences", "photovoltaïque")
                                .param("listedPublicly", "true"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/apply/filed"));
        assertThat(API.body("POST /api/members/applications"))
                .contains(
                        "\"legalName\":\"Sahel Solaire SARL\"",
                        "\"country\":\"TN\"",
                        "\"sectors\":[\"35.11\",\"43.21\"]",
                        "\"listedPublicly\":true")
                .doesNotContain("\"website\"", "\"region\"");
    }

    @Test
    void aRefusedApplicationKeepsWhatWasTypedAndSaysWhyNextToTheField() throws Exception {
        API.answer(
                "POST /api/members/applications",
                400,
                """
                {"type":"https://cluster.coop/problems/validation","status":400,"detail":"Des champs manquent",
                 "errors":[{"field":"legalName","message":"must not be blank"},
                           {"field":"website","message":"must be an http(s) URL"}]}\
                """);
        mvc.perform(
                        post("/apply")
                                .with(newcomer())
                                .with(csrf())
                                .param("legalName", " ")
                                .param("registrationNumber", "TN-123")
                                .param("country", "TN")
                                .param("website", "atlas")
                                .param("organisationType", "SME")
                                .param("sizeBand", "SMALL"))
                .andExpect(status().isBadRequest())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("role=\"alert\""),
                                                containsString(
                                                        "Certaines valeurs ne sont pas acceptées"),
                                                containsString("id=\"legalName-error\""),
                                                containsString("Ce champ est obligatoire."),
                                                containsString("id=\"website-error\""),
                                                containsString("value=\"TN-123\""),
                                                containsString("value=\"atlas\""),
                                                containsString(
                                                        "<option value=\"TN\""
                                                                + " selected=\"selected\">"))));
    }

    @Test
    void theApplicationSaysSoWhenMembershipIsDown() throws Exception {
        API.answer("POST /api/members/applications", 503, "{\"status\":503}");
        mvc.perform(
                        post("/apply")
                                .with(newcomer())
                                .with(csrf())
                                .param("legalName", "Sahel")
                                .param("registrationNumber", "TN-1")
                                .param("country", "TN")
                                .param("organisationType", "SME")
                                .param("sizeBand", "SMALL"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("ne répond pas pour le moment"),
                                                containsString("value=\"Sahel\""))));
    }
}
