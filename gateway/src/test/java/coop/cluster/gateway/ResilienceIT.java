package coop.cluster.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * Circuit breakers, time limits and retries per route (see GatewayITSupport for the test settings).
 */
class ResilienceIT extends GatewayITSupport {

    private final String token = bearer("resilience-user", "member");

    @Test
    void aStoppedServiceGets503QuicklyOtherRoutesStayUpAndTheRouteRecoversWhenItIsBack() {
        StubService membership = service("membership");
        membership.stop();
        try {
            long started = System.nanoTime();
            client.get()
                    .uri("/api/members/down")
                    .header(HttpHeaders.AUTHORIZATION, token)
                    .header("X-Correlation-Id", "down-1")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(503)
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader()
                    .valueEquals(HttpHeaders.RETRY_AFTER, "2")
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo("https://cluster.coop/problems/service-unavailable")
                    .jsonPath("$.route")
                    .isEqualTo("membership")
                    .jsonPath("$.service")
                    .isEqualTo("membership-service")
                    .jsonPath("$.cause")
                    .isEqualTo("connection-failure")
                    .jsonPath("$.instance")
                    .isEqualTo("/api/members/down")
                    .jsonPath("$.correlationId")
                    .isEqualTo("down-1");
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isLessThan(Duration.ofSeconds(3));

            client.get()
                    .uri("/api/projects/while-membership-is-down")
                    .header(HttpHeaders.AUTHORIZATION, token)
                    .exchange()
                    .expectStatus()
                    .isOk();

            // 4 calls with failures open the circuit: then calls are refused without trying
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(
                            () -> {
                                EntityExchangeResult<byte[]> refused =
                                        client.get()
                                                .uri("/api/members/down")
                                                .header(HttpHeaders.AUTHORIZATION, token)
                                                .exchange()
                                                .expectBody()
                                                .returnResult();
                                assertThat(refused.getStatus().value()).isEqualTo(503);
                                assertThat(new String(refused.getResponseBody()))
                                        .contains("\"cause\":\"circuit-open\"");
                                assertThat(
                                                refused.getResponseHeaders()
                                                        .getFirst(HttpHeaders.RETRY_AFTER))
                                        .isEqualTo("1");
                            });
        } finally {
            membership.start();
        }
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(
                        () ->
                                client.get()
                                        .uri("/api/members/back")
                                        .header(HttpHeaders.AUTHORIZATION, token)
                                        .exchange()
                                        .expectStatus()
                                        .isOk()
                                        .expectBody(String.class)
                                        .isEqualTo("membership /api/members/back"));
    }

    @Test
    void aServiceSlowerThanTheRouteTimeLimitGets503Timeout() {
        // the stub holds its answer until the test has seen the gateway give up (at most 3 s)
        java.util.concurrent.CountDownLatch gaveUp = new java.util.concurrent.CountDownLatch(1);
        service("project")
                .on(
                        "/api/projects/slow",
                        (exchange, call) -> {
                            try {
                                gaveUp.await(3, java.util.concurrent.TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            StubService.respond(exchange, 200, "text/plain", "too late");
                        });
        long started = System.nanoTime();
        client.post()
                .uri("/api/projects/slow")
                .header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .exists(HttpHeaders.RETRY_AFTER)
                .expectBody()
                .jsonPath("$.cause")
                .isEqualTo("timeout")
                .jsonPath("$.service")
                .isEqualTo("project-service")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("1 s"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        gaveUp.countDown();
        assertThat(took)
                .isGreaterThanOrEqualTo(Duration.ofMillis(900))
                .isLessThan(Duration.ofMillis(2_500));
    }

    @Test
    void aGetIsRetriedAfterA503AndSucceeds() {
        String path = "/api/calls/flaky-get-" + UUID.randomUUID();
        service("funding-watch")
                .on(
                        path,
                        (exchange, call) -> {
                            if (call == 1) {
                                StubService.respond(
                                        exchange,
                                        503,
                                        "application/problem+json",
                                        "{\"status\":503}");
                            } else {
                                StubService.respond(exchange, 200, "text/plain", "second try");
                            }
                        });
        client.get()
                .uri(path)
                .header(HttpHeaders.AUTHORIZATION, token)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo("second try");
        assertThat(service("funding-watch").calls(path)).isEqualTo(2);
    }

    @Test
    void aPostIsSentExactlyOnceEvenWhenTheServiceAnswers503() {
        String path = "/api/calls/flaky-post-" + UUID.randomUUID();
        service("funding-watch")
                .on(
                        path,
                        (exchange, call) ->
                                StubService.respond(
                                        exchange,
                                        503,
                                        "application/problem+json",
                                        "{\"status\":503}"));
        client.post()
                .uri(path)
                .header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"title\":\"x\"}")
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectBody()
                .jsonPath("$.cause")
                .isEqualTo("upstream-error")
                .jsonPath("$.upstreamStatus")
                .isEqualTo(503);
        assertThat(service("funding-watch").calls(path)).isEqualTo(1);
    }

    @Test
    void aGetAnswered500IsPassedOnNotRetried() {
        String path = "/api/calls/broken-" + UUID.randomUUID();
        service("funding-watch")
                .on(
                        path,
                        (exchange, call) ->
                                StubService.respond(
                                        exchange,
                                        500,
                                        "application/problem+json",
                                        "{\"status\":500,\"own\":true}"));
        client.get()
                .uri(path)
                .header(HttpHeaders.AUTHORIZATION, token)
                .exchange()
                .expectStatus()
                .isEqualTo(500)
                .expectBody()
                .jsonPath("$.own")
                .isEqualTo(true);
        assertThat(service("funding-watch").calls(path)).isEqualTo(1);
    }
}
