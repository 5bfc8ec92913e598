package coop.cluster.gateway;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;

/**
 * Two instances of a service behind the gateway, as {@code ./platform run --instances 2} starts
 * them: two stub services listed for one {@code lb://} name in the simple discovery client, and the
 * issuer the gateway trusts. A test class holds its own (a test stops one of them), registers it
 * from its {@code @DynamicPropertySource} and stops it {@code @AfterAll}.
 */
final class TwoInstances {

    final TestIssuer issuer = TestIssuer.started();
    final StubService first;
    final StubService second;
    private final String service;

    private TwoInstances(String service) {
        this.service = service;
        this.first = StubService.started(service);
        this.second = StubService.started(service);
    }

    /** Two started instances of {@code membership-service} (the stubs answer its routes). */
    static TwoInstances ofMembership() {
        return new TwoInstances("membership");
    }

    /** The issuer, both instances for {@code lb://<service>-service}, and the route to it. */
    void register(DynamicPropertyRegistry registry) {
        String discovery = "spring.cloud.discovery.client.simple.instances." + service + "-service";
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer::issuer);
        registry.add("cluster.services." + service + "-url", () -> "lb://" + service + "-service");
        registry.add(discovery + "[0].uri", first::url);
        registry.add(discovery + "[1].uri", second::url);
    }

    void stop() {
        first.stop();
        second.stop();
    }

    /**
     * A client that opens a new connection per request, so that requests are counted per instance
     * as the balancer chose, never carried by a pooled connection (see {@link
     * GatewayITSupport#client}).
     */
    static WebTestClient newConnectionPerRequest(WebTestClient autowired) {
        return autowired
                .mutate()
                .clientConnector(new ReactorClientHttpConnector(HttpClient.newConnection()))
                .build();
    }
}
