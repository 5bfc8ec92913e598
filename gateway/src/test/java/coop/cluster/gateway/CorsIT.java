package coop.cluster.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Preflights are answered by the gateway without a token; only configured origins get CORS headers.
 */
class CorsIT extends GatewayITSupport {

    private static final String WEB_APP = "http://127.0.0.1:5173";

    @Test
    void preflightFromAConfiguredOriginIsAllowedWithoutToken() {
        String path = "/api/members/cors-preflight";
        client.options()
                .uri(path)
                .header(HttpHeaders.ORIGIN, WEB_APP)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(
                        HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS,
                        "authorization,content-type,idempotency-key")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, WEB_APP)
                .expectHeader()
                .value(
                        HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS,
                        methods -> assertThat(methods).contains("POST"))
                .expectHeader()
                .value(
                        HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
                        headers ->
                                assertThat(headers.toLowerCase())
                                        .contains(
                                                "authorization", "content-type", "idempotency-key"))
                .expectHeader()
                .exists("X-Correlation-Id");
        assertThat(service("membership").last(path))
                .as("the gateway answers preflights itself")
                .isNull();
    }

    @Test
    void preflightFromAnotherOriginIsRefused() {
        client.options()
                .uri("/api/members/cors-evil")
                .header(HttpHeaders.ORIGIN, "https://evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://cluster.coop/problems/cors-refused");
    }

    @Test
    void preflightAskingForAnUnlistedHeaderIsRefused() {
        client.options()
                .uri("/api/members/cors-header")
                .header(HttpHeaders.ORIGIN, WEB_APP)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "x-something-else")
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void actualRequestExposesTheGatewayHeadersOnce() {
        client.get()
                .uri("/api/members/cors-actual")
                .header(HttpHeaders.ORIGIN, "http://localhost:5173")
                .header(HttpHeaders.AUTHORIZATION, bearer("cors-user", "member"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valuesMatch(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:5173")
                .expectHeader()
                .value(
                        HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
                        exposed ->
                                assertThat(exposed)
                                        .contains(
                                                "X-Correlation-Id",
                                                "Retry-After",
                                                "Location",
                                                "X-RateLimit-Remaining"));
    }

    @Test
    void refusalsCarryCorsHeadersSoTheBrowserCanReadThem() {
        client.get()
                .uri("/api/members/cors-401")
                .header(HttpHeaders.ORIGIN, WEB_APP)
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, WEB_APP);
    }
}
