package coop.cluster.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;

/**
 * The services' OpenAPI documents are reachable through the gateway, openly, for the aggregated
 * Swagger UI.
 */
class ApiDocsIT extends GatewayITSupport {

    @Value("${local.server.port}")
    int gatewayPort;

    @Test
    void apiDocsRouteReachesTheServicesDocumentWithoutTokenOrRateLimit() {
        service("finance")
                .on(
                        "/v3/api-docs",
                        (exchange, call) ->
                                StubService.respond(
                                        exchange,
                                        200,
                                        "application/json",
                                        "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"finance-service\"}}"));
        client.get()
                .uri("/docs/finance/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .doesNotExist("X-RateLimit-Remaining")
                .expectBody()
                .jsonPath("$.info.title")
                .isEqualTo("finance-service");
        StubService.Seen seen = service("finance").last("/v3/api-docs");
        assertThat(seen).isNotNull();
        assertThat(seen.headers().getFirst(HttpHeaders.HOST))
                .as("Host kept for the document's server URL")
                .endsWith(":" + gatewayPort);

        client.get()
                .uri("/docs/membership/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo("membership /v3/api-docs");
        client.get()
                .uri("/docs/project/v3/api-docs.yaml")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo("project /v3/api-docs.yaml");
    }

    /**
     * Acceptance testing (issue 15): docs/identity.md gave {@code /docs/<service>/v3/api-docs}, a
     * path nobody can call (the routes are {@code /docs/membership/...}, not {@code
     * /docs/membership-service/...}). Every document path the documentation names answers through
     * the gateway.
     */
    @Test
    void everyDocumentPathTheDocumentationNamesAnswers() throws IOException {
        Pattern documented = Pattern.compile("/docs/[^\\s`)\\]|,]*?/v3/api-docs[^\\s`)\\]|,]*");
        Set<String> paths = new TreeSet<>();
        List<Path> pages = new ArrayList<>();
        pages.add(Path.of("..", "README.md"));
        try (var docs = Files.walk(Path.of("..", "docs"))) {
            docs.filter(page -> page.toString().endsWith(".md")).forEach(pages::add);
        }
        for (Path page : pages) {
            Matcher found = documented.matcher(Files.readString(page));
            while (found.find()) {
                paths.add(found.group());
            }
        }
        assertThat(paths).as("the documentation names the services' documents").isNotEmpty();
        for (String path : paths) {
            assertThat(path).as(path).matches("/docs/[a-z-]+/v3/api-docs(\\.yaml)?");
            client.get().uri(path).exchange().expectStatus().isOk();
        }
    }

    @Test
    void onlyTheDocumentsAreOpenNotTheRestOfTheService() {
        client.get()
                .uri("/docs/membership/api/members/1")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        client.post()
                .uri("/docs/membership/v3/api-docs")
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void swaggerUiListsTheFourServicesWithPkceLogin() {
        client.get()
                .uri("/swagger-ui.html")
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .expectHeader()
                .location("/swagger-ui/index.html");
        client.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk();
        // the redirect URI registered for client cluster-web (docs/identity.md)
        client.get().uri("/swagger-ui/oauth2-redirect.html").exchange().expectStatus().isOk();
        client.get()
                .uri("/v3/api-docs/swagger-config")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(
                        config ->
                                assertThat(config)
                                        .contains(
                                                "/docs/membership/v3/api-docs",
                                                "/docs/project/v3/api-docs",
                                                "/docs/funding-watch/v3/api-docs",
                                                "/docs/finance/v3/api-docs",
                                                "/docs/identity/v3/api-docs"));
        client.get()
                .uri("/swagger-ui/swagger-initializer.js")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(
                        script ->
                                assertThat(script)
                                        .contains("\"clientId\":\"cluster-web\"")
                                        .contains("\"usePkceWithAuthorizationCodeGrant\":true"));
    }
}
