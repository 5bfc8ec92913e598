package coop.cluster.web.call;

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
 * Funding calls: the search and its filters, the recommended calls, a call's page, watching and
 * unwatching it.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CallPagesTest {

    static final StubApi API = new StubApi();
    static final String CALL_ID = "0b9f7c1e-5a2d-4c3b-9e8f-123456789abc";
    static final String FOUND =
            """
            {"content":[{"id":"%s","title":"Irrigation intelligente 2027","programme":"FEDER Sud 2021-2027",
              "kind":"GRANT","status":"OPEN","nextDeadline":"2027-03-15T15:00:00Z",
              "deadlines":["2027-03-15T15:00:00Z"],"budget":{"amount":"1500000","currency":"EUR"}}],
             "page":0,"size":20,"totalElements":1,"totalPages":1}\
            """
                    .formatted(CALL_ID);
    static final String CALL =
            """
            {"id":"%s","identifier":"FEDER-SUD-2027-IRR","title":"Irrigation intelligente 2027",
             "programme":"FEDER Sud 2021-2027","description":"Des projets d'irrigation","keywords":["irrigation"],
             "kind":"GRANT","status":"OPEN","deadlines":["2026-01-10T15:00:00Z","2099-03-15T15:00:00Z"],
             "budget":{"amount":"1500000","currency":"EUR"},"eligibleCountries":["MA","TN"],
             "url":"https://www.example.org/aap/1","firstSeen":"2025-11-02T08:00:00Z",
             "lastChanged":"2025-12-01T08:00:00Z"}\
            """
                    .formatted(CALL_ID);
    static final String CHANGES =
            """
            {"content":[
              {"revision":3,"at":"2026-02-01T09:30:00Z","feedId":"region-sud","batchId":"b3",
               "closedReason":"source-closed","fields":[{"field":"status","before":"OPEN","after":"CLOSED"}]},
              {"revision":2,"at":"2026-01-05T10:00:00Z","feedId":"region-sud","batchId":"b2","fields":[
               {"field":"deadline","before":"2027-11-30T11:00:00Z","after":"2027-12-15T11:00:00Z"},
               {"field":"deadline","before":null,"after":"2028-01-20T11:00:00Z"},
               {"field":"budget","before":{"amount":"1500000","currency":"EUR"},
                "after":{"amount":"1750000","currency":"EUR"}},
               {"field":"eligibleCountries","before":["MA"],"after":["MA","TN"]},
               {"field":"title","before":"Irrigation 2027","after":"Irrigation intelligente 2027"},
               {"field":"description","before":null,"after":null}]}],
             "page":0,"size":10,"totalElements":2,"totalPages":1}\
            """;
    static final String RECOMMENDED =
            """
            {"memberId":"m","calls":[{"callId":"%s","title":"Irrigation intelligente 2027","programme":"FEDER Sud",
              "kind":"GRANT","status":"OPEN","nextDeadline":"2027-03-15T15:00:00Z","score":70,
              "via":{"kind":"member","id":"m","name":"Atlas Agritech"},
              "reasons":[{"code":"competence","value":"irrigation","where":"prominent","points":35,
                          "text":"Competence \\"irrigation\\" is in the call's title or keywords"}]}],
             "page":0,"size":5,"totalElements":1,"totalPages":1}\
            """
                    .formatted(CALL_ID);

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
    void theSearchSendsItsFiltersAndShowsTheCallsFound() throws Exception {
        API.answer("GET /api/calls", 200, FOUND);
        mvc.perform(
                        get("/calls?q=irrigation&status=OPEN&kind=GRANT&deadlineFrom=2027-01-01&deadlineTo=bad")
                                .with(amina()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Appels à projets"),
                                                containsString("Irrigation intelligente 2027"),
                                                containsString("Date limite : 15 mars 2027"),
                                                containsString("1\u202f500\u202f000,00\u00a0€"),
                                                containsString("1 appel"),
                                                containsString(
                                                        "<option value=\"OPEN\""
                                                            + " selected=\"selected\">Ouvert</option>"),
                                                not(
                                                        containsString(
                                                                "Recommandés pour mon"
                                                                        + " organisation")))));
        assertThat(API.query("GET /api/calls"))
                .contains(
                        "q=irrigation",
                        "status=OPEN",
                        "kind=GRANT",
                        "deadlineFrom=2027-01-01",
                        "page=0",
                        "size=20")
                .doesNotContain("deadlineTo");
    }

    @Test
    void withoutFiltersTheRecommendedCallsComeFirstWithTheirReasonsInEnglish() throws Exception {
        API.answer("GET /api/calls", 200, FOUND)
                .answer("GET /api/calls/recommended", 200, RECOMMENDED);
        mvc.perform(get("/calls").param("lang", "en").with(amina()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Recommended for my organisation"),
                                                containsString(
                                                        "For your organisation&#39;s profile"),
                                                containsString(
                                                        "Competence &quot;irrigation&quot; is in"
                                                            + " the call&#39;s title or keywords"),
                                                containsString("Deadline: March 15, 2027"),
                                                containsString("€1,500,000.00"))));
    }

    @Test
    void aCallsPageShowsEveryCutOffAndItsHistory() throws Exception {
        API.answer("GET /api/calls/" + CALL_ID, 200, CALL)
                .answer("GET /api/watches", 200, "{\"content\":[]}")
                .answer("GET /api/calls/" + CALL_ID + "/changes", 200, CHANGES);
        mvc.perform(get("/calls/" + CALL_ID).with(amina()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Irrigation intelligente 2027"),
                                                containsString("Date limite 1 : 10 janvier 2026"),
                                                containsString("passée"),
                                                containsString("Date limite 2 : 15 mars 2099"),
                                                containsString("la prochaine"),
                                                containsString(
                                                        "Repéré par le cluster le 2 novembre 2025"),
                                                containsString("Maroc, Tunisie"),
                                                containsString("Suivre cet appel"),
                                                containsString("/projects/new?call=" + CALL_ID))));
        assertThat(API.query("GET /api/calls/" + CALL_ID + "/changes"))
                .contains("page=0", "size=10");
    }

    @Test
    void aCallsChangesShowEachFieldBeforeAndAfterInTheReadersWords() throws Exception {
        API.answer("GET /api/calls/" + CALL_ID, 200, CALL)
                .answer("GET /api/watches", 200, "{\"content\":[]}")
                .answer("GET /api/calls/" + CALL_ID + "/changes", 200, CHANGES);
        String french =
                mvc.perform(get("/calls/" + CALL_ID).with(amina()))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString();
        String changes = section(french, "call-changes");
        assertThat(changes)
                .contains(
                        "<h2 id=\"call-changes-title\" class=\"h5 card-title\">Modifications</h2>",
                        "Le 01/02/2026 10:30",
                        "<time datetime=\"2026-02-01T09:30:00Z\"",
                        "L&#39;appel est clos par sa source.",
                        "Statut",
                        ">Ouvert<",
                        ">Clos<",
                        "Le 05/01/2026 11:00",
                        "Date limite déplacée",
                        "30 novembre 2027",
                        "devient",
                        "15 décembre 2027",
                        "Date limite ajoutée",
                        "20 janvier 2028",
                        "1\u202f500\u202f000,00\u00a0€",
                        "1\u202f750\u202f000,00\u00a0€",
                        ">Maroc<",
                        ">Maroc, Tunisie<",
                        "Titre",
                        ">Irrigation 2027<",
                        "Description",
                        "a changé")
                .doesNotContain("b2", "region-sud", "revision", "Pages de résultats");
        assertThat(changes.indexOf("01/02/2026")).isLessThan(changes.indexOf("05/01/2026"));

        String english =
                mvc.perform(get("/calls/" + CALL_ID).param("lang", "en").with(amina()))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString();
        assertThat(section(english, "call-changes"))
                .contains(
                        ">Changes</h2>",
                        "On 2/1/26",
                        "The call was closed by its source.",
                        "Status",
                        ">Open<",
                        ">Closed<",
                        "Deadline moved",
                        "November 30, 2027",
                        "becomes",
                        "December 15, 2027",
                        "Deadline added",
                        "January 20, 2028",
                        "€1,500,000.00",
                        "€1,750,000.00",
                        ">Morocco, Tunisia<",
                        "Description",
                        ">changed<");
    }

    @Test
    void aCallThatNeverChangedSaysSoAndALongHistoryIsPaged() throws Exception {
        API.answer("GET /api/calls/" + CALL_ID, 200, CALL)
                .answer("GET /api/watches", 200, "{\"content\":[]}")
                .answer(
                        "GET /api/calls/" + CALL_ID + "/changes",
                        200,
                        "{\"content\":[],\"page\":0,\"size\":10,\"totalElements\":0,\"totalPages\":0}");
        mvc.perform(get("/calls/" + CALL_ID).with(amina()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        containsString(
                                                "Aucune modification depuis que le cluster a repéré"
                                                        + " cet appel.")));

        API.answer(
                "GET /api/calls/" + CALL_ID + "/changes",
                200,
                CHANGES.replace(
                        "\"page\":0,\"size\":10,\"totalElements\":2,\"totalPages\":1",
                        "\"page\":1,\"size\":10,\"totalElements\":25,\"totalPages\":3"));
        String page =
                mvc.perform(get("/calls/" + CALL_ID).param("page", "1").with(amina()))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString();
        assertThat(API.query("GET /api/calls/" + CALL_ID + "/changes"))
                .contains("page=1", "size=10");
        assertThat(section(page, "call-changes"))
                .contains(
                        "href=\"/calls/" + CALL_ID + "\" rel=\"prev\"",
                        "href=\"/calls/" + CALL_ID + "?page=2\" rel=\"next\"",
                        "Date limite déplacée");
    }

    @Test
    void whenTheChangesCannotBeReadTheRestOfTheCallStillShows() throws Exception {
        API.answer("GET /api/calls/" + CALL_ID, 200, CALL)
                .answer("GET /api/watches", 200, "{\"content\":[]}")
                .answer("GET /api/calls/" + CALL_ID + "/changes", 503, "{\"status\":503}");
        String html =
                mvc.perform(get("/calls/" + CALL_ID).with(amina()))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString();
        assertThat(html)
                .contains(
                        "Irrigation intelligente 2027",
                        "Date limite 2 : 15 mars 2099",
                        "Suivre cet appel");
        assertThat(section(html, "call-changes"))
                .contains("Modifications", "indisponible pour le moment")
                .doesNotContain("Aucune modification");
    }

    /** The HTML of the section with this id, up to its end. */
    private static String section(String html, String id) {
        int start = html.indexOf("<section class=\"card my-3\" id=\"" + id + "\"");
        assertThat(start).as("section " + id).isNotNegative();
        return html.substring(start, html.indexOf("</section>", start));
    }

    @Test
    void watchingACallSavesAWatchForItAndUnwatchingDeletesIt() throws Exception {
        API.answer("GET /api/calls/" + CALL_ID, 200, CALL)
                .answer("GET /api/watches", 200, "{\"content\":[]}")
                .answer(
                        "POST /api/watches",
                        201,
                        """
                        {"id":"w-1","name":"Irrigation intelligente 2027","keywords":["FEDER-SUD-2027-IRR"]}\
                        """);
        mvc.perform(post("/calls/" + CALL_ID + "/watch").with(amina()).with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/calls/" + CALL_ID))
                .andExpect(flash().attribute("notice", "calls.watched"));
        JsonNode watch = JsonMapper.builder().build().readTree(API.body("POST /api/watches"));
        assertThat(watch.get("name").asString()).isEqualTo("Irrigation intelligente 2027");
        assertThat(watch.get("keywords").get(0).asString()).isEqualTo("FEDER-SUD-2027-IRR");
        assertThat(watch.get("programmes").get(0).asString()).isEqualTo("FEDER Sud 2021-2027");
        assertThat(watch.get("kinds").get(0).asString()).isEqualTo("GRANT");

        API.answer(
                        "GET /api/watches",
                        200,
                        """
                        {"content":[{"id":"0b9f7c1e-5a2d-4c3b-9e8f-00000000000a","name":"Irrigation intelligente 2027",
                          "keywords":["FEDER-SUD-2027-IRR"]}]}\
                        """)
                .answer("DELETE /api/watches/0b9f7c1e-5a2d-4c3b-9e8f-00000000000a", 204, "");
        mvc.perform(get("/calls/" + CALL_ID).param("lang", "en").with(amina()))
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Watched by my organisation"),
                                                containsString("Stop watching this call"))));
        mvc.perform(post("/calls/" + CALL_ID + "/unwatch").with(amina()).with(csrf()))
                .andExpect(status().isFound())
                .andExpect(flash().attribute("notice", "calls.unwatched"));
        assertThat(API.body("DELETE /api/watches/0b9f7c1e-5a2d-4c3b-9e8f-00000000000a"))
                .isNotNull();
    }

    @Test
    void whenFundingWatchIsDownThePagesStillAnswer() throws Exception {
        API.answer("GET /api/calls", 503, "{\"status\":503}")
                .answer("GET /api/calls/recommended", 503, "{}")
                .answer("GET /api/calls/" + CALL_ID, 503, "{}");
        mvc.perform(get("/calls").with(amina()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("indisponible pour le moment")));
        mvc.perform(get("/calls/" + CALL_ID).with(amina()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("indisponible pour le moment"),
                                                not(containsString("Suivre cet appel")),
                                                not(containsString("call-changes")))));
        assertThat(API.query("GET /api/calls/" + CALL_ID + "/changes")).isNull();
    }
}
