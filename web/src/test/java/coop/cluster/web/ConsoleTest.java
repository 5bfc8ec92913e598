package coop.cluster.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

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
 * The console without a browser: security headers, CSRF, the public page in both languages, login
 * redirects, and panels that fail on their own when the API does (a {@link StubApi} stands in for
 * the gateway).
 */
@SpringBootTest
@AutoConfigureMockMvc
class ConsoleTest {

    static final StubApi API = new StubApi();
    static final String AMINA_MEMBER = "11111111-1111-4111-8111-111111111111";
    static final String ORGANISATION =
            """
            {"id":"%s","status":"ACTIVE","admittedAt":"2025-03-12T09:00:00Z",
             "profile":{"legalName":"Atlas Agritech SARL","country":"MA","sectors":["agritech","irrigation"]},
             "version":3}\
            """
                    .formatted(AMINA_MEMBER);
    static final String INVITATIONS =
            """
            {"content":[{"id":"inv-1","projectId":"p-1","projectTitle":"Irrigation solaire",
              "status":"PENDING","createdAt":"2026-01-05T10:00:00Z","expiresAt":"2026-02-05T10:00:00Z"}],
             "page":{"size":20,"number":0,"totalElements":1,"totalPages":1}}\
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

    OidcLoginRequestPostProcessor amina(String... roles) {
        return oidcLogin()
                .clientRegistration(registrations.findByRegistrationId("cluster"))
                .idToken(
                        token ->
                                token.subject("amina")
                                        .claim("name", "Amina")
                                        .claim("member_id", AMINA_MEMBER)
                                        .claim("roles", List.of(roles)));
    }

    @Test
    void thePublicPageIsInFrenchByDefaultWithStrictSecurityHeaders() throws Exception {
        mvc.perform(get("/"))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("lang=\"fr\""),
                                                containsString("Se connecter"),
                                                containsString(
                                                        "/assets/bootstrap/5.3.3/css/bootstrap.min.css"),
                                                not(containsString("<script>")),
                                                not(containsString("style=")))))
                .andExpect(
                        header().string(
                                        "Content-Security-Policy",
                                        allOf(
                                                containsString("default-src 'self'"),
                                                containsString("script-src 'self'"),
                                                containsString("style-src 'self'"),
                                                containsString("frame-ancestors 'none'"),
                                                containsString(
                                                        "form-action 'self' http://localhost:9000"),
                                                not(containsString("unsafe-inline")),
                                                not(containsString("unsafe-eval")))))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("X-Frame-Options", "DENY"));
    }

    @Test
    void theLanguageSwitchIsKeptInACookie() throws Exception {
        mvc.perform(get("/").param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("lang=\"en\""),
                                                containsString("Sign in"))))
                .andExpect(cookie().value("console_lang", "en"))
                .andExpect(cookie().httpOnly("console_lang", true));
        mvc.perform(get("/").param("lang", "de"))
                .andExpect(content().string(containsString("lang=\"fr\"")));
    }

    @Test
    void assetsAndTheManifestAreServed() throws Exception {
        mvc.perform(get("/assets/htmx.org/2.0.4/dist/htmx.min.js")).andExpect(status().isOk());
        mvc.perform(get("/assets/bootstrap/5.3.3/css/bootstrap.min.css"))
                .andExpect(status().isOk());
        mvc.perform(get("/js/console.js")).andExpect(status().isOk());
        mvc.perform(get("/manifest.webmanifest"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("\"start_url\": \"/home\"")));
        mvc.perform(get("/icons/icon-192.png")).andExpect(status().isOk());
    }

    @Test
    void homeSendsVisitorsToTheIssuersLoginWithPkce() throws Exception {
        mvc.perform(get("/home"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/oauth2/authorization/cluster"));
        String location =
                mvc.perform(get("/oauth2/authorization/cluster"))
                        .andExpect(status().isFound())
                        .andReturn()
                        .getResponse()
                        .getRedirectedUrl();
        assertThat(location)
                .startsWith("http://localhost:9000/oauth2/authorize?")
                .contains(
                        "client_id=cluster-console",
                        "code_challenge=",
                        "code_challenge_method=S256",
                        "scope=openid%20profile",
                        "redirect_uri=http://localhost/login/oauth2/code/cluster");
    }

    @Test
    void behindTheGatewayTheRedirectUriIsTheGateways() throws Exception {
        String location =
                mvc.perform(
                                get("/oauth2/authorization/cluster")
                                        .header("X-Forwarded-Host", "127.0.0.1:8080")
                                        .header("X-Forwarded-Proto", "http"))
                        .andReturn()
                        .getResponse()
                        .getRedirectedUrl();
        assertThat(location)
                .contains("redirect_uri=http://127.0.0.1:8080/login/oauth2/code/cluster");
    }

    @Test
    void everyPostNeedsTheCsrfToken() throws Exception {
        mvc.perform(post("/invitations/inv-1/accept").with(amina("member")))
                .andExpect(status().isForbidden());
        mvc.perform(post("/logout").with(amina("member"))).andExpect(status().isForbidden());
    }

    @Test
    void homeShowsTheOrganisationAndInvitationsWithThePersonsToken() throws Exception {
        API.answer("GET /api/members/" + AMINA_MEMBER, 200, ORGANISATION)
                .answer("GET /api/invitations", 200, INVITATIONS)
                // the home's other member panels (member pages: MemberHomeTest)
                .answer("GET /api/projects", 200, "{\"content\":[]}")
                .answer("GET /api/finance/fees/invoices", 200, "{\"content\":[]}")
                .answer("GET /api/calls/recommended", 200, "{\"calls\":[]}")
                .answer("GET /api/watches", 200, "{\"content\":[]}");
        mvc.perform(get("/home").with(amina("member")))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Atlas Agritech SARL"),
                                                containsString("Maroc"),
                                                containsString("12 mars 2025"),
                                                containsString("Irrigation solaire"),
                                                containsString(
                                                        "hx-post=\"/invitations/inv-1/accept\""),
                                                not(
                                                        containsString(
                                                                "indisponible pour le moment")))));
        assertThat(API.authorization("/api/members/" + AMINA_MEMBER)).startsWith("Bearer ");
    }

    @Test
    void aPanelWhoseServiceIsDownSaysSoWhileTheRestOfThePageWorks() throws Exception {
        API.answer("GET /api/members/" + AMINA_MEMBER, 503, "{\"status\":503}")
                .answer("GET /api/invitations", 200, INVITATIONS);
        mvc.perform(get("/home").with(amina("member")))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("indisponible pour le moment"),
                                                containsString("Irrigation solaire"),
                                                not(containsString("Atlas Agritech SARL")))));
    }

    @Test
    void aManagerSeesTheApplicationsPanelInEnglish() throws Exception {
        API.answer(
                "GET /api/members",
                200,
                """
                {"content":[{"id":"m-9","status":"APPLIED","appliedAt":"2026-04-01T08:00:00Z",
                  "profile":{"legalName":"Nouvelle Coop","country":"FR","sectors":[]}}]}\
                """);
        mvc.perform(
                        get("/home")
                                .param("lang", "en")
                                .with(
                                        oidcLogin()
                                                .clientRegistration(
                                                        registrations.findByRegistrationId(
                                                                "cluster"))
                                                .idToken(
                                                        token ->
                                                                token.subject("manon")
                                                                        .claim(
                                                                                "roles",
                                                                                List.of(
                                                                                        "manager")))))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Applications to review"),
                                                containsString("Nouvelle Coop"),
                                                containsString("France"),
                                                containsString("April 1, 2026"),
                                                not(containsString("My organisation")))));
    }

    @Test
    void anApi401StartsANewLogin() throws Exception {
        API.answer("GET /api/members/" + AMINA_MEMBER, 401, "{\"status\":401}");
        mvc.perform(get("/home").with(amina("member")))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/oauth2/authorization/cluster"));
    }

    @Test
    void answeringAnInvitationWithHtmxReturnsTheRowsNewContent() throws Exception {
        API.answer(
                "POST /api/invitations/inv-1/accept",
                200,
                """
                {"id":"inv-1","projectTitle":"Irrigation solaire","status":"ACCEPTED"}\
                """);
        mvc.perform(
                        post("/invitations/inv-1/accept")
                                .with(amina("member"))
                                .with(csrf())
                                .header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        containsString(
                                                "votre organisation rejoint le projet Irrigation"
                                                        + " solaire")));
        mvc.perform(
                        post("/invitations/inv-2/decline")
                                .with(amina("member"))
                                .with(csrf())
                                .header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("n&#39;a pas pu être enregistrée")));
    }

    @Test
    void logoutEndsTheSessionAtTheIssuer() throws Exception {
        String location =
                mvc.perform(
                                post("/logout")
                                        .with(amina("member"))
                                        .with(csrf())
                                        .header("X-Forwarded-Host", "127.0.0.1:8080")
                                        .header("X-Forwarded-Proto", "http"))
                        .andExpect(status().isFound())
                        .andReturn()
                        .getResponse()
                        .getRedirectedUrl();
        assertThat(location)
                .startsWith("http://localhost:9000/connect/logout?")
                .contains("id_token_hint=", "post_logout_redirect_uri=http://127.0.0.1:8080/");
    }

    @Test
    void onlyHealthAndMetricsOfTheActuatorAreOpen() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
        mvc.perform(get("/actuator/env"))
                .andExpect(
                        result -> assertThat(result.getResponse().getStatus()).isNotEqualTo(200));
    }
}
