package coop.cluster.web.council;

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
 * The council's pages against a stub API: lists, a proposal with its tally, the vote, tabling,
 * resolutions.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CouncilPagesTest {

    static final StubApi API = new StubApi();
    static final String ATLAS = "11111111-1111-4111-8111-111111111111";
    static final String ID = "0b7e3c52-0000-4000-8000-000000000001";
    static final String OPEN =
            """
            {"id":"%s","title":"Cotisations 2027","kind":"FEE_SCHEDULE",
             "terms":{"feeYear":2027,"currency":"EUR","amounts":{"SME":"450.00","LARGE_COMPANY":"1500.00",
               "RESEARCH":"300.00","EDUCATION":"300.00","ASSOCIATION":"150.00","PUBLIC_BODY":"600.00"},
               "lateAdmission":"PRO_RATA_MONTHS"},
             "tabledAt":"2026-12-07T09:00:00Z","deadline":"2026-12-14T16:00:00Z","status":"OPEN",
             "rules":{"quorumPercent":50,"majority":"SIMPLE"},
             "tally":{"forVotes":1,"against":1,"abstain":0,"ballots":2,"electorate":3},
             "ballots":[{"memberId":"%s","delegate":"camille","choice":"FOR","castAt":"2026-12-07T09:05:00Z","changes":0},
                        {"memberId":"22222222-2222-4222-8222-222222222222","delegate":"dario","choice":"AGAINST",
                         "castAt":"2026-12-07T09:06:00Z","changes":1}],
             "myVote":%s,"createdGroupId":null}\
            """;
    static final String ADOPTED =
            """
            {"id":"%s","title":"Cotisations 2027","kind":"FEE_SCHEDULE",
             "terms":{"feeYear":2027,"currency":"EUR","amounts":{"SME":"450.00"},"lateAdmission":"FULL_YEAR"},
             "deadline":"2026-12-14T16:00:00Z","status":"ADOPTED",
             "rules":{"quorumPercent":50,"majority":"SIMPLE"},
             "tally":{"forVotes":3,"against":0,"abstain":0,"ballots":3,"electorate":3},
             "outcome":{"reason":"adopted","early":true,"closedAt":"2026-12-07T10:00:00Z"},"ballots":[]}\
            """
                    .formatted(ID);
    static final String SEATS =
            """
            [{"member":"%s","delegateSubject":"camille","delegateName":"Camille Martin"},
             {"member":"22222222-2222-4222-8222-222222222222","delegateSubject":"dario","delegateName":"Dario Rossi"}]\
            """
                    .formatted(ATLAS);

    static String open(String myVote) {
        return OPEN.formatted(ID, ATLAS, myVote == null ? "null" : "\"" + myVote + "\"");
    }

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

    OidcLoginRequestPostProcessor camille() {
        return oidcLogin()
                .clientRegistration(registrations.findByRegistrationId("cluster"))
                .idToken(
                        token ->
                                token.subject("camille")
                                        .claim("name", "Camille")
                                        .claim("member_id", ATLAS)
                                        .claim("roles", List.of("member", "delegate")));
    }

    @Test
    void theCouncilListsOpenProposalsWithTheirDeadlineInFrenchAndEnglish() throws Exception {
        API.answer("GET /api/council/proposals", 200, page(open(null)));
        mvc.perform(get("/council").with(camille()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Votes en cours"),
                                                containsString("Cotisations 2027"),
                                                containsString(
                                                        "Vote ouvert jusqu&#39;au 14 décembre"
                                                                + " 2026"),
                                                containsString("Vous n&#39;avez pas encore voté"),
                                                containsString("2 vote(s) sur 3 sièges"),
                                                not(
                                                        containsString(
                                                                "indisponible pour le moment")))));
        mvc.perform(get("/council").param("lang", "en").with(camille()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Votes in progress"),
                                                containsString(
                                                        "Open for votes until December 14,"
                                                                + " 2026"))));
    }

    @Test
    void theCouncilStillRendersWhenTheApiIsDown() throws Exception {
        API.answer("GET /api/council/proposals", 503, "{\"status\":503}");
        mvc.perform(get("/council").with(camille()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Conseil des délégués"),
                                                containsString("indisponible pour le moment"))));
        mvc.perform(get("/council/proposals/" + ID).with(camille()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("indisponible pour le moment")));
        mvc.perform(get("/council/resolutions").with(camille()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("indisponible pour le moment")));
    }

    @Test
    void aProposalShowsItsTermsAndALiveTallyAndTheVoteButtons() throws Exception {
        API.answer("GET /api/council/proposals/" + ID, 200, open("FOR"))
                .answer("GET /api/council/seats", 200, SEATS);
        mvc.perform(get("/council/proposals/" + ID).with(camille()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Cotisations de l&#39;année 2027"),
                                                containsString("450,00"),
                                                containsString("Grande entreprise"),
                                                containsString(
                                                        "hx-get=\"/council/proposals/"
                                                                + ID
                                                                + "/tally\""),
                                                containsString("hx-trigger=\"every 5s\""),
                                                containsString("aria-live=\"polite\""),
                                                containsString("Votre vote : Pour"),
                                                containsString("Changer pour « Contre »"),
                                                containsString("Camille Martin"),
                                                containsString("Contre (vote changé)"))));
        mvc.perform(get("/council/proposals/" + ID).param("lang", "en").with(camille()))
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Membership fees of 2027"),
                                                containsString("€1,500.00"),
                                                containsString("Change to &quot;Against&quot;"))));
    }

    @Test
    void theTallyFragmentStopsPollingOnceTheVoteIsClosed() throws Exception {
        API.answer("GET /api/council/proposals/" + ID, 200, ADOPTED);
        mvc.perform(
                        get("/council/proposals/" + ID + "/tally")
                                .with(camille())
                                .header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("id=\"tally\""),
                                                containsString(
                                                        "Proposition adoptée le 7 décembre 2026"),
                                                not(containsString("hx-trigger")),
                                                not(containsString("<html")))));
    }

    @Test
    void votingHasAConfirmationPageThenPostsTheBallot() throws Exception {
        API.answer("GET /api/council/proposals/" + ID, 200, open(null))
                .answer("POST /api/council/proposals/" + ID + "/votes", 201, open("FOR"));
        mvc.perform(
                        get("/council/proposals/" + ID + "/vote")
                                .param("choice", "FOR")
                                .with(camille()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Voter pour « Cotisations 2027 » ?"),
                                                containsString(
                                                        "Vous pourrez changer votre vote"
                                                                + " jusqu&#39;au 14 décembre 2026"),
                                                containsString("Confirmer mon vote pour"))));
        mvc.perform(
                        post("/council/proposals/" + ID + "/vote")
                                .param("choice", "FOR")
                                .param("change", "false")
                                .with(camille())
                                .with(csrf()))
                .andExpect(redirectedUrl("/council/proposals/" + ID))
                .andExpect(flash().attribute("voted", "FOR"))
                .andExpect(flash().attribute("voteChanged", false));
        assertThat(API.body("POST /api/council/proposals/" + ID + "/votes"))
                .isEqualTo("{\"choice\":\"FOR\"}");
    }

    @Test
    void changingAVotePutsTheNewChoice() throws Exception {
        API.answer("PUT /api/council/proposals/" + ID + "/votes/mine", 200, open("AGAINST"));
        mvc.perform(
                        post("/council/proposals/" + ID + "/vote")
                                .param("choice", "AGAINST")
                                .param("change", "true")
                                .with(camille())
                                .with(csrf()))
                .andExpect(redirectedUrl("/council/proposals/" + ID))
                .andExpect(flash().attribute("voteChanged", true));
        assertThat(API.body("PUT /api/council/proposals/" + ID + "/votes/mine"))
                .isEqualTo("{\"choice\":\"AGAINST\"}");
    }

    @Test
    void aVoteOnAClosedProposalIsRefusedOnTheConfirmationPage() throws Exception {
        API.answer("GET /api/council/proposals/" + ID, 200, ADOPTED)
                .answer(
                        "POST /api/council/proposals/" + ID + "/votes",
                        409,
                        """
                        {"type":"https://cluster.coop/problems/proposal-closed","status":409,
                         "detail":"Le vote est clos."}\
                        """);
        mvc.perform(
                        post("/council/proposals/" + ID + "/vote")
                                .param("choice", "FOR")
                                .with(camille())
                                .with(csrf()))
                .andExpect(status().isConflict())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("role=\"alert\""),
                                                containsString("Le vote est clos."))));
    }

    @Test
    void anUnknownChoiceOrAnOddIdIsNotFound() throws Exception {
        mvc.perform(
                        get("/council/proposals/" + ID + "/vote")
                                .param("choice", "MAYBE")
                                .with(camille()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/council/proposals/a.b").with(camille())).andExpect(status().isNotFound());
    }

    @Test
    void tablingAFeeScheduleSendsTheMotion() throws Exception {
        mvc.perform(get("/council/proposals/new").with(camille()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("name=\"amounts[SME]\""),
                                                containsString("type=\"datetime-local\""),
                                                containsString("Enseignement et formation"))));
        API.answer("POST /api/council/proposals", 201, open(null));
        mvc.perform(
                        post("/council/proposals")
                                .with(camille())
                                .with(csrf())
                                .param("kind", "FEE_SCHEDULE")
                                .param("title", "Cotisations 2027")
                                .param("deadline", "2026-12-14T17:00")
                                .param("feeYear", "2027")
                                .param("currency", "eur")
                                .param("amounts[SME]", "450,00")
                                .param("amounts[LARGE_COMPANY]", "1500")
                                .param("amounts[RESEARCH]", "300")
                                .param("amounts[EDUCATION]", "300")
                                .param("amounts[ASSOCIATION]", "150")
                                .param("amounts[PUBLIC_BODY]", "600")
                                .param("lateAdmission", "FULL_YEAR"))
                .andExpect(redirectedUrl("/council/proposals/" + ID))
                .andExpect(flash().attribute("tabled", "Cotisations 2027"));
        assertThat(API.body("POST /api/council/proposals"))
                .isEqualTo(
                        """
                        {"title":"Cotisations 2027","deadline":"2026-12-14T16:00:00Z","motion":{"kind":"FEE_SCHEDULE",\
                        "feeYear":2027,"currency":"EUR","amounts":{"SME":"450.00","LARGE_COMPANY":"1500","RESEARCH":"300",\
                        "EDUCATION":"300","ASSOCIATION":"150","PUBLIC_BODY":"600"},"lateAdmission":"FULL_YEAR"}}\
                        """);
    }

    @Test
    void aRefusedProposalKeepsWhatWasTypedWithTheErrorsNextToTheFields() throws Exception {
        API.answer(
                "POST /api/council/proposals",
                400,
                """
                {"type":"https://cluster.coop/problems/validation","status":400,"detail":"Invalid request",
                 "errors":[{"field":"title","message":"must not be blank"},
                           {"field":"motion.amounts[SME]","message":"must not be null"}]}\
                """);
        mvc.perform(
                        post("/council/proposals")
                                .with(camille())
                                .with(csrf())
                                .param("kind", "FEE_SCHEDULE")
                                .param("title", "")
                                .param("feeYear", "2031")
                                .param("currency", "MAD")
                                .param("amounts[LARGE_COMPANY]", "1200"))
                .andExpect(status().isBadRequest())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("role=\"alert\""),
                                                containsString("id=\"title-error\""),
                                                containsString("aria-describedby=\"title-error\""),
                                                containsString("id=\"amounts-error\""),
                                                containsString("value=\"2031\""),
                                                containsString("value=\"MAD\""),
                                                containsString("value=\"1200\""))));
    }

    @Test
    void aRuleOfTheApiLandsOnItsField() throws Exception {
        API.answer(
                "POST /api/council/proposals",
                400,
                """
                {"type":"https://cluster.coop/problems/invalid-currency","status":400,
                 "detail":"''XYZ'' n'est pas un code de devise ISO 4217."}\
                """);
        mvc.perform(
                        post("/council/proposals")
                                .with(camille())
                                .with(csrf())
                                .param("kind", "FEE_SCHEDULE")
                                .param("title", "Cotisations")
                                .param("currency", "XYZ"))
                .andExpect(status().isBadRequest())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("id=\"currency-error\""),
                                                containsString("value=\"XYZ\""))));
    }

    @Test
    void tablingAGroupAndAnExemption() throws Exception {
        API.answer("POST /api/council/proposals", 201, open(null))
                .answer(
                        "GET /api/directory",
                        200,
                        page("{\"id\":\"" + ATLAS + "\",\"legalName\":\"Atlas Agritech\"}"));
        mvc.perform(
                        post("/council/proposals")
                                .with(camille())
                                .with(csrf())
                                .param("kind", "GROUP_CREATION")
                                .param("title", "Groupe robotique")
                                .param("name", "Robotique")
                                .param("interests", "robots, vision"))
                .andExpect(redirectedUrl("/council/proposals/" + ID));
        assertThat(API.body("POST /api/council/proposals"))
                .contains(
                        "\"motion\":{\"kind\":\"GROUP_CREATION\",\"name\":\"Robotique\",\"description\":null,"
                            + "\"interests\":[\"robots\",\"vision\"]}");
        mvc.perform(get("/council/proposals/new").param("kind", "FEE_EXEMPTION").with(camille()))
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Atlas Agritech"),
                                                containsString("name=\"percent\""))));
        mvc.perform(
                post("/council/proposals")
                        .with(camille())
                        .with(csrf())
                        .param("kind", "FEE_EXEMPTION")
                        .param("title", "Exonération Atlas")
                        .param("memberId", ATLAS)
                        .param("extent", "PARTIAL")
                        .param("percent", "50")
                        .param("reason", "Start-up")
                        .param("validFrom", "2027-01-01")
                        .param("validUntil", "2027-12-31"));
        assertThat(API.body("POST /api/council/proposals"))
                .contains(
                        "\"kind\":\"FEE_EXEMPTION\",\"memberId\":\""
                                + ATLAS
                                + "\",\"extent\":\"PARTIAL\",\"percent\":\"50\",\"reason\":\"Start-up\","
                                + "\"validFrom\":\"2027-01-01\",\"validUntil\":\"2027-12-31\"");
    }

    @Test
    void theResolutionsInForce() throws Exception {
        API.answer(
                        "GET /api/council/fee-schedules",
                        200,
                        page(
                                """
                                {"feeYear":2027,"currency":"EUR","amounts":{"SME":"450.00","LARGE_COMPANY":"1500.00"},
                                 "lateAdmission":"PRO_RATA_MONTHS","adoptedAt":"2026-12-07T10:00:00Z"}\
                                """))
                .answer(
                        "GET /api/council/exemptions",
                        200,
                        page(
                                """
                                {"memberId":"%s","extent":"PARTIAL","percent":"50","reason":"Jeune pousse",
                                 "validFrom":"2027-01-01","validUntil":"2027-12-31"}\
                                """
                                        .formatted(ATLAS)))
                .answer(
                        "GET /api/groups",
                        200,
                        page(
                                """
                                {"id":"g-1","name":"Robotique agricole","interests":["robots"],"memberCount":3}\
                                """))
                .answer(
                        "GET /api/directory",
                        200,
                        page("{\"id\":\"" + ATLAS + "\",\"legalName\":\"Atlas Agritech\"}"));
        mvc.perform(get("/council/resolutions").with(camille()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("2027"),
                                                containsString("1\u202f500,00"),
                                                containsString("au prorata des mois"),
                                                containsString("Atlas Agritech"),
                                                containsString("Partielle (50 %)"),
                                                containsString("Robotique agricole"),
                                                containsString("3 membre(s)"))));
        mvc.perform(get("/council/resolutions").param("lang", "en").with(camille()))
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Fee schedules"),
                                                containsString("€1,500.00"))));
    }
}
