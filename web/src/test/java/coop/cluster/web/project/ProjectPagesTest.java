package coop.cluster.web.project;

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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * My organisation's projects: the list, starting one (field errors keep what was typed), a
 * project's page with the agreement and who signed, the leader's suggestions and invitations, and
 * signing on its own confirmation page.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ProjectPagesTest {

    static final StubApi API = new StubApi();
    static final String ATLAS = "11111111-1111-4111-8111-111111111111";
    static final String BRABANT = "22222222-2222-4222-8222-222222222222";
    static final String DELTA = "33333333-3333-4333-8333-333333333333";
    static final String PROJECT_ID = "5d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6";
    static final String PROJECT =
            """
            {"id":"%s","leaderId":"%s","title":"Tri optique des olives","description":"Un tri par vision",
             "theme":"agritech","neededCompetences":["photonics","robotics"],
             "neededResources":[{"type":"EQUIPMENT","description":"une ligne pilote"}],"status":"FORMING",
             "partners":[{"memberId":"%s","role":"leader"},{"memberId":"%s","role":"pilot site"}],
             "agreement":{"content":{"version":2,"currency":"EUR","coordinator":"%s",
                 "contributions":[{"memberId":"%s","money":"6000.00","inKind":"Capteurs","inKindValue":"4500.50"},
                                  {"memberId":"%s","money":"12000.00"}],
                 "tasks":[{"title":"Module optique","responsible":"%s"}],
                 "settlementRule":"Au prorata des apports","proposedAt":"2026-05-04T10:00:00Z"},
               "signatures":{"%s":"2026-05-05T09:00:00Z"},"awaiting":["%s"],"signedByAll":false}}\
            """
                    .formatted(
                            PROJECT_ID,
                            BRABANT,
                            BRABANT,
                            ATLAS,
                            BRABANT,
                            BRABANT,
                            ATLAS,
                            BRABANT,
                            BRABANT,
                            ATLAS);
    static final String NAMES =
            """
            {"content":[{"id":"%s","legalName":"Atlas Agritech"},{"id":"%s","legalName":"Brabant Photonics"},
                        {"id":"%s","legalName":"Delta Mecatronique"}],"totalElements":3,"totalPages":1}\
            """
                    .formatted(ATLAS, BRABANT, DELTA);

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

    OidcLoginRequestPostProcessor as(String member) {
        return oidcLogin()
                .clientRegistration(registrations.findByRegistrationId("cluster"))
                .idToken(
                        token ->
                                token.subject("amina")
                                        .claim("name", "Amina")
                                        .claim("member_id", member)
                                        .claim("roles", List.of("member")));
    }

    @Test
    void theListShowsMyOrganisationsProjectsAndWhatWaitsForMe() throws Exception {
        API.answer(
                        "GET /api/projects",
                        200,
                        "{\"content\":["
                                + PROJECT
                                + "],\"page\":{\"size\":20,\"number\":0,"
                                + "\"totalElements\":1,\"totalPages\":1}}")
                .answer("GET /api/invitations", 200, "{\"content\":[]}");
        mvc.perform(get("/projects").with(as(ATLAS)))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Mes projets"),
                                                containsString("Tri optique des olives"),
                                                containsString("En constitution"),
                                                containsString("Accord à signer"),
                                                containsString("/projects/" + PROJECT_ID))));
        assertThat(API.query("GET /api/projects")).contains("mine=true", "page=0", "size=20");
        mvc.perform(get("/projects").param("lang", "en").with(as(ATLAS)))
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("My projects"),
                                                containsString("Forming"),
                                                containsString("Agreement to sign"))));
    }

    @Test
    void aProjectsPageShowsTheAgreementWithExactAmountsAndWhoSigned() throws Exception {
        API.answer("GET /api/projects/" + PROJECT_ID, 200, PROJECT)
                .answer("GET /api/directory", 200, NAMES);
        mvc.perform(get("/projects/" + PROJECT_ID).with(as(ATLAS)))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString(
                                                        "<h1 class=\"h3\">Tri optique des"
                                                                + " olives</h1>"),
                                                containsString("Brabant Photonics"),
                                                containsString("Atlas Agritech"),
                                                containsString("Version 2, proposée le 4 mai 2026"),
                                                containsString("4\u202f500,50\u00a0€"),
                                                containsString("12\u202f000,00\u00a0€"),
                                                containsString("Signé le 5 mai 2026"),
                                                containsString("Pas encore signé"),
                                                containsString(
                                                        "La version 2 attend la signature de votre"
                                                                + " organisation."),
                                                containsString(
                                                        "href=\"/projects/"
                                                                + PROJECT_ID
                                                                + "/sign\""),
                                                not(containsString(ATLAS + "</")),
                                                not(containsString("Partenaires suggérés")))));
        mvc.perform(get("/projects/" + PROJECT_ID).param("lang", "en").with(as(ATLAS)))
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString(
                                                        "Version 2, proposed on May 4, 2026"),
                                                containsString("€4,500.50"),
                                                containsString("Signed on May 5, 2026"))));
    }

    @Test
    void theLeaderSeesSuggestionsWithTheirReasonsAndInvites() throws Exception {
        API.answer("GET /api/projects/" + PROJECT_ID, 200, PROJECT)
                .answer("GET /api/directory", 200, NAMES)
                .answer(
                        "GET /api/projects/" + PROJECT_ID + "/suggestions",
                        200,
                        """
                        {"content":[{"memberId":"%s","legalName":"Delta Mecatronique","country":"FR","score":5,
                          "reasons":["competence: robotics","offers EQUIPMENT: a 6-axis robot cell"]}]}\
                        """
                                .formatted(DELTA))
                .answer(
                        "GET /api/projects/" + PROJECT_ID + "/invitations",
                        200,
                        """
                        {"content":[{"id":"i-1","memberId":"%s","role":"pilot","status":"DECLINED"}]}\
                        """
                                .formatted(DELTA));
        mvc.perform(get("/projects/" + PROJECT_ID).with(as(BRABANT)))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Partenaires suggérés"),
                                                containsString("Delta Mecatronique"),
                                                containsString("competence: robotics"),
                                                containsString(
                                                        "/projects/"
                                                                + PROJECT_ID
                                                                + "/invite?member="
                                                                + DELTA),
                                                containsString("Invitations envoyées"),
                                                containsString("Refusée"))));

        API.answer(
                "POST /api/projects/" + PROJECT_ID + "/invitations",
                201,
                """
                {"id":"i-2","projectTitle":"Tri optique des olives","status":"PENDING"}\
                """);
        mvc.perform(
                        post("/projects/" + PROJECT_ID + "/invite")
                                .with(as(BRABANT))
                                .with(csrf())
                                .param("memberId", DELTA)
                                .param("memberName", "Delta Mecatronique")
                                .param("role", "robotique")
                                .param("message", "Rejoignez-nous"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/projects/" + PROJECT_ID))
                .andExpect(flash().attribute("notice", "projects.invited"));
        JsonNode body =
                JsonMapper.builder()
                        .build()
                        .readTree(API.body("POST /api/projects/" + PROJECT_ID + "/invitations"));
        assertThat(body.get("memberId").asString()).isEqualTo(DELTA);
        assertThat(body.get("role").asString()).isEqualTo("robotique");
        assertThat(body.get("message").asString()).isEqualTo("Rejoignez-nous");
    }

    @Test
    void aRefusedInvitationComesBackWithTheRoleKept() throws Exception {
        API.answer("GET /api/projects/" + PROJECT_ID, 200, PROJECT)
                .answer(
                        "POST /api/projects/" + PROJECT_ID + "/invitations",
                        409,
                        """
                        {"type":"https://cluster.coop/problems/already-invited","status":409,
                         "detail":"Ce membre a déjà une invitation en attente pour ce projet."}\
                        """);
        mvc.perform(
                        post("/projects/" + PROJECT_ID + "/invite")
                                .with(as(BRABANT))
                                .with(csrf())
                                .param("memberId", DELTA)
                                .param("memberName", "Delta Mecatronique")
                                .param("role", "robotique"))
                .andExpect(status().isConflict())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("role=\"alert\""),
                                                containsString("déjà une invitation en attente"),
                                                containsString("value=\"robotique\""),
                                                containsString("Inviter Delta Mecatronique"))));
    }

    @Test
    void startingAProjectRefusedKeepsWhatWasTypedWithTheMessageNextToTheField() throws Exception {
        API.answer(
                "POST /api/projects",
                400,
                """
                {"type":"https://cluster.coop/problems/validation","status":400,"detail":"invalid",
                 "errors":[{"field":"title","message":"must not be blank"}]}\
                """);
        mvc.perform(
                        post("/projects/new")
                                .with(as(ATLAS))
                                .with(csrf())
                                .param("title", " ")
                                .param("description", "Capteurs d'humidité")
                                .param("neededCompetences", "iot, hydrologie")
                                .param("neededResources[0].type", "EQUIPMENT")
                                .param("neededResources[0].description", "station"))
                .andExpect(status().isBadRequest())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("role=\"alert\""),
                                                containsString("id=\"title-error\""),
                                                containsString("aria-describedby=\"title-error\""),
                                                containsString("Ce champ est obligatoire."),
                                                containsString("Capteurs d&#39;humidité"),
                                                containsString("value=\"iot, hydrologie\""),
                                                containsString(
                                                        "<option value=\"EQUIPMENT\""
                                                                + " selected=\"selected\">"))));
    }

    @Test
    void startingAProjectSendsItsDetailsAndOpensItsPage() throws Exception {
        API.answer(
                "POST /api/projects", 201, "{\"id\":\"" + PROJECT_ID + "\",\"status\":\"DRAFT\"}");
        mvc.perform(
                        post("/projects/new")
                                .with(as(ATLAS))
                                .with(csrf())
                                .param("title", "Capteurs")
                                .param("theme", "agritech")
                                .param("neededCompetences", "iot, hydrologie")
                                .param("neededResources[0].type", "EQUIPMENT")
                                .param("neededResources[0].description", "station")
                                .param("neededResources[1].type", "")
                                .param("neededResources[1].description", ""))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/projects/" + PROJECT_ID))
                .andExpect(flash().attribute("notice", "projects.started"));
        JsonNode body = JsonMapper.builder().build().readTree(API.body("POST /api/projects"));
        assertThat(body.get("title").asString()).isEqualTo("Capteurs");
        assertThat(body.get("neededCompetences").get(1).asString()).isEqualTo("hydrologie");
        assertThat(body.get("neededResources")).hasSize(1);
        assertThat(body.get("neededResources").get(0).get("type").asString())
                .isEqualTo("EQUIPMENT");
    }

    @Test
    void signingHasItsOwnConfirmationPageThenSendsTheVersionRead() throws Exception {
        API.answer("GET /api/projects/" + PROJECT_ID, 200, PROJECT)
                .answer("GET /api/directory", 200, NAMES);
        mvc.perform(get("/projects/" + PROJECT_ID + "/sign").with(as(ATLAS)))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString(
                                                        "Signer l&#39;accord de partenariat"),
                                                containsString("Ce que signer veut dire"),
                                                containsString("La signature est définitive"),
                                                containsString("name=\"version\" value=\"2\""),
                                                containsString(
                                                        "Signer la version 2 au nom de mon"
                                                                + " organisation"))));
        API.answer("POST /api/projects/" + PROJECT_ID + "/agreement/signatures", 200, PROJECT);
        mvc.perform(
                        post("/projects/" + PROJECT_ID + "/sign")
                                .with(as(ATLAS))
                                .with(csrf())
                                .param("version", "2"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/projects/" + PROJECT_ID))
                .andExpect(flash().attribute("notice", "projects.signed"));
        assertThat(API.body("POST /api/projects/" + PROJECT_ID + "/agreement/signatures"))
                .isEqualTo("{\"version\":2}");
    }

    @Test
    void aSignatureOfAVersionChangedMeanwhileIsRefusedOnTheSamePage() throws Exception {
        API.answer("GET /api/projects/" + PROJECT_ID, 200, PROJECT)
                .answer("GET /api/directory", 200, NAMES)
                .answer(
                        "POST /api/projects/" + PROJECT_ID + "/agreement/signatures",
                        409,
                        """
                        {"type":"https://cluster.coop/problems/agreement-changed","status":409,
                         "detail":"The agreement changed since it was read."}\
                        """);
        mvc.perform(
                        post("/projects/" + PROJECT_ID + "/sign")
                                .param("lang", "en")
                                .with(as(ATLAS))
                                .with(csrf())
                                .param("version", "1"))
                .andExpect(status().isConflict())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("role=\"alert\""),
                                                containsString(
                                                        "The agreement changed since it was read."),
                                                containsString(
                                                        "Sign version 2 for my organisation"))));
    }

    @Test
    void whenProjectServiceIsDownThePagesStillAnswer() throws Exception {
        API.answer("GET /api/projects", 503, "{}")
                .answer("GET /api/invitations", 503, "{}")
                .answer("GET /api/projects/" + PROJECT_ID, 503, "{}");
        mvc.perform(get("/projects").with(as(ATLAS)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("indisponible pour le moment")));
        mvc.perform(get("/projects/" + PROJECT_ID).with(as(ATLAS)))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("indisponible pour le moment"),
                                                not(containsString("Accord de partenariat")))));
        mvc.perform(get("/projects/bad.id").with(as(ATLAS))).andExpect(status().isNotFound());
    }
}
