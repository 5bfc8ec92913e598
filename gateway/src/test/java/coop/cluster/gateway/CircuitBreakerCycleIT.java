package coop.cluster.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.StateTransition;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * A route's circuit breaker through its whole cycle, with the settings of application.yml for the
 * notification route (a window of the last 20 calls, evaluated from 10 calls on, open at 50 %
 * failed, 3 trial calls when half-open, no automatic move to half-open) but for the open-state
 * wait, 2 s here instead of 10 s: CLOSED → OPEN (calls refused without reaching the service) →
 * HALF_OPEN (the next call after the wait) → CLOSED when the trial calls succeed, or OPEN again
 * when they fail. POSTs, which the gateway never retries: each request is one call of the circuit
 * breaker and at most one of the service.
 */
@TestPropertySource(
        properties =
                "cluster.gateway.circuit-breaker.wait-in-open-state=" + CircuitBreakerCycleIT.WAIT)
class CircuitBreakerCycleIT extends GatewayITSupport {

    static final String WAIT = "2s";
    private static final Duration OPEN_WAIT = Duration.parse("PT" + WAIT);
    private static final String ROUTE = "notification";

    @Autowired CircuitBreakerRegistry circuitBreakers;

    @Autowired MeterRegistry meters;

    private final AtomicInteger serviceAnswers = new AtomicInteger(200);
    private final List<StateTransition> transitions = new CopyOnWriteArrayList<>();
    private final List<Instant> transitionTimes = new CopyOnWriteArrayList<>();
    private final String token = bearer("circuit-" + UUID.randomUUID(), "member");
    private String path;
    private CircuitBreaker breaker;

    @BeforeEach
    void closedWithNoCallsRecorded() {
        path = "/api/notifications/cycle-" + UUID.randomUUID();
        service(ROUTE)
                .on(
                        path,
                        (exchange, call) ->
                                StubService.respond(
                                        exchange,
                                        serviceAnswers.get(),
                                        "application/json",
                                        "{\"call\":" + call + "}"));
        assertThat(post().getStatus().value()).as("the route works").isEqualTo(200);
        breaker = circuitBreakers.find(ROUTE).orElseThrow();
        breaker.reset();
        breaker.getEventPublisher()
                .onStateTransition(
                        event -> {
                            transitions.add(event.getStateTransition());
                            transitionTimes.add(event.getCreationTime().toInstant());
                        });
        assertThat(breaker.getState()).isEqualTo(State.CLOSED);
    }

    @Test
    void opensAtHalfOfTenCallsFailedRefusesCallsForTheWaitThenClosesWhenTheTrialCallsSucceed() {
        assertConfiguredAsInApplicationYml();
        int reachedBeforeOpening = openTheCircuit();
        refusesWithoutCallingTheService(reachedBeforeOpening);

        serviceAnswers.set(200);
        EntityExchangeResult<byte[]> firstTrial = firstCallAfterTheWait();
        assertThat(firstTrial.getStatus().value()).isEqualTo(200);
        assertThat(breaker.getState()).isEqualTo(State.HALF_OPEN);
        assertThat(service(ROUTE).calls(path)).isEqualTo(reachedBeforeOpening + 1);
        assertThat(stateGauge("half_open")).isEqualTo(1.0);

        assertThat(post().getStatus().value()).isEqualTo(200);
        assertThat(breaker.getState()).as("2 of the 3 trial calls").isEqualTo(State.HALF_OPEN);
        assertThat(post().getStatus().value()).isEqualTo(200);
        assertThat(breaker.getState()).as("the 3 trial calls succeeded").isEqualTo(State.CLOSED);
        assertThat(service(ROUTE).calls(path))
                .as("every trial call reached the service")
                .isEqualTo(reachedBeforeOpening + 3);
        assertThat(stateGauge("closed")).isEqualTo(1.0);
        assertThat(stateGauge("half_open")).isEqualTo(0.0);

        assertThat(transitions)
                .containsExactly(
                        StateTransition.CLOSED_TO_OPEN,
                        StateTransition.OPEN_TO_HALF_OPEN,
                        StateTransition.HALF_OPEN_TO_CLOSED);
        assertThat(Duration.between(transitionTimes.get(0), transitionTimes.get(1)))
                .as("open for the configured wait")
                .isGreaterThanOrEqualTo(OPEN_WAIT);
        for (int i = 0; i < 5; i++) {
            assertThat(post().getStatus().value()).isEqualTo(200);
        }
        assertThat(service(ROUTE).calls(path)).isEqualTo(reachedBeforeOpening + 8);
    }

    @Test
    void opensAgainWhenTheTrialCallsFail() {
        int reachedBeforeOpening = openTheCircuit();
        refusesWithoutCallingTheService(reachedBeforeOpening);

        EntityExchangeResult<byte[]> firstTrial = firstCallAfterTheWait();
        assertThat(firstTrial.getStatus().value()).isEqualTo(503);
        assertThat(body(firstTrial)).contains("\"cause\":\"upstream-error\"");
        assertThat(breaker.getState()).isEqualTo(State.HALF_OPEN);
        assertThat(post().getStatus().value()).isEqualTo(503);
        assertThat(breaker.getState()).as("2 of the 3 trial calls").isEqualTo(State.HALF_OPEN);
        assertThat(post().getStatus().value()).isEqualTo(503);
        assertThat(breaker.getState()).as("the 3 trial calls failed").isEqualTo(State.OPEN);
        assertThat(service(ROUTE).calls(path)).isEqualTo(reachedBeforeOpening + 3);
        assertThat(stateGauge("open")).isEqualTo(1.0);

        refusesWithoutCallingTheService(reachedBeforeOpening + 3);
        assertThat(transitions)
                .containsExactly(
                        StateTransition.CLOSED_TO_OPEN,
                        StateTransition.OPEN_TO_HALF_OPEN,
                        StateTransition.HALF_OPEN_TO_OPEN);
    }

    /**
     * 5 calls that succeed and 4 that fail: 9 calls, below the minimum of 10, so still closed at 44
     * % failed; the 10th fails too, 5 of 10 = the 50 % threshold: open.
     *
     * @return the calls that reached the service
     */
    private int openTheCircuit() {
        serviceAnswers.set(200);
        for (int i = 0; i < 5; i++) {
            assertThat(post().getStatus().value()).isEqualTo(200);
        }
        serviceAnswers.set(503);
        for (int i = 0; i < 4; i++) {
            EntityExchangeResult<byte[]> failed = post();
            assertThat(failed.getStatus().value()).isEqualTo(503);
            assertThat(body(failed)).contains("\"cause\":\"upstream-error\"");
        }
        assertThat(breaker.getState())
                .as("9 calls, 4 failed: below the minimum of calls")
                .isEqualTo(State.CLOSED);
        assertThat(breaker.getMetrics().getNumberOfBufferedCalls()).isEqualTo(9);
        assertThat(stateGauge("closed")).isEqualTo(1.0);

        assertThat(post().getStatus().value()).isEqualTo(503);
        assertThat(breaker.getState()).as("10 calls, 5 failed: 50 %").isEqualTo(State.OPEN);
        assertThat(breaker.getMetrics().getFailureRate()).isEqualTo(50.0f);
        assertThat(stateGauge("open")).isEqualTo(1.0);
        assertThat(stateGauge("closed")).isEqualTo(0.0);
        int reached = service(ROUTE).calls(path);
        assertThat(reached).isEqualTo(1 + 10); // the set-up's call, then these 10
        return reached;
    }

    /** While open: 503 circuit-open with Retry-After the wait, and the service sees nothing. */
    private void refusesWithoutCallingTheService(int reached) {
        double refusedBefore = notPermitted();
        for (int i = 0; i < 3; i++) {
            EntityExchangeResult<byte[]> refused = post();
            assertThat(refused.getStatus().value()).isEqualTo(503);
            assertThat(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER))
                    .isEqualTo(Long.toString(OPEN_WAIT.toSeconds()));
            assertThat(body(refused))
                    .contains("\"cause\":\"circuit-open\"")
                    .contains("\"route\":\"notification\"");
        }
        assertThat(service(ROUTE).calls(path))
                .as("no call reaches the service while open")
                .isEqualTo(reached);
        assertThat(breaker.getState()).isEqualTo(State.OPEN);
        assertThat(notPermitted() - refusedBefore).isEqualTo(3.0);
    }

    /**
     * Calls until one is let through: each is refused while the wait lasts (the breaker does not
     * move by itself), the first after it is the first trial call of the half-open state.
     */
    private EntityExchangeResult<byte[]> firstCallAfterTheWait() {
        int reached = service(ROUTE).calls(path);
        AtomicReference<EntityExchangeResult<byte[]>> through = new AtomicReference<>();
        await().atMost(OPEN_WAIT.plusSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> {
                            EntityExchangeResult<byte[]> answer = post();
                            if (body(answer).contains("\"cause\":\"circuit-open\"")) {
                                assertThat(service(ROUTE).calls(path)).isEqualTo(reached);
                                assertThat(breaker.getState()).isEqualTo(State.OPEN);
                                return false;
                            }
                            through.set(answer);
                            return true;
                        });
        assertThat(service(ROUTE).calls(path)).isEqualTo(reached + 1);
        return through.get();
    }

    private void assertConfiguredAsInApplicationYml() {
        CircuitBreakerConfig config = breaker.getCircuitBreakerConfig();
        assertThat(config.getSlidingWindowType())
                .isEqualTo(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED);
        assertThat(config.getSlidingWindowSize()).isEqualTo(20);
        assertThat(config.getMinimumNumberOfCalls()).isEqualTo(10);
        assertThat(config.getFailureRateThreshold()).isEqualTo(50.0f);
        assertThat(config.getPermittedNumberOfCallsInHalfOpenState()).isEqualTo(3);
        assertThat(config.isAutomaticTransitionFromOpenToHalfOpenEnabled()).isFalse();
        assertThat(config.getWaitIntervalFunctionInOpenState().apply(1))
                .isEqualTo(OPEN_WAIT.toMillis());
    }

    private EntityExchangeResult<byte[]> post() {
        return client.post()
                .uri(path)
                .header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectBody()
                .returnResult();
    }

    private static String body(EntityExchangeResult<byte[]> result) {
        return result.getResponseBody() == null ? "" : new String(result.getResponseBody());
    }

    /** Resilience4j's gauge: 1 for the state the breaker is in, 0 for the others. */
    private double stateGauge(String state) {
        return meters.get("resilience4j.circuitbreaker.state")
                .tag("name", ROUTE)
                .tag("state", state)
                .gauge()
                .value();
    }

    private double notPermitted() {
        return meters.get("resilience4j.circuitbreaker.not.permitted.calls")
                .tag("name", ROUTE)
                .counter()
                .count();
    }
}
