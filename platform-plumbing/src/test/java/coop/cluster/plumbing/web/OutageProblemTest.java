package coop.cluster.plumbing.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.support.ReloadableResourceBundleMessageSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoExceptionTranslator;
import org.springframework.http.MediaType;
import org.springframework.kafka.KafkaException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * A store or broker out of reach is a 503 problem with Retry-After, never a 500; other failures
 * keep theirs.
 */
class OutageProblemTest {

    private static final ServerAddress STORE = new ServerAddress("127.0.0.1", 27017);
    private static final MongoExceptionTranslator TRANSLATOR = new MongoExceptionTranslator();

    /**
     * What the services' code lets escape when the store or the broker is gone, raw or as Spring
     * says it.
     */
    private static final Map<String, Supplier<RuntimeException>> OUTAGES =
            Map.of(
                    // the incident: OutboxWriter.insert with the store down, after server selection
                    // timed out
                    "insert-while-store-down",
                            () ->
                                    new DataAccessResourceFailureException(
                                            "Timed out while waiting for a " + "server",
                                            new MongoTimeoutException(
                                                    "Timed out while waiting for a server")),
                    "server-selection-translated",
                            () ->
                                    TRANSLATOR.translateExceptionIfPossible(
                                            new MongoTimeoutException(
                                                    "Timed out while waiting for a server")),
                    "server-selection-raw",
                            () -> new MongoTimeoutException("Timed out while waiting for a server"),
                    "socket-read-timeout",
                            () ->
                                    new MongoSocketReadTimeoutException(
                                            "Timeout while receiving message",
                                            STORE,
                                            new SocketTimeoutException("Read timed out")),
                    "socket-read-timeout-translated",
                            () ->
                                    TRANSLATOR.translateExceptionIfPossible(
                                            new MongoSocketReadTimeoutException(
                                                    "Timeout while receiving message",
                                                    STORE,
                                                    new SocketTimeoutException("Read timed out"))),
                    "connection-refused",
                            () ->
                                    new MongoSocketOpenException(
                                            "Exception opening socket",
                                            STORE,
                                            new IOException("Connection refused")),
                    "broker-max-block",
                            () ->
                                    new org.apache.kafka.common.errors.TimeoutException(
                                            "Topic it.widgets not present in metadata after 5000"
                                                    + " ms."),
                    "broker-wrapped",
                            () ->
                                    new IllegalStateException(
                                            "could not publish",
                                            new KafkaException(
                                                    "Send failed",
                                                    new org.apache.kafka.common.errors
                                                            .TimeoutException(
                                                            "Expiring 1 record(s)"))));

    private MockMvc mvc;

    @RestController
    static class Failing {

        @GetMapping("/outage/{kind}")
        String outage(@PathVariable String kind) {
            throw OUTAGES.get(kind).get();
        }

        @GetMapping("/duplicate")
        String duplicate() {
            throw new DuplicateKeyException("E11000");
        }

        @GetMapping("/bug")
        String bug() {
            throw new IllegalStateException("a bug", new IOException("not an outage"));
        }
    }

    @BeforeEach
    void setUp() {
        var messages = new ReloadableResourceBundleMessageSource();
        messages.setBasenames("classpath:problem-messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        messages.setAlwaysUseMessageFormat(true);
        var problems = new ProblemWriter(messages, JsonMapper.builder().build());
        mvc =
                MockMvcBuilders.standaloneSetup(new Failing())
                        .setControllerAdvice(new ProblemDetailsAdvice(problems, messages))
                        .build();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "insert-while-store-down",
                "server-selection-translated",
                "server-selection-raw",
                "socket-read-timeout",
                "socket-read-timeout-translated",
                "connection-refused",
                "broker-max-block",
                "broker-wrapped"
            })
    void anOutageIsA503ProblemWithRetryAfter(String kind) throws Exception {
        mvc.perform(get("/outage/" + kind))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://cluster.coop/problems/unavailable"))
                .andExpect(jsonPath("$.status").value(503))
                .andExpect(jsonPath("$.title").value("Service temporarily unavailable"))
                .andExpect(jsonPath("$.instance").value("/outage/" + kind));
    }

    @Test
    void inFrench() throws Exception {
        mvc.perform(get("/outage/insert-while-store-down").header("Accept-Language", "fr"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.title").value("Service momentanément indisponible"))
                .andExpect(
                        jsonPath("$.detail")
                                .value(
                                        org.hamcrest.Matchers.startsWith(
                                                "Une base de données ou un courtier de messages"
                                                    + " dont ce service a besoin ne répond pas pour"
                                                    + " l'instant.")));
    }

    @Test
    void otherFailuresKeepTheirStatus() throws Exception {
        mvc.perform(get("/duplicate"))
                .andExpect(status().isConflict())
                .andExpect(header().doesNotExist("Retry-After"));
        mvc.perform(get("/bug"))
                .andExpect(status().isInternalServerError())
                .andExpect(header().doesNotExist("Retry-After"));
    }
}
