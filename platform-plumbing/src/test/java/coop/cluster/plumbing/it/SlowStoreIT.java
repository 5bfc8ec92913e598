package coop.cluster.plumbing.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The store answers, but late (a {@link LatencyProxy} in front of it holds each of its replies 400
 * ms): a burst of 40 writes on a service limited to 4 requests at once, 50 ms of queueing. The
 * requests over the limit are answered at once with 503 {@code overloaded} and {@code Retry-After}
 * instead of queuing behind the slow ones; the admitted ones are stored, once each, and nothing of
 * the refused ones is; the actuator answers throughout; with the latency gone, every request is
 * served again.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = OutageApp.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.application.name=plumbing-slow-store-it",
            "cluster.outbox.collections=widgets",
            "cluster.web.max-concurrent-requests=4",
            "cluster.web.max-queue-wait=50ms",
            "management.tracing.sampling.probability=0"
        })
class SlowStoreIT {

    private static final int LIMIT = 4;
    private static final int BURST = 40;
    private static final Duration LATENCY = Duration.ofMillis(400);

    /**
     * 50 ms of queueing and the answer, on 2 busy cores; queuing behind the burst would take 40 / 4
     * × 400 ms.
     */
    private static final Duration REFUSAL_ANSWER = Duration.ofSeconds(1);

    private static LatencyProxy proxy;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) throws Exception {
        URI store = URI.create(EmbeddedInfra.shared().mongoUri("slow_store_it"));
        proxy = new LatencyProxy(store.getHost(), store.getPort());
        registry.add(
                "spring.mongodb.uri",
                () -> "mongodb://127.0.0.1:" + proxy.port() + "/slow_store_it");
    }

    @AfterAll
    static void closeProxy() throws Exception {
        proxy.close();
    }

    @LocalServerPort int port;

    @Autowired MongoTemplate mongo;

    @Autowired MeterRegistry meters;

    private final ExecutorService clients = Executors.newFixedThreadPool(BURST);

    @AfterEach
    void stop() {
        proxy.latency(Duration.ZERO);
        clients.shutdownNow();
    }

    @Test
    void aSlowStoreMakesTheServiceShedTheRequestsOverItsLimitAtOnceAndServeTheRestExactlyOnce()
            throws Exception {
        OutageHttp http = new OutageHttp(port);
        assertThat(http.createWidget("before").status()).isEqualTo(201);
        assertThat(http.get("/actuator/health").status()).isEqualTo(200);
        double shedBefore = shed();

        proxy.latency(LATENCY);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            names.add("slow-" + i);
        }
        Map<String, Future<OutageHttp.Answer>> burst = burst(http, names);

        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> inFlight() == LIMIT);
        OutageHttp.Answer liveness = http.get("/actuator/health/liveness");
        OutageHttp.Answer health = http.get("/actuator/health");
        assertThat(liveness.status()).as("liveness while saturated: %s", liveness).isEqualTo(200);
        assertThat(liveness.took()).isLessThan(Duration.ofSeconds(1));
        assertThat(health.status()).as("health while saturated: %s", health).isIn(200, 503);
        assertThat(health.body()).contains("\"status\"").doesNotContain("overloaded");
        assertThat(health.took()).isLessThan(Duration.ofMillis(2_500));

        Map<String, OutageHttp.Answer> answers = answers(burst);
        List<String> stored =
                names.stream().filter(name -> answers.get(name).status() == 201).toList();
        List<String> refused =
                names.stream().filter(name -> answers.get(name).status() == 503).toList();
        assertThat(answers.values())
                .as("only 201 and 503, never a 500")
                .allSatisfy(
                        answer -> assertThat(answer.status()).as(answer.toString()).isIn(201, 503));
        assertThat(stored).as("admitted").isNotEmpty();
        assertThat(refused).as("shed").isNotEmpty();
        for (String name : refused) {
            OutageHttp.Answer answer = answers.get(name);
            assertThat(answer.retryAfter()).as(answer.toString()).isEqualTo("1");
            assertThat(answer.contentType()).isEqualTo("application/problem+json");
            assertThat(answer.body())
                    .contains("\"type\":\"https://cluster.coop/problems/overloaded\"")
                    .contains("\"title\":\"Service at capacity\"")
                    .contains("\"instance\":\"/api/widgets\"");
            assertThat(answer.correlationId()).isNotBlank();
            assertThat(answer.took()).as(answer.toString()).isLessThan(REFUSAL_ANSWER);
        }
        for (String name : stored) {
            assertThat(answers.get(name).took())
                    .as("a write waits for the slow store")
                    .isGreaterThan(LATENCY);
        }
        assertThat(shed() - shedBefore).as("cluster.web.requests.shed").isEqualTo(refused.size());
        System.out.printf(
                "SlowStoreIT: %d of %d admitted, %d shed, slowest refusal %d ms, fastest write %d"
                        + " ms%n",
                stored.size(),
                BURST,
                refused.size(),
                refused.stream()
                        .mapToLong(name -> answers.get(name).took().toMillis())
                        .max()
                        .orElse(0),
                stored.stream()
                        .mapToLong(name -> answers.get(name).took().toMillis())
                        .min()
                        .orElse(0));

        proxy.latency(Duration.ZERO);
        Map<String, Long> copies =
                mongo.find(query(where("name").regex("^slow-")), Widget.class).stream()
                        .collect(Collectors.groupingBy(Widget::name, Collectors.counting()));
        for (String name : stored) {
            assertThat(copies.get(name))
                    .as("%s answered 201: stored exactly once", name)
                    .isEqualTo(1L);
        }
        for (String name : refused) {
            assertThat(copies).as("%s answered 503: not stored", name).doesNotContainKey(name);
        }

        double shedAfterBurst = shed();
        Map<String, OutageHttp.Answer> again =
                answers(burst(http, List.of("after-0", "after-1", "after-2", "after-3")));
        assertThat(again.values())
                .as("the store answers at once again: every request is served")
                .allSatisfy(
                        answer -> assertThat(answer.status()).as(answer.toString()).isEqualTo(201));
        assertThat(http.createWidget("after-4").status()).isEqualTo(201);
        assertThat(shed()).isEqualTo(shedAfterBurst);
        assertThat(inFlight()).isZero();
    }

    /** Sends a widget creation for each name at once, each from a thread of its own. */
    private Map<String, Future<OutageHttp.Answer>> burst(OutageHttp http, List<String> names) {
        CountDownLatch go = new CountDownLatch(1);
        Map<String, Future<OutageHttp.Answer>> sent =
                names.stream()
                        .collect(
                                Collectors.toMap(
                                        Function.identity(),
                                        name ->
                                                clients.submit(
                                                        () -> {
                                                            go.await();
                                                            return http.createWidget(name);
                                                        })));
        go.countDown();
        return sent;
    }

    private static Map<String, OutageHttp.Answer> answers(
            Map<String, Future<OutageHttp.Answer>> sent) throws Exception {
        Map<String, OutageHttp.Answer> answers = new java.util.HashMap<>();
        for (Map.Entry<String, Future<OutageHttp.Answer>> call : sent.entrySet()) {
            answers.put(call.getKey(), call.getValue().get(30, TimeUnit.SECONDS));
        }
        return answers;
    }

    private double shed() {
        return meters.get("cluster.web.requests.shed").functionCounter().count();
    }

    private double inFlight() {
        return meters.get("cluster.web.requests.in-flight").gauge().value();
    }
}
