package coop.cluster.plumbing.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ReloadableResourceBundleMessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

class ProblemDetailsAdviceTest {

    private MockMvc mvc;
    private ProblemWriter problems;
    private ReloadableResourceBundleMessageSource problemMessages;

    @RestController
    static class Things {
        record NewThing(@NotBlank String name, @Min(1) int count) {}

        @PostMapping("/things")
        NewThing create(@Valid @RequestBody NewThing thing) {
            return thing;
        }

        @GetMapping("/taken")
        String taken() {
            throw ProblemException.conflict("duplicate");
        }

        @GetMapping(path = "/taken-text", produces = MediaType.APPLICATION_JSON_VALUE)
        NewThing json() {
            return new NewThing("x", 1);
        }

        @GetMapping("/needs-parameter")
        String needsParameter(@org.springframework.web.bind.annotation.RequestParam String year) {
            return year;
        }

        @GetMapping("/boom")
        String boom() {
            throw new IllegalStateException("secret internals at com.example.Thing");
        }
    }

    @BeforeEach
    void setUp() {
        var messages = new ReloadableResourceBundleMessageSource();
        messages.setBasenames("classpath:problem-messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        problems = new ProblemWriter(messages, JsonMapper.builder().build());
        problemMessages = messages;
        var validator = new LocalValidatorFactoryBean();
        validator.afterPropertiesSet();
        mvc =
                MockMvcBuilders.standaloneSetup(new Things())
                        .setControllerAdvice(new ProblemDetailsAdvice(problems, messages))
                        .setValidator(validator)
                        .addFilters(
                                new CorrelationIdFilter(),
                                new RequestSizeLimitFilter(200, problems))
                        .build();
    }

    /**
     * Acceptance testing: a 415 had no {@code type}, and a body without Content-Type was told
     * "Content-Type 'null' is not supported".
     */
    @Test
    void aBodyOfAnotherTypeOrOfNoTypeIsA415ProblemThatSaysWhatToSend() throws Exception {
        mvc.perform(post("/things").contentType(MediaType.TEXT_PLAIN).content("name=x"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(
                        jsonPath("$.type")
                                .value("https://cluster.coop/problems/unsupported-media-type"))
                .andExpect(jsonPath("$.title").value("Unsupported media type"))
                .andExpect(jsonPath("$.status").value(415))
                .andExpect(jsonPath("$.detail").value(containsString("'text/plain'")))
                .andExpect(jsonPath("$.detail").value(containsString("application/json")))
                .andExpect(jsonPath("$.instance").value("/things"));
        mvc.perform(post("/things").content("{\"name\":\"x\",\"count\":1}"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(
                        jsonPath("$.type")
                                .value("https://cluster.coop/problems/content-type-missing"))
                .andExpect(
                        jsonPath("$.detail")
                                .value(containsString("Content-Type: application/json")))
                .andExpect(jsonPath("$.detail").value(not(containsString("null"))));
    }

    /**
     * Acceptance testing: Spring's own 405 and 406 had no {@code type} and stayed English with
     * Accept-Language: fr.
     */
    @Test
    void aMethodOrARepresentationNotOfferedIsAProblemOfThePlatformInTheCallersLanguage()
            throws Exception {
        mvc.perform(
                        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch(
                                        "/things")
                                .header("Accept-Language", "fr"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(
                        jsonPath("$.type")
                                .value("https://cluster.coop/problems/method-not-allowed"))
                .andExpect(jsonPath("$.title").value("Méthode non autorisée"))
                .andExpect(jsonPath("$.detail").value(containsString("PATCH")))
                .andExpect(jsonPath("$.allowed[0]").value("POST"))
                .andExpect(header().string("Allow", containsString("POST")));
        mvc.perform(get("/taken-text").accept(MediaType.APPLICATION_PDF))
                .andExpect(status().isNotAcceptable())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://cluster.coop/problems/not-acceptable"))
                .andExpect(jsonPath("$.title").value("Not acceptable"))
                .andExpect(jsonPath("$.detail").value(containsString("application/json")));
    }

    /**
     * Acceptance testing of issue 15: through the gateway, a path under a service's routes that no
     * endpoint maps answered Spring's "No static resource api/members/x/y." with no {@code type},
     * in English whatever Accept-Language. In a service the application context replaces the
     * advice's message source after construction (as here), which lacks the {@code problemDetail.*}
     * keys.
     */
    @Test
    void aPathNoEndpointMapsIsANoEndpointProblemInTheCallersLanguage() throws Exception {
        var advice = new ProblemDetailsAdvice(problems, problemMessages);
        advice.setMessageSource(new org.springframework.context.support.StaticMessageSource());
        MockMvc service =
                MockMvcBuilders.standaloneSetup(new Things()).setControllerAdvice(advice).build();
        service.perform(get("/things/x/y").header("Accept-Language", "fr"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://cluster.coop/problems/no-endpoint"))
                .andExpect(jsonPath("$.title").value("Introuvable"))
                .andExpect(jsonPath("$.detail").value("Aucun point d'accès à /things/x/y."))
                .andExpect(jsonPath("$.instance").value("/things/x/y"));
        service.perform(get("/things/x/y"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("No endpoint at /things/x/y."));
        // Spring MVC's other own errors keep the platform's type and language too
        service.perform(get("/needs-parameter").header("Accept-Language", "fr"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(
                        jsonPath("$.type").value("https://cluster.coop/problems/missing-parameter"))
                .andExpect(jsonPath("$.title").value("Paramètre manquant"));
    }

    @Test
    void namesEachInvalidFieldInAProblemJson() throws Exception {
        mvc.perform(
                        post("/things")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"name\":\"\",\"count\":0}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://cluster.coop/problems/validation"))
                .andExpect(jsonPath("$.title").value("Invalid request"))
                .andExpect(jsonPath("$.instance").value("/things"))
                .andExpect(jsonPath("$.errors[0].field").value("count"))
                .andExpect(jsonPath("$.errors[1].field").value("name"));
    }

    @Test
    void speaksFrenchWhenAskedTo() throws Exception {
        mvc.perform(
                        post("/things")
                                .contentType(MediaType.APPLICATION_JSON)
                                .header("Accept-Language", "fr-FR")
                                .content("{\"count\":3}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.title").value("Requête invalide"))
                .andExpect(jsonPath("$.errors[0].field").value("name"));
    }

    @Test
    void answersMalformedJsonAndWrongTypesWith400() throws Exception {
        mvc.perform(post("/things").contentType(MediaType.APPLICATION_JSON).content("{\"name\":"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(
                        jsonPath("$.type").value("https://cluster.coop/problems/unreadable-body"));
        mvc.perform(
                        post("/things")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"name\":\"x\",\"count\":\"many\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("count"));
    }

    @Test
    void refusesAnOversizedBodyBeforeReadingIt() throws Exception {
        mvc.perform(
                        post("/things")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"name\":\"" + "x".repeat(500) + "\",\"count\":1}"))
                .andExpect(status().is(HttpStatus.CONTENT_TOO_LARGE.value()))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("200")));
    }

    @Test
    void turnsARefusalIntoItsStatusAndMessage() throws Exception {
        mvc.perform(get("/taken"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.title").value("Already exists"));
    }

    @Test
    void hidesTheInternalsOfAnUnexpectedFailure() throws Exception {
        mvc.perform(get("/boom").header("X-Correlation-Id", "req-123"))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().string("X-Correlation-Id", "req-123"))
                .andExpect(content().string(not(containsString("com.example"))));
    }

    @Test
    void makesACorrelationIdWhenTheClientSentNoneOrAMalformedOne() throws Exception {
        mvc.perform(get("/taken").header("X-Correlation-Id", "bad id with spaces\n"))
                .andExpect(header().string("X-Correlation-Id", matchesPattern("[0-9a-f-]{36}")));
    }
}
