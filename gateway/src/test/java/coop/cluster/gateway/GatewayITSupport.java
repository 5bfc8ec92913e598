package coop.cluster.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;

/**
 * One gateway for all integration tests that extend this class (Spring caches the context): four
 * stub services, a stub OIDC issuer, and settings that make failures show quickly.
 *
 * <ul>
 *   <li>membership: circuit opens after 4 calls with half of them failed, 1 s open
 *   <li>project: 1 s time limit (response timeout 1.5 s, so the TimeLimiter fires first)
 *   <li>finance: rate limit 5 burst, 1 per second; funding-watch: 20 burst, 1 per second
 *   <li>project, funding-watch, finance: circuits that practically never open, so the failures some
 *       tests provoke do not disturb others
 * </ul>
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "resilience4j.circuitbreaker.instances.membership.sliding-window-size=4",
            "resilience4j.circuitbreaker.instances.membership.minimum-number-of-calls=4",
            "resilience4j.circuitbreaker.instances.membership.wait-duration-in-open-state=1s",
            "resilience4j.circuitbreaker.instances.membership.permitted-number-of-calls-in-half-open-state=1",
            "resilience4j.timelimiter.instances.project.timeout-duration=1s",
            "cluster.gateway.routes.project.response-timeout-ms=1500",
            "resilience4j.circuitbreaker.instances.project.sliding-window-size=100",
            "resilience4j.circuitbreaker.instances.project.minimum-number-of-calls=100",
            "resilience4j.circuitbreaker.instances.funding-watch.sliding-window-size=100",
            "resilience4j.circuitbreaker.instances.funding-watch.minimum-number-of-calls=100",
            "resilience4j.circuitbreaker.instances.finance.sliding-window-size=100",
            "resilience4j.circuitbreaker.instances.finance.minimum-number-of-calls=100",
            "cluster.gateway.rate-limit.routes.finance.burst-capacity=5",
            "cluster.gateway.rate-limit.routes.finance.replenish-per-second=1",
            "cluster.gateway.rate-limit.routes.funding-watch.burst-capacity=20",
            "cluster.gateway.rate-limit.routes.funding-watch.replenish-per-second=1"
        })
// 30 s rather than the default 5 s: on a busy 2-core CI machine a cold route can take longer than 5
// s to answer,
// which failed a test that has nothing to do with time (what is timed is tested with explicit
// timeouts)
@AutoConfigureWebTestClient(timeout = "PT30S")
abstract class GatewayITSupport {

    static final TestIssuer ISSUER = TestIssuer.started();
    static final Map<String, StubService> SERVICES = new LinkedHashMap<>();

    static {
        for (String name :
                new String[] {
                    "membership",
                    "project",
                    "funding-watch",
                    "finance",
                    "activity",
                    "notification",
                    "identity",
                    "web"
                }) {
            SERVICES.put(name, StubService.started(name));
        }
    }

    @DynamicPropertySource
    static void wire(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", ISSUER::issuer);
        SERVICES.forEach(
                (name, stub) -> registry.add("cluster.services." + name + "-url", stub::url));
    }

    WebTestClient client;

    /**
     * The test client opens a new connection per request rather than reusing pooled ones: the tests
     * here make the gateway time out, break circuits and refuse malformed requests, and a
     * clean-clone CI run once saw a later request wait 30 s with nothing reaching the gateway, the
     * kind of hang a connection left in the shared client pool by an abandoned exchange would
     * explain. Browsers and services open their own connections anyway.
     */
    @Autowired
    void client(WebTestClient autowired) {
        this.client =
                autowired
                        .mutate()
                        .clientConnector(new ReactorClientHttpConnector(HttpClient.newConnection()))
                        .build();
    }

    static StubService service(String name) {
        return SERVICES.get(name);
    }

    static String bearer(String subject, String... roles) {
        return "Bearer " + ISSUER.token(subject, roles);
    }
}
