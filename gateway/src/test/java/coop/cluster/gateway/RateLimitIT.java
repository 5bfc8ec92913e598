package coop.cluster.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;

/** finance allows a burst of 5, then 1 per second, per principal (test settings). */
class RateLimitIT extends GatewayITSupport {

    @Autowired ApplicationContext context;

    @LocalServerPort int port;

    @Test
    void aPrincipalOverItsLimitGets429WhileAnotherPrincipalIsServed() {
        String alice = bearer("rate-alice", "finance");
        String bob = bearer("rate-bob", "finance");
        String path = "/api/finance/rate-limited";

        List<EntityExchangeResult<byte[]>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(
                    client.get()
                            .uri(path)
                            .header(HttpHeaders.AUTHORIZATION, alice)
                            .exchange()
                            .expectBody()
                            .returnResult());
        }
        long served = results.stream().filter(r -> r.getStatus().is2xxSuccessful()).count();
        List<EntityExchangeResult<byte[]>> refused =
                results.stream()
                        .filter(r -> r.getStatus().value() == HttpStatus.TOO_MANY_REQUESTS.value())
                        .toList();
        assertThat(served)
                .isBetween(5L, 6L); // the burst, plus at most one token refilled meanwhile
        assertThat(refused).hasSize(8 - (int) served);

        EntityExchangeResult<byte[]> first = refused.getFirst();
        HttpHeaders headers = first.getResponseHeaders();
        assertThat(headers.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(headers.getFirst(HttpHeaders.RETRY_AFTER)).matches("[1-9][0-9]*");
        assertThat(headers.getFirst("X-RateLimit-Remaining")).isEqualTo("0");
        String correlationId = headers.getFirst("X-Correlation-Id");
        assertThat(correlationId).isNotBlank();
        assertThat(new String(first.getResponseBody()))
                .contains("\"type\":\"https://cluster.coop/problems/rate-limited\"")
                .contains("\"status\":429")
                .contains("\"correlationId\":\"" + correlationId + "\"");
        assertThat(service("finance").calls(path))
                .as("refused requests never reach the service")
                .isEqualTo((int) served);

        client.get()
                .uri(path)
                .header(HttpHeaders.AUTHORIZATION, bob)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("X-RateLimit-Remaining", "4");
    }

    /**
     * The acceptance test's attack: unsigned pushes claiming feed region-sud (the gateway cannot
     * check the HMAC; funding-watch-service refuses them). They spend their sender's address
     * budget, never the feed's: a push from elsewhere still has its whole budget (funding-watch: 20
     * burst, 1 per second in these tests).
     */
    @Test
    void unverifiedFeedPushesSpendTheirAddressesBudgetNotTheFeeds() {
        String path = "/api/feeds/region-sud/calls";
        WebTestClient attacker = from("127.0.0.3");
        int refused = 0;
        for (int i = 0; i < 30; i++) {
            int status =
                    attacker.post()
                            .uri(path)
                            .headers(RateLimitIT::forgedSignature)
                            .contentType(MediaType.APPLICATION_JSON)
                            .bodyValue("[]")
                            .exchange()
                            .returnResult(String.class)
                            .getStatus()
                            .value();
            refused += status == 429 ? 1 : 0;
        }
        assertThat(refused).as("the sender's address is limited").isPositive();

        from("127.0.0.2")
                .post()
                .uri(path)
                .headers(RateLimitIT::forgedSignature)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("[]")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("X-RateLimit-Remaining", "19");
    }

    /** A client whose requests come from this loopback address. */
    private WebTestClient from(String address) {
        return WebTestClient.bindToServer(
                        new ReactorClientHttpConnector(
                                HttpClient.create()
                                        .bindAddress(() -> new InetSocketAddress(address, 0))))
                .baseUrl("http://127.0.0.1:" + port)
                .build();
    }

    private static void forgedSignature(HttpHeaders headers) {
        headers.set("X-Feed-Id", "region-sud");
        headers.set("X-Feed-Timestamp", "1764000000");
        headers.set("X-Feed-Signature", "sha256=" + "0".repeat(64));
    }

    @Test
    void otherRoutesKeepTheDefaultLimit() {
        String carol = bearer("rate-carol", "member");
        for (int i = 0; i < 10; i++) {
            client.get()
                    .uri("/api/projects/limit-" + i)
                    .header(HttpHeaders.AUTHORIZATION, carol)
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
    }

    @Test
    void theLocalBackendCreatesNoRedisBeansAndHealthHasNoRedis() {
        assertThat(context.getBean(RateLimiter.class))
                .isInstanceOf(LocalTokenBucketRateLimiter.class);
        assertThat(context.getBeanNamesForType(ReactiveRedisConnectionFactory.class)).isEmpty();
        client.get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(body -> assertThat(body).doesNotContainIgnoringCase("redis"));
    }
}
