package coop.cluster.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;

/** Metrics stay low-cardinality: tagged by route, never by the raw path. */
class MetricsIT extends GatewayITSupport {

    @Autowired PrometheusMeterRegistry registry;

    @Test
    void manyDistinctPathsCreateNoPathTagsAndRequestsAreTaggedByRoute() {
        String token = bearer("metrics-user", "member");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            client.get()
                    .uri("/api/members/" + id)
                    .header(HttpHeaders.AUTHORIZATION, token)
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        // unauthenticated ones too: they are recorded by the server metrics
        client.get()
                .uri("/api/members/" + ids.getFirst())
                .exchange()
                .expectStatus()
                .isUnauthorized();

        // not served through the gateway's port (GatewaySecurityIT): read from the registry it
        // would scrape
        String prometheus = registry.scrape();

        assertThat(prometheus).contains("spring_cloud_gateway_requests_seconds_count{");
        assertThat(
                        prometheus
                                .lines()
                                .filter(
                                        line ->
                                                line.startsWith(
                                                        "spring_cloud_gateway_requests_seconds_count"))
                                .anyMatch(line -> line.contains("routeId=\"membership\"")))
                .isTrue();
        assertThat(prometheus).contains("reactor_netty_connection_provider_max_connections{");
        for (String id : ids) {
            assertThat(prometheus).doesNotContain(id);
        }
        assertThat(prometheus).doesNotContain("/api/members/");
        // per-request security observations are switched off (CPU); the gateway's own metrics cover
        // requests
        assertThat(prometheus).doesNotContain("spring_security_filterchains");
    }
}
