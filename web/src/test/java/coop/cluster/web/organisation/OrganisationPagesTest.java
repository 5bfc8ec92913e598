package coop.cluster.web.organisation;

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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * My organisation: the profile, its edit form, field errors, and the stale edit (412) that keeps
 * what was typed.
 */
@SpringBootTest
@AutoConfigureMockMvc
class OrganisationPagesTest {

    static final StubApi API = new StubApi();
    static final String ATLAS = "11111111-1111-4111-8111-111111111111";
    static final String MEMBER =
            """
            {"id":"%s","status":"ACTIVE","admittedAt":"2025-03-12T09:00:00Z","version":%d,
             "profile":{"legalName":"%s","registrationNumber":"MA-123","country":"MA","sectors":["A01.61"],
               "organisationType":"SME","sizeBand":"SMALL","competences":["irrigation","capteurs"],
               "offeredResources":[{"type":"EQUIPMENT","description":"Banc d'essai"}],
               "contacts":[{"name":"Amina Alaoui","role":"Directrice","email":"amina@atlas.example","phone":"+212 600"}],
               "description":"Irrigation de précision","website":"https://atlas.example","listedPublicly":%s}}\
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
                                        .claim("member_id", ATLAS)
                                        .claim("roles", List.of("member")));
    }

    static String member(int version, String name, boolean listed) {
        return MEMBER.formatted(ATLAS, version, name, listed);
    }

    @Test
    void theProfileShowsInFrenchAndEnglish() throws Exception {
        API.answer("GET /api/members/" + ATLAS, 200, member(3, "Atlas Agritech SARL", true));
        mvc.perform(get("/organisation").with(amina()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString(
                                                        "<h1 class=\"h3\">Mon organisation</h1>"),
                                                containsString("Atlas Agritech SARL"),
                                                containsString("Maroc"),
                                                containsString("PME"),
                                                containsString("De 10 à 49 personnes"),
                                                containsString("irrigation, capteurs"),
                                                containsString("Amina Alaoui"),
                                                containsString("Équipement"),
                                                containsString("Sur la page publique"),
                                                containsString("12 mars 2025"))));
        mvc.perform(get("/organisation").param("lang", "en").with(amina()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("My organisation"),
                                                containsString("Morocco"),
                                                containsString("10 to 49 people"),
                                                containsString("Equipment"),
                                                containsString("March 12, 2025"))));
    }

    @Test
    void whenMembershipIsDownThePageSaysSo() throws Exception {
        API.answer("GET /api/members/" + ATLAS, 503, "{\"status\":503}");
        mvc.perform(get("/organisation").with(amina()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("indisponible pour le moment"),
                                                not(containsString("Atlas Agritech")))));
        mvc.perform(get("/organisation/edit").with(amina()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("indisponible pour le moment"),
                                                not(
                                                        containsString(
                                                                "<form"
                                                                    + " action=\"/organisation/edit\"")))));
    }

    @Test
    void theEditFormCarriesTheVersionReadAndTheStoredValues() throws Exception {
        API.answer("GET /api/members/" + ATLAS, 200, member(3, "Atlas Agritech SARL", false));
        mvc.perform(get("/organisation/edit").with(amina()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("name=\"version\" value=\"3\""),
                                                containsString("value=\"Atlas Agritech SARL\""),
                                                containsString(
                                                        "<option value=\"MA\""
                                                            + " selected=\"selected\">Maroc</option>"),
                                                containsString(
                                                        "name=\"contacts[0].email\""
                                                                + " value=\"amina@atlas.example\""),
                                                containsString("name=\"contacts[1].name\""),
                                                containsString(
                                                        "Afficher mon organisation sur la page"
                                                                + " publique du cluster"),
                                                not(containsString("checked=\"checked\"")))));
    }

    @Test
    void savingSendsTheWholeProfileWithIfMatchThenShowsTheConfirmation() throws Exception {
        API.answer(
                "PUT /api/members/" + ATLAS + "/profile",
                200,
                member(4, "Atlas Agritech SA", true));
        mvc.perform(
                        filled(
                                        post("/organisation/edit").with(amina()).with(csrf()),
                                        "Atlas Agritech SA",
                                        "3")
                                .param("listedPublicly", "true"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/organisation"))
                .andExpect(flash().attribute("saved", true));
        assertThat(API.header("PUT /api/members/" + ATLAS + "/profile", "If-Match"))
                .isEqualTo("\"3\"");
        JsonNode body =
                JsonMapper.builder()
                        .build()
                        .readTree(API.body("PUT /api/members/" + ATLAS + "/profile"));
        assertThat(body.get("legalName").asString()).isEqualTo("Atlas Agritech SA");
        assertThat(body.get("registrationNumber").asString()).isEqualTo("MA-123");
        assertThat(body.get("listedPublicly").asBoolean()).isTrue();
        assertThat(body.get("sectors").get(1).asString()).isEqualTo("J62.01");
        assertThat(body.get("competences")).hasSize(2);
        assertThat(body.get("contacts")).hasSize(1);
        assertThat(body.get("contacts").get(0).get("email").asString())
                .isEqualTo("amina@atlas.example");
        assertThat(body.get("offeredResources").get(0).get("type").asString())
                .isEqualTo("EQUIPMENT");
    }

    @Test
    void aRefusedProfileComesBackWithWhatWasTypedAndTheMessagesNextToTheFields() throws Exception {
        API.answer(
                "PUT /api/members/" + ATLAS + "/profile",
                400,
                """
                {"type":"https://cluster.coop/problems/validation","status":400,"detail":"invalid",
                 "errors":[{"field":"legalName","message":"must not be blank"},
                           {"field":"contacts[0].email","message":"must be a well-formed email address"}]}\
                """);
        mvc.perform(
                        filled(
                                post("/organisation/edit").with(amina()).with(csrf()),
                                "",
                                "3",
                                "pas-une-adresse"))
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
                                                containsString(
                                                        "aria-describedby=\"legalName-error\""),
                                                containsString("value=\"pas-une-adresse\""),
                                                containsString(
                                                        "Saisissez une adresse e-mail valide."),
                                                containsString("value=\"irrigation, capteurs\""))));
    }

    @Test
    void aStaleEditKeepsWhatWasTypedAndShowsWhatIsStoredNowToSaveAgain() throws Exception {
        API.answer(
                        "PUT /api/members/" + ATLAS + "/profile",
                        412,
                        """
                        {"type":"https://cluster.coop/problems/stale-version","status":412,"detail":"stale"}\
                        """)
                .answer(
                        "GET /api/members/" + ATLAS,
                        200,
                        member(5, "Atlas Agritech (changé)", false));
        mvc.perform(
                        filled(
                                post("/organisation/edit").with(amina()).with(csrf()),
                                "Atlas tapé par Amina",
                                "3"))
                .andExpect(status().isPreconditionFailed())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("role=\"alert\""),
                                                containsString("Vos saisies sont conservées"),
                                                containsString("value=\"Atlas tapé par Amina\""),
                                                containsString("Ce qui est enregistré maintenant"),
                                                containsString("Atlas Agritech (changé)"),
                                                containsString("name=\"version\" value=\"5\""),
                                                containsString("Enregistrer ma version"))));
    }

    @Test
    void theEditFormIsInEnglishToo() throws Exception {
        API.answer("GET /api/members/" + ATLAS, 200, member(3, "Atlas Agritech SARL", true));
        mvc.perform(get("/organisation/edit").param("lang", "en").with(amina()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString(
                                                        "Edit my organisation&#39;s profile"),
                                                containsString(
                                                        "Show my organisation on the cluster&#39;s"
                                                                + " public page"),
                                                containsString("checked=\"checked\""),
                                                containsString("Save the profile"))));
    }

    private static MockHttpServletRequestBuilder filled(
            MockHttpServletRequestBuilder request, String legalName, String version) {
        return filled(request, legalName, version, "amina@atlas.example");
    }

    private static MockHttpServletRequestBuilder filled(
            MockHttpServletRequestBuilder request, String legalName, String version, String email) {
        return request.param("version", version)
                .param("registrationNumber", "MA-123")
                .param("legalName", legalName)
                .param("country", "MA")
                .param("region", "")
                .param("sectors", "A01.61, J62.01")
                .param("organisationType", "SME")
                .param("sizeBand", "SMALL")
                .param("competences", "irrigation, capteurs")
                .param("description", "Irrigation de précision")
                .param("website", "https://atlas.example")
                .param("_listedPublicly", "on")
                .param("contacts[0].name", "Amina Alaoui")
                .param("contacts[0].role", "Directrice")
                .param("contacts[0].email", email)
                .param("contacts[0].phone", "+212 600")
                .param("contacts[1].name", "")
                .param("contacts[1].email", "")
                .param("offeredResources[0].type", "EQUIPMENT")
                .param("offeredResources[0].description", "Banc")
                .param("offeredResources[1].type", "");
    }
}
