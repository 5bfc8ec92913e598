package coop.cluster.web.directory;

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

/**
 * The members directory: filters passed to the API and kept in the URL, pages, a member's page, the
 * API down.
 */
@SpringBootTest
@AutoConfigureMockMvc
class DirectoryPagesTest {

    static final StubApi API = new StubApi();
    static final String BRABANT = "22222222-2222-4222-8222-222222222222";
    static final String PAGE =
            """
            {"content":[{"id":"%s","legalName":"Brabant Photonics","country":"BE","region":"BE2",
              "sectors":["C26.70"],"organisationType":"SME","sizeBand":"SMALL","competences":["photonics","optics"],
              "offeredResources":[{"type":"EQUIPMENT","description":"Optical bench"}],
              "contacts":[{"name":"Bruno Peeters","role":"CTO","email":"bruno@brabant.example"}],
              "groups":[{"id":"g-1","name":"Vision industrielle"}]}],
             "totalElements":45,"totalPages":3,"number":1,"size":20}\
            """
                    .formatted(BRABANT);

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
    void theSearchSendsTheFiltersToTheApiAndKeepsThemInThePagersLinks() throws Exception {
        API.answer("GET /api/directory", 200, PAGE);
        mvc.perform(
                        get(java.net.URI.create(
                                        "/directory?q=vision%20num%C3%A9rique&region=BE&type=SME&resource=BOGUS&page=1"))
                                .with(amina()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Annuaire des membres"),
                                                containsString("Brabant Photonics"),
                                                containsString("Belgique"),
                                                containsString("Compétences : photonics, optics"),
                                                containsString("45 membres"),
                                                containsString("value=\"vision numérique\""),
                                                containsString(
                                                        "<option value=\"SME\""
                                                            + " selected=\"selected\">PME</option>"),
                                                containsString("Page 2 sur 3"),
                                                containsString(
                                                        "href=\"/directory?q=vision%20num%C3%A9rique&amp;region=BE&amp;type=SME&amp;resource=BOGUS&amp;page=2\""),
                                                containsString(
                                                        "/directory/"
                                                                + BRABANT
                                                                + "?name=Brabant"))));
        String query = API.query("GET /api/directory");
        assertThat(query)
                .contains("q=vision%20num%C3%A9rique", "region=BE", "type=SME", "page=1", "size=20")
                .doesNotContain("resource");
    }

    @Test
    void theDirectoryIsInEnglishToo() throws Exception {
        API.answer("GET /api/directory", 200, PAGE);
        mvc.perform(get("/directory").param("lang", "en").with(amina()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Members directory"),
                                                containsString("Belgium"),
                                                containsString("45 members"),
                                                containsString("Page 2 of 3"))));
    }

    @Test
    void aMembersPageShowsItsProfileAndContacts() throws Exception {
        API.answer("GET /api/directory", 200, PAGE);
        mvc.perform(get("/directory/" + BRABANT).param("name", "Brabant Photonics").with(amina()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString(
                                                        "<h1 class=\"h3\">Brabant Photonics</h1>"),
                                                containsString("Bruno Peeters"),
                                                containsString("mailto:bruno@brabant.example"),
                                                containsString("Vision industrielle"),
                                                containsString("Équipement"))));
        assertThat(API.query("GET /api/directory")).contains("q=Brabant%20Photonics");
        mvc.perform(get("/directory/33333333-3333-4333-8333-333333333333").with(amina()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/directory/bad$id").with(amina())).andExpect(status().isNotFound());
    }

    @Test
    void whenTheDirectoryIsDownThePageStillAnswers() throws Exception {
        API.answer("GET /api/directory", 503, "{\"status\":503}");
        mvc.perform(get("/directory").param("q", "robots").with(amina()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("indisponible pour le moment"),
                                                containsString("value=\"robots\""),
                                                not(containsString("Brabant")))));
    }
}
