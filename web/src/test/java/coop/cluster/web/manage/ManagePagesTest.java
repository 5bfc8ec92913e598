package coop.cluster.web.manage;

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

/** The manager's pages against a stub API. */
@SpringBootTest
@AutoConfigureMockMvc
class ManagePagesTest {

    static final StubApi API = new StubApi();
    static final String OASIS = "44444444-4444-4444-8444-444444444444";
    static final String ATLAS = "11111111-1111-4111-8111-111111111111";
    static final String APPLICANT =
            """
            {"id":"%s","status":"APPLIED","appliedAt":"2026-12-01T09:00:00Z",
             "profile":{"legalName":"Oasis Robotique","registrationNumber":"TN-OASIS-1","country":"TN",
               "sectors":["C28.99"],"organisationType":"SME","competences":["robotics"],
               "contacts":[{"name":"Yasmine Trabelsi","role":"CEO","email":"yasmine@oasis.example"}]},
             "version":4}\
            """
                    .formatted(OASIS);
    static final String ACTIVE =
            """
            {"id":"%s","status":"ACTIVE","appliedAt":"2025-01-01T09:00:00Z","admittedAt":"2025-03-12T09:00:00Z",
             "profile":{"legalName":"Atlas Agritech SARL","country":"MA","organisationType":"SME"},
             "delegate":{"name":"Camille Martin"},"version":7}\
            """
                    .formatted(ATLAS);

    static String page(String... items) {
        return "{\"content\":["
                + String.join(",", items)
                + "],\"page\":{\"size\":20,\"number\":0,\"totalElements\":"
                + items.length
                + ",\"totalPages\":1}}";
    }

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

    OidcLoginRequestPostProcessor manon() {
        return oidcLogin()
                .clientRegistration(registrations.findByRegistrationId("cluster"))
                .idToken(
                        token ->
                                token.subject("manon")
                                        .claim("name", "Manon")
                                        .claim("roles", List.of("manager")));
    }

    @Test
    void theIndexLinksTheSectionsWithApplicationsAndTheAgenda() throws Exception {
        API.answer("GET /api/members", 200, page(APPLICANT))
                .answer(
                        "GET /api/council/proposals",
                        200,
                        page(
                                """
                                {"id":"p-1","title":"Cotisations 2027","kind":"FEE_SCHEDULE",
                                 "deadline":"2026-12-14T16:00:00Z","tally":{"ballots":1,"electorate":3}}\
                                """));
        mvc.perform(get("/manage").with(manon()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Gestion du cluster"),
                                                containsString("Une candidature en attente"),
                                                containsString("Oasis Robotique"),
                                                containsString("Un vote en cours"),
                                                containsString("Cotisations 2027"),
                                                containsString("href=\"/manage/feeds\""),
                                                containsString("href=\"/manage/people\""),
                                                containsString("href=\"/manage/clients\""),
                                                containsString("href=\"/council\""))));
        assertThat(API.query("GET /api/members")).contains("status=APPLIED");
        mvc.perform(get("/manage").param("lang", "en").with(manon()))
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("One application waiting"),
                                                containsString("Machine clients"))));
    }

    @Test
    void everyPageRendersWhenTheApiIsDown() throws Exception {
        for (String path :
                List.of(
                        "/manage",
                        "/manage/applications",
                        "/manage/members",
                        "/manage/members/" + OASIS,
                        "/manage/groups",
                        "/manage/projects",
                        "/manage/feeds",
                        "/manage/people",
                        "/manage/clients")) {
            mvc.perform(get(path).with(manon()))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("indisponible pour le moment")));
        }
    }

    @Test
    void applicationsAreListedWithAdmitAndRejectLinks() throws Exception {
        API.answer("GET /api/members", 200, page(APPLICANT));
        mvc.perform(get("/manage/applications").with(manon()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Oasis Robotique"),
                                                containsString("Tunisie"),
                                                containsString(
                                                        "href=\"/manage/members/"
                                                                + OASIS
                                                                + "/admit\""),
                                                containsString(
                                                        "href=\"/manage/members/"
                                                                + OASIS
                                                                + "/reject\""))));
        mvc.perform(get("/manage/applications").param("lang", "en").with(manon()))
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Applications to review"),
                                                containsString("Tunisia"))));
    }

    @Test
    void admittingHasAConfirmationPageThenPostsWithTheVersionSeen() throws Exception {
        API.answer("GET /api/members/" + OASIS, 200, APPLICANT)
                .answer(
                        "POST /api/members/" + OASIS + "/admit",
                        200,
                        APPLICANT.replace("\"APPLIED\"", "\"ACTIVE\""));
        mvc.perform(get("/manage/members/" + OASIS + "/admit").with(manon()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Admettre Oasis Robotique ?"),
                                                containsString("devient membre actif"),
                                                containsString("TN-OASIS-1"),
                                                containsString("name=\"version\" value=\"4\""),
                                                containsString("Admettre l&#39;organisation"))));
        mvc.perform(
                        post("/manage/members/" + OASIS + "/admit")
                                .param("reason", "Dossier complet")
                                .param("version", "4")
                                .with(manon())
                                .with(csrf()))
                .andExpect(redirectedUrl("/manage/applications"))
                .andExpect(flash().attribute("done", "admit"))
                .andExpect(flash().attribute("doneName", "Oasis Robotique"));
        assertThat(API.body("POST /api/members/" + OASIS + "/admit"))
                .isEqualTo("{\"reason\":\"Dossier complet\"}");
        assertThat(API.header("POST /api/members/" + OASIS + "/admit", "If-Match"))
                .isEqualTo("\"4\"");
    }

    @Test
    void aRejectionWithoutAReasonIsRefusedNextToTheReasonKeepingTheForm() throws Exception {
        API.answer("GET /api/members/" + OASIS, 200, APPLICANT)
                .answer(
                        "POST /api/members/" + OASIS + "/reject",
                        400,
                        """
                        {"type":"https://cluster.coop/problems/validation","status":400,
                         "errors":[{"field":"reason","message":"must not be blank"}]}\
                        """);
        mvc.perform(
                        post("/manage/members/" + OASIS + "/reject")
                                .param("reason", " ")
                                .param("version", "4")
                                .with(manon())
                                .with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("role=\"alert\""),
                                                containsString("id=\"reason-error\""),
                                                containsString("Ce champ est obligatoire"),
                                                containsString(
                                                        "Refuser la candidature de Oasis Robotique"
                                                                + " ?"))));
    }

    @Test
    void aStaleDecisionIsShownAsSuch() throws Exception {
        API.answer("GET /api/members/" + OASIS, 200, APPLICANT)
                .answer("POST /api/members/" + OASIS + "/admit", 412, "{\"status\":412}");
        mvc.perform(
                        post("/manage/members/" + OASIS + "/admit")
                                .param("version", "3")
                                .with(manon())
                                .with(csrf()))
                .andExpect(status().isPreconditionFailed())
                .andExpect(
                        content()
                                .string(
                                        containsString(
                                                "Quelqu&#39;un a modifié ces informations")));
    }

    @Test
    void theMembersListFiltersByStatusInTheUrlAndAMemberShowsItsActs() throws Exception {
        API.answer("GET /api/members", 200, page(ACTIVE))
                .answer("GET /api/members/" + ATLAS, 200, ACTIVE)
                .answer(
                        "POST /api/members/" + ATLAS + "/suspend",
                        200,
                        ACTIVE.replace("\"ACTIVE\"", "\"SUSPENDED\""));
        mvc.perform(
                        get("/manage/members")
                                .param("status", "ACTIVE")
                                .param("page", "1")
                                .with(manon()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Atlas Agritech SARL"),
                                                containsString("Membre actif"),
                                                containsString(
                                                        "<option value=\"ACTIVE\""
                                                                + " selected=\"selected\""))));
        assertThat(API.query("GET /api/members")).isEqualTo("status=ACTIVE&page=1&size=20");
        mvc.perform(get("/manage/members/" + ATLAS).with(manon()))
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Camille Martin"),
                                                containsString(
                                                        "href=\"/manage/members/"
                                                                + ATLAS
                                                                + "/suspend\""),
                                                containsString(
                                                        "href=\"/manage/members/"
                                                                + ATLAS
                                                                + "/exclude\""),
                                                not(containsString("/reinstate\"")))));
        mvc.perform(
                        post("/manage/members/" + ATLAS + "/suspend")
                                .param("reason", "Cotisation impayée")
                                .with(manon())
                                .with(csrf()))
                .andExpect(redirectedUrl("/manage/members/" + ATLAS));
        assertThat(API.body("POST /api/members/" + ATLAS + "/suspend"))
                .isEqualTo("{\"reason\":\"Cotisation impayée\"}");
        mvc.perform(get("/manage/members/not_an.id").with(manon()))
                .andExpect(status().isNotFound());
    }

    @Test
    void groupsAndProjects() throws Exception {
        API.answer(
                        "GET /api/groups",
                        200,
                        page(
                                """
                                {"id":"g-1","name":"Robotique agricole","interests":["robots","vision"],"memberCount":3,
                                 "createdAt":"2026-06-01T10:00:00Z"}\
                                """))
                .answer(
                        "GET /api/projects",
                        200,
                        page(
                                """
                                {"id":"pr-1","leaderId":"%s","title":"Irrigation solaire","status":"FORMING",
                                 "partners":[{"memberId":"%s"},{"memberId":"x"}],"createdAt":"2026-05-01T10:00:00Z",
                                 "targetCallClosedAt":"2026-11-01T10:00:00Z"}\
                                """
                                        .formatted(ATLAS, ATLAS)))
                .answer("GET /api/members", 200, page(ACTIVE));
        mvc.perform(get("/manage/groups").with(manon()))
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Robotique agricole"),
                                                containsString("robots, vision"))));
        mvc.perform(
                        get("/manage/projects")
                                .param("status", "FORMING")
                                .param("flagged", "true")
                                .with(manon()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Irrigation solaire"),
                                                containsString("Atlas Agritech SARL"),
                                                containsString("En constitution"),
                                                containsString("Appel visé clos"))));
        assertThat(API.query("GET /api/projects"))
                .isEqualTo("status=FORMING&targetCallClosed=true&page=0&size=20");
        mvc.perform(get("/manage/projects").param("lang", "en").with(manon()))
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Target call closed"),
                                                containsString("Forming"))));
    }

    @Test
    void feedsShowTheRegistryAndABatchWithItsRejects() throws Exception {
        API.answer(
                        "GET /api/feeds/signed",
                        200,
                        """
                        {"content":[{"feedId":"region-sud","status":"ACTIVE","createdAt":"2026-10-01T10:00:00Z"}],
                         "page":0,"size":20,"totalElements":1,"totalPages":1}\
                        """)
                .answer(
                        "GET /api/feeds/eu-ft-portal/batches/abc123",
                        200,
                        """
                        {"batchId":"abc123","feedId":"eu-ft-portal","receivedAt":"2026-12-07T08:00:00Z",
                         "status":"PROCESSED","records":4,"created":2,"updated":1,"unchanged":0,"rejected":1,
                         "rejections":[{"index":2,"reference":"BAD-DATE","reason":"invalid-date","message":"deadlines[0]"}]}\
                        """);
        mvc.perform(
                        get("/manage/feeds")
                                .param("feed", "eu-ft-portal")
                                .param("batch", "abc123")
                                .with(manon()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("region-sud"),
                                                containsString("Actif"),
                                                containsString(
                                                        "href=\"/manage/feeds/region-sud/rotate\""),
                                                containsString("BAD-DATE"),
                                                containsString("invalid-date"),
                                                containsString("2 appel(s) créé(s)"))));
        mvc.perform(get("/manage/feeds").param("lang", "en").with(manon()))
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Signed feeds"),
                                                containsString("Active"))));
    }

    @Test
    void aNewFeedsSecretIsShownOnceAndNotCached() throws Exception {
        API.answer(
                "POST /api/feeds/signed",
                201,
                """
                {"feedId":"region-sud","secret":"s3cr3t-s3cr3t-s3cr3t","previousSecretExpiresAt":null}\
                """);
        mvc.perform(post("/manage/feeds").param("feedId", "region-sud").with(manon()).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", containsString("no-store")))
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("s3cr3t-s3cr3t-s3cr3t"),
                                                containsString("affiché qu&#39;une fois"))));
        assertThat(API.body("POST /api/feeds/signed")).isEqualTo("{\"feedId\":\"region-sud\"}");
        API.answer(
                "POST /api/feeds/signed",
                409,
                """
                {"type":"https://cluster.coop/problems/signed-feed-exists","status":409,"detail":"Ce flux existe déjà."}\
                """);
        mvc.perform(post("/manage/feeds").param("feedId", "region-sud").with(manon()).with(csrf()))
                .andExpect(status().isConflict())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Ce flux existe déjà."),
                                                containsString("value=\"region-sud\""))));
    }

    @Test
    void revokingAFeedIsConfirmedFirst() throws Exception {
        API.answer("DELETE /api/feeds/signed/region-sud", 204, "");
        mvc.perform(get("/manage/feeds/region-sud/revoke").with(manon()))
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Révoquer le flux region-sud ?"),
                                                containsString("refusés immédiatement"))));
        mvc.perform(post("/manage/feeds/region-sud/revoke").with(manon()).with(csrf()))
                .andExpect(redirectedUrl("/manage/feeds"))
                .andExpect(flash().attribute("done", "feed-revoked"));
        assertThat(API.body("DELETE /api/feeds/signed/region-sud")).isNotNull();
    }

    @Test
    void peopleAreListedAndInvitedWithRolesToAnOrganisation() throws Exception {
        API.answer(
                        "GET /api/identity/people",
                        200,
                        page(
                                """
                                {"id":"amina","email":"amina@demo.cluster.coop","displayName":"Amina","memberId":"%s",
                                 "roles":["member","admin"],"staffRoles":[],"status":"active"}\
                                """
                                        .formatted(ATLAS),
                                """
                                {"id":"manon","email":"manon@demo.cluster.coop","displayName":"Manon","roles":[],
                                 "staffRoles":["manager"],"status":"active"}\
                                """))
                .answer("GET /api/identity/invitations", 200, page())
                .answer("GET /api/members", 200, page(ACTIVE))
                .answer(
                        "POST /api/identity/invitations",
                        201,
                        """
                        {"id":"inv-1","email":"nadia@atlas.example","status":"pending","sent":true}\
                        """);
        mvc.perform(get("/manage/people").with(manon()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Amina"),
                                                containsString("Atlas Agritech SARL"),
                                                containsString("administrateur"),
                                                containsString("Équipe du cluster"),
                                                containsString(
                                                        "href=\"/manage/people/amina/remove?email=amina@demo.cluster.coop\""))));
        mvc.perform(
                        post("/manage/people/invitations")
                                .param("email", "nadia@atlas.example")
                                .param("displayName", "Nadia")
                                .param("language", "fr")
                                .param("memberId", ATLAS)
                                .param("roles", "member")
                                .with(manon())
                                .with(csrf()))
                .andExpect(redirectedUrl("/manage/people"))
                .andExpect(flash().attribute("done", "invited"));
        assertThat(API.body("POST /api/identity/invitations"))
                .isEqualTo(
                        """
                        {"email":"nadia@atlas.example","displayName":"Nadia","language":"fr","memberId":"%s",\
                        "roles":["member"]}\
                        """
                                .formatted(ATLAS));
    }

    @Test
    void aRefusedInvitationKeepsWhatWasTyped() throws Exception {
        API.answer("GET /api/members", 200, page(ACTIVE))
                .answer(
                        "POST /api/identity/invitations",
                        400,
                        """
                        {"type":"https://cluster.coop/problems/validation","status":400,
                         "errors":[{"field":"email","message":"must match \\"[^@]+\\""}]}\
                        """);
        mvc.perform(
                        post("/manage/people/invitations")
                                .param("email", "nadia-at-atlas")
                                .param("memberId", ATLAS)
                                .param("roles", "admin")
                                .with(manon())
                                .with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("id=\"email-error\""),
                                                containsString("value=\"nadia-at-atlas\""),
                                                containsString("Le format n&#39;est pas valable"),
                                                containsString(
                                                        "aria-describedby=\"email-error\""))));
    }

    @Test
    void clientsAreListedAndANewOnesSecretIsShownOnce() throws Exception {
        API.answer(
                        "GET /api/identity/clients",
                        200,
                        """
                        {"items":[{"clientId":"feed-eu","roles":["feed"],"feedId":"eu-ft-portal","origin":"configuration"},
                                  {"clientId":"feed-sud","roles":["feed"],"feedId":"region-sud","origin":"api",
                                   "createdAt":"2026-11-01T10:00:00Z"}],"page":0,"size":20,"total":2}\
                        """)
                .answer(
                        "POST /api/identity/clients",
                        201,
                        """
                        {"clientId":"feed-nord","clientSecret":"c-secret-123","feedId":"region-nord","roles":["feed"]}\
                        """);
        mvc.perform(get("/manage/clients").with(manon()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("feed-eu"),
                                                containsString("Géré par la configuration"),
                                                containsString(
                                                        "href=\"/manage/clients/feed-sud/rotate\""),
                                                not(
                                                        containsString(
                                                                "/manage/clients/feed-eu/rotate")))));
        mvc.perform(
                        post("/manage/clients")
                                .param("clientId", "feed-nord")
                                .param("feedId", "region-nord")
                                .with(manon())
                                .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", containsString("no-store")))
                .andExpect(content().string(containsString("c-secret-123")));
        assertThat(API.body("POST /api/identity/clients"))
                .contains(
                        "\"clientId\":\"feed-nord\"",
                        "\"feedId\":\"region-nord\"",
                        "\"roles\":[\"feed\"]");
        mvc.perform(get("/manage/clients").param("lang", "en").with(manon()))
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Machine clients"),
                                                containsString("Managed by the configuration"))));
    }
}
