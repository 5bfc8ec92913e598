package coop.cluster.web.inbox;

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

/**
 * The inbox: the list in FR and EN, unread first-class, opening and marking read, the header's
 * badge, the API down.
 */
@SpringBootTest
@AutoConfigureMockMvc
class InboxPagesTest {

    static final StubApi API = new StubApi();
    static final String UNREAD_ID = "0f4d3c2b-1a09-4876-9543-210fedcba987";
    static final String READ_ID = "1a2b3c4d-5e6f-4a0b-8c9d-0e1f2a3b4c5d";
    static final String NOTIFICATIONS =
            """
            {"content":[
              {"id":"%s","kind":"project-invitation","title":"Invitation au projet Tri optique des olives",
               "text":"Brabant Photonics SA invite Atlas Agritech SARL comme site pilote.",
               "link":"http://127.0.0.1:8080/projects/p-42?from=mail","createdAt":"2026-12-07T09:30:00Z",
               "read":false,"readAt":null},
              {"id":"%s","kind":"report-published","title":"Rapport 2026-11 publié","text":"Les comptes de novembre.",
               "link":"https://evil.example//phish","createdAt":"2026-12-01T08:00:00Z","read":true,
               "readAt":"2026-12-02T08:00:00Z"}],
             "page":0,"size":20,"totalElements":45,"totalPages":3}\
            """
                    .formatted(UNREAD_ID, READ_ID);

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
    void theInboxListsNewestFirstWithTheUnreadMarkedInFrench() throws Exception {
        API.answer("GET /api/notifications", 200, NOTIFICATIONS);
        mvc.perform(get("/inbox").with(amina()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString(
                                                        "<h1 class=\"h3\">Notifications</h1>"),
                                                containsString(
                                                        "Invitation au projet Tri optique des"
                                                                + " olives"),
                                                containsString(
                                                        "Brabant Photonics SA invite Atlas Agritech"
                                                                + " SARL comme site pilote."),
                                                containsString("Nouveau"),
                                                containsString("Rapport 2026-11 publié"),
                                                containsString(
                                                        "action=\"/inbox/" + UNREAD_ID + "/open\""),
                                                containsString(
                                                        "action=\"/inbox/" + UNREAD_ID + "/read\""),
                                                not(
                                                        containsString(
                                                                "action=\"/inbox/"
                                                                        + READ_ID
                                                                        + "/read\"")),
                                                containsString("Tout marquer comme lu"),
                                                containsString("Page 1 sur 3"),
                                                containsString("aria-current=\"page\""))));
        assertThat(API.query("GET /api/notifications")).isEqualTo("page=0&size=20");
    }

    @Test
    void inEnglishAndUnreadOnly() throws Exception {
        API.answer(
                "GET /api/notifications",
                200,
                """
                {"content":[],"page":0,"size":20,"totalElements":0,"totalPages":0}\
                """);
        mvc.perform(get("/inbox").param("unread", "true").param("lang", "en").with(amina()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("You have read everything."),
                                                containsString("Mark all as read"),
                                                containsString(">Unread</a>"))));
        assertThat(API.query("GET /api/notifications")).isEqualTo("unread=true&page=0&size=20");
    }

    @Test
    void openingMarksReadThenGoesToThePageInTheConsoleOnly() throws Exception {
        API.answer(
                "POST /api/notifications/" + UNREAD_ID + "/read",
                200,
                """
                {"id":"%s","kind":"project-invitation","title":"Invitation","link":"http://127.0.0.1:8080/home#invitations",
                 "createdAt":"2026-12-07T09:30:00Z","read":true,"readAt":"2026-12-07T10:00:00Z"}\
                """
                        .formatted(UNREAD_ID));
        mvc.perform(post("/inbox/" + UNREAD_ID + "/open").with(amina()).with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/home#invitations"));

        // a link to another site or a scheme-relative path never leaves the console
        API.answer(
                "POST /api/notifications/" + READ_ID + "/read",
                200,
                """
                {"id":"%s","kind":"report-published","title":"Rapport","link":"https://evil.example//phish",
                 "createdAt":"2026-12-01T08:00:00Z","read":true}\
                """
                        .formatted(READ_ID));
        mvc.perform(post("/inbox/" + READ_ID + "/open").with(amina()).with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/inbox"));
        mvc.perform(post("/inbox/not-an-id/open").with(amina()).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/inbox/" + UNREAD_ID + "/open").with(amina()))
                .andExpect(status().isForbidden());
    }

    @Test
    void markingOneOrAllReadComesBackToTheSameList() throws Exception {
        API.answer(
                "POST /api/notifications/" + UNREAD_ID + "/read",
                200,
                """
                {"id":"%s","kind":"k","title":"t","createdAt":"2026-12-07T09:30:00Z","read":true}\
                """
                        .formatted(UNREAD_ID));
        mvc.perform(
                        post("/inbox/" + UNREAD_ID + "/read")
                                .param("unread", "true")
                                .param("page", "2")
                                .with(amina())
                                .with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/inbox?unread=true&page=2"));
        assertThat(API.body("POST /api/notifications/" + UNREAD_ID + "/read")).isNullOrEmpty();

        API.answer("POST /api/notifications/read-all", 200, "{\"marked\":4}");
        mvc.perform(post("/inbox/read-all").with(amina()).with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/inbox"))
                .andExpect(flash().attribute("marked", 4L));
        API.answer("GET /api/notifications", 200, NOTIFICATIONS);
        mvc.perform(get("/inbox").with(amina()).flashAttr("marked", 4L))
                .andExpect(
                        content().string(containsString("4 notifications marquées comme lues.")));
    }

    @Test
    void theBadgeCountsTheUnreadAndSaysNothingWhenThereIsNoneOrTheInboxIsDown() throws Exception {
        API.answer("GET /api/notifications/unread-count", 200, "{\"unread\":3}");
        mvc.perform(get("/inbox/badge").with(amina()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString(
                                                        "id=\"inbox-badge\" hx-swap-oob=\"true\""),
                                                containsString(
                                                        "id=\"inbox-badge-toggler\""
                                                                + " hx-swap-oob=\"true\""),
                                                containsString("<span>3</span>"),
                                                containsString("notifications non lues"))));
        API.answer("GET /api/notifications/unread-count", 200, "{\"unread\":0}");
        mvc.perform(get("/inbox/badge").with(amina()))
                .andExpect(content().string(not(containsString("badge rounded-pill"))));
        API.answer("GET /api/notifications/unread-count", 503, "{\"status\":503}");
        mvc.perform(get("/inbox/badge").with(amina()))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("badge rounded-pill"))));
    }

    @Test
    void everyPageOfASignedInPersonPollsTheBadgeAndTheMenuLeadsToTheInbox() throws Exception {
        API.answer("GET /api/notifications", 503, "{\"status\":503}");
        mvc.perform(get("/inbox").with(amina()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("hx-get=\"/inbox/badge\""),
                                                containsString("hx-trigger=\"load, every 30s\""),
                                                containsString("href=\"/inbox\""),
                                                containsString("id=\"inbox-badge\""),
                                                containsString(
                                                        "Cette information est indisponible"),
                                                not(containsString("Tout marquer comme lu")))));
    }

    @Test
    void aFailedMarkSaysWhyOnTheList() throws Exception {
        API.answer(
                "POST /api/notifications/" + UNREAD_ID + "/read",
                404,
                """
                {"type":"https://cluster.coop/problems/not-found","title":"Not Found","status":404,
                 "detail":"Cette notification n'existe pas."}\
                """);
        mvc.perform(post("/inbox/" + UNREAD_ID + "/read").with(amina()).with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/inbox"))
                .andExpect(flash().attributeExists("problem"));
    }

    static final String PREFERENCES =
            """
            {"kinds":[
              {"kind":"project-invitation","essential":true,"choice":"immediately","allowed":["immediately"]},
              {"kind":"invoice-overdue","essential":true,"choice":"immediately","allowed":["immediately"]},
              {"kind":"report-published","essential":false,"choice":"weekly",
               "allowed":["immediately","daily","weekly","off"]},
              {"kind":"call-matched","essential":false,"choice":"immediately",
               "allowed":["immediately","daily","weekly","off"]}],
             "digests":{"dailyAt":"07:00","weeklyOn":"monday","zone":"UTC","burstWindow":"PT2M"}}\
            """;

    @Test
    void thePreferencesPageOffersEachKindsChoicesAndShowsEssentialOnesAsAlwaysOn()
            throws Exception {
        API.answer("GET /api/notifications/preferences", 200, PREFERENCES);
        mvc.perform(get("/inbox/preferences").with(amina()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Vos e-mails de notification"),
                                                containsString("Invitations à des projets"),
                                                containsString("Cotisations en retard"),
                                                containsString("Toujours envoyé immédiatement"),
                                                not(
                                                        containsString(
                                                                "name=\"choice.project-invitation\"")),
                                                not(
                                                        containsString(
                                                                "name=\"choice.invoice-overdue\"")),
                                                containsString("Rapports financiers publiés"),
                                                containsString(
                                                        "Nouveaux appels à financement pour votre"
                                                                + " organisation"),
                                                containsString(
                                                        "name=\"choice.report-published\""
                                                                + " value=\"off\""),
                                                containsString(
                                                        "id=\"choice-report-published-weekly\""
                                                                + " checked=\"checked\""),
                                                containsString(
                                                        "id=\"choice-call-matched-immediately\""
                                                                + " checked=\"checked\""),
                                                containsString("Résumé quotidien"),
                                                containsString("Pas d&#39;e-mail"),
                                                containsString(
                                                        "chaque jour à 07:00 (heure UTC), les"
                                                            + " résumés hebdomadaires le lundi"),
                                                containsString("action=\"/inbox/preferences\""))));
        mvc.perform(get("/inbox/preferences").param("lang", "en").with(amina()))
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Your notification e-mails"),
                                                containsString("Always sent right away"),
                                                containsString("Weekly summary"),
                                                containsString(
                                                        "Daily summaries go out every day at 07:00"
                                                                + " (UTC), weekly summaries on"
                                                                + " Monday"))));
        // the inbox leads to it
        API.answer("GET /api/notifications", 200, NOTIFICATIONS);
        mvc.perform(get("/inbox").with(amina()))
                .andExpect(content().string(containsString("href=\"/inbox/preferences\"")));
    }

    @Test
    void savingSendsEveryChoiceAtOnceAndSaysSo() throws Exception {
        API.answer("PUT /api/notifications/preferences", 200, PREFERENCES);
        mvc.perform(
                        post("/inbox/preferences")
                                .param("choice.report-published", "daily")
                                .param("choice.call-matched", "off")
                                .param("other", "ignored")
                                .param("choice.Bad Kind", "off")
                                .with(amina())
                                .with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/inbox/preferences"))
                .andExpect(flash().attribute("saved", true));
        assertThat(API.body("PUT /api/notifications/preferences"))
                .isEqualTo(
                        "{\"choices\":{\"report-published\":\"daily\",\"call-matched\":\"off\"}}");
        API.answer("GET /api/notifications/preferences", 200, PREFERENCES);
        mvc.perform(get("/inbox/preferences").with(amina()).flashAttr("saved", true))
                .andExpect(content().string(containsString("Vos choix sont enregistrés.")));
        mvc.perform(
                        post("/inbox/preferences")
                                .param("choice.report-published", "daily")
                                .with(amina()))
                .andExpect(status().isForbidden());
    }

    @Test
    void aRefusedChoiceSaysWhyAndAnUnavailableServiceSaysSo() throws Exception {
        API.answer(
                "PUT /api/notifications/preferences",
                422,
                """
                {"type":"https://cluster.coop/problems/essential-notification-kind","title":"Essential","status":422,
                 "detail":"invoice-overdue est essentielle : elle est toujours envoyée immédiatement."}\
                """);
        mvc.perform(
                        post("/inbox/preferences")
                                .param("choice.invoice-overdue", "off")
                                .with(amina())
                                .with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/inbox/preferences"))
                .andExpect(flash().attributeExists("problem"));
        API.answer("GET /api/notifications/preferences", 503, "{\"status\":503}");
        mvc.perform(get("/inbox/preferences").with(amina()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString(
                                                        "Cette information est indisponible"),
                                                not(containsString("id=\"preferences-form\"")))));
    }
}
