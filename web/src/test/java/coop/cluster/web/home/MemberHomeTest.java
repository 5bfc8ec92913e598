package coop.cluster.web.home;

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
 * The member's home: what needs her first, each panel on its own, and the invitations panel polled
 * by htmx.
 */
@SpringBootTest
@AutoConfigureMockMvc
class MemberHomeTest {

    static final StubApi API = new StubApi();
    static final String ATLAS = "11111111-1111-4111-8111-111111111111";

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

    void everything() {
        API.answer(
                        "GET /api/members/" + ATLAS,
                        200,
                        """
                        {"id":"%s","status":"ACTIVE","profile":{"legalName":"Atlas Agritech SARL","country":"MA"}}\
                        """
                                .formatted(ATLAS))
                .answer(
                        "GET /api/invitations",
                        200,
                        """
                        {"content":[{"id":"inv-1","projectTitle":"Irrigation solaire","role":"site pilote",
                          "status":"PENDING","expiresAt":"2026-02-05T10:00:00Z"}]}\
                        """)
                .answer(
                        "GET /api/projects",
                        200,
                        """
                        {"content":[{"id":"p-1","title":"Tri optique","status":"FORMING",
                          "agreement":{"content":{"version":3,"currency":"EUR"},"awaiting":["%s"]}},
                                    {"id":"p-2","title":"Déjà signé","status":"FORMING",
                          "agreement":{"content":{"version":1,"currency":"EUR"},"awaiting":[]}}]}\
                        """
                                .formatted(ATLAS))
                .answer(
                        "GET /api/finance/fees/invoices",
                        200,
                        """
                        {"content":[{"id":"FEE-2026-A","feeYear":2026,"currency":"EUR","amountDue":"450.00",
                          "status":"OPEN","overdue":true,"dueDate":"2026-02-01"},
                                    {"id":"FEE-2025-A","feeYear":2025,"currency":"EUR","amountDue":"0.00",
                          "status":"PAID","overdue":false,"dueDate":"2025-02-01"}],"page":0,"size":50,
                         "totalElements":2,"totalPages":1}\
                        """)
                .answer(
                        "GET /api/calls/recommended",
                        200,
                        """
                        {"calls":[{"callId":"c-1","title":"Eau et climat 2027","nextDeadline":"2027-03-15T15:00:00Z",
                          "via":{"kind":"member","name":"Atlas"},
                          "reasons":[{"text":"Competence \\"irrigation\\" is in the call's title or keywords"}]}]}\
                        """)
                .answer(
                        "GET /api/watches",
                        200,
                        "{\"content\":[{\"id\":\"w-1\",\"name\":\"Eau\"}]}")
                .answer(
                        "GET /api/watches/w-1/calls",
                        200,
                        """
                        {"content":[{"id":"c-2","title":"Agriculture durable","status":"OPEN",
                          "nextDeadline":"2027-01-20T12:00:00Z"},
                                    {"id":"c-3","title":"Sans date","status":"OPEN"}]}\
                        """);
    }

    @Test
    void whatNeedsAminaComesFirstInFrench() throws Exception {
        everything();
        mvc.perform(get("/home").with(amina()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Irrigation solaire"),
                                                containsString("Rôle proposé : site pilote"),
                                                containsString("hx-get=\"/home/invitations\""),
                                                containsString("hx-trigger=\"every 15s\""),
                                                containsString("aria-live=\"polite\""),
                                                containsString("Accords à signer"),
                                                containsString("Tri optique"),
                                                containsString(
                                                        "Version 3 de l&#39;accord de partenariat"),
                                                containsString("href=\"/projects/p-1/sign\""),
                                                not(containsString("Déjà signé")),
                                                containsString("Cotisations à régler"),
                                                containsString(
                                                        "Facture FEE-2026-A (cotisation 2026)"),
                                                containsString("450,00\u00a0€"),
                                                containsString(
                                                        "En retard : l&#39;échéance était le 1"
                                                                + " février 2026"),
                                                not(containsString("FEE-2025-A")),
                                                containsString("Eau et climat 2027"),
                                                containsString("Date limite : 15 mars 2027"),
                                                containsString("Agriculture durable"),
                                                containsString("20 janvier 2027"),
                                                not(containsString("Sans date")),
                                                containsString("Atlas Agritech SARL"))));
    }

    @Test
    void andInEnglish() throws Exception {
        everything();
        mvc.perform(get("/home").param("lang", "en").with(amina()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Agreements to sign"),
                                                containsString("Membership fees to pay"),
                                                containsString("€450.00"),
                                                containsString(
                                                        "Overdue: it was due on February 1, 2026"),
                                                containsString("Recommended funding calls"),
                                                containsString(
                                                        "Next deadlines of the calls you watch"),
                                                containsString("January 20, 2027"))));
    }

    @Test
    void eachPanelDegradesAlone() throws Exception {
        everything();
        API.answer("GET /api/projects", 503, "{}")
                .answer("GET /api/finance/fees/invoices", 503, "{}")
                .answer("GET /api/calls/recommended", 503, "{}")
                .answer("GET /api/watches", 503, "{}");
        mvc.perform(get("/home").with(amina()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Irrigation solaire"),
                                                containsString("Atlas Agritech SARL"),
                                                containsString("indisponible pour le moment"),
                                                not(containsString("Tri optique")),
                                                not(containsString("FEE-2026-A")))));
    }

    @Test
    void theInvitationsPanelIsAFragmentTheHomePagePolls() throws Exception {
        everything();
        mvc.perform(get("/home/invitations").header("HX-Request", "true").with(amina()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("id=\"invitations-list\""),
                                                containsString("hx-trigger=\"every 15s\""),
                                                containsString("hx-swap=\"outerHTML\""),
                                                containsString("Irrigation solaire"),
                                                not(containsString("<html")),
                                                not(containsString("Accords à signer")))));
        API.answer("GET /api/invitations", 503, "{}");
        mvc.perform(get("/home/invitations").with(amina()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("indisponible pour le moment"),
                                                containsString("hx-trigger=\"every 15s\""))));
    }
}
