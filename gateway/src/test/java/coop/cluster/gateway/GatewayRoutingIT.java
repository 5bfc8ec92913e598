package coop.cluster.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** Each route reaches its service, and a correlation id follows the request there and back. */
class GatewayRoutingIT extends GatewayITSupport {

    private final String token = bearer("routing-user", "member");

    @Test
    void routesEachPathToItsService() {
        Map.ofEntries(
                        Map.entry("/api/members/applications", "membership"),
                        Map.entry("/api/council/proposals", "membership"),
                        Map.entry("/api/directory", "membership"),
                        Map.entry("/api/groups/7", "membership"),
                        Map.entry("/api/projects/1", "project"),
                        Map.entry("/api/invitations", "project"),
                        Map.entry("/api/calls", "funding-watch"),
                        Map.entry("/api/watches/3", "funding-watch"),
                        Map.entry("/api/feeds/eu", "funding-watch"),
                        Map.entry("/api/finance/member-accounts/1", "finance"),
                        Map.entry("/api/activity/events", "activity"),
                        Map.entry("/api/activity/registrations/mine", "activity"),
                        Map.entry("/api/public/members", "membership"),
                        Map.entry("/api/public/reports/2026-Q1", "finance"),
                        Map.entry("/api/identity/people", "identity"),
                        Map.entry("/api/notifications", "notification"),
                        Map.entry("/api/notifications/unread-count", "notification"))
                .forEach(
                        (path, service) ->
                                client.get()
                                        .uri(path)
                                        .header(HttpHeaders.AUTHORIZATION, token)
                                        .exchange()
                                        .expectStatus()
                                        .isOk()
                                        .expectBody(String.class)
                                        .isEqualTo(service + " " + path));
    }

    /**
     * The identity service's flows for people without a token (docs/people.md) pass without one;
     * the rest of its API, and any other method on those paths, needs a token.
     */
    @Test
    void letsOnlyTheAnonymousIdentityFlowsThroughWithoutAToken() {
        for (String path : AnonymousIdentityFlows.PATHS) {
            client.post()
                    .uri(path)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{}")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .isEqualTo("identity " + path);
            client.get().uri(path).exchange().expectStatus().isUnauthorized();
        }
        client.post()
                .uri("/api/identity/invitations")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        client.get().uri("/api/identity/people").exchange().expectStatus().isUnauthorized();
        client.post()
                .uri("/api/identity/sign-ups/confirmation/extra")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    /**
     * The mails' one-click unsubscribe links pass without a token, POST only; the rest of the inbox
     * needs one.
     */
    @Test
    void letsOnlyTheOneClickUnsubscribeThroughWithoutAToken() {
        client.post()
                .uri("/api/notifications/unsubscribe?token=abc")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("List-Unsubscribe=One-Click")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo("notification /api/notifications/unsubscribe");
        client.get()
                .uri("/api/notifications/unsubscribe?token=abc")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        client.get().uri("/api/notifications").exchange().expectStatus().isUnauthorized();
        client.post().uri("/api/notifications/read-all").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void keepsAWellFormedCorrelationIdAndPassesItDownstream() {
        client.get()
                .uri("/api/projects/7")
                .header(HttpHeaders.AUTHORIZATION, token)
                .header("X-Correlation-Id", "client-42")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("X-Correlation-Id", "client-42");
        assertThat(
                        service("project")
                                .last("/api/projects/7")
                                .headers()
                                .getFirst("X-Correlation-Id"))
                .isEqualTo("client-42");
    }

    @Test
    void replacesAMalformedCorrelationId() {
        String made =
                client.get()
                        .uri("/api/projects/8")
                        .header(HttpHeaders.AUTHORIZATION, token)
                        .header("X-Correlation-Id", "no spaces <allowed>")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .returnResult(String.class)
                        .getResponseHeaders()
                        .getFirst("X-Correlation-Id");
        assertThat(made).matches("[0-9a-f-]{36}");
        assertThat(
                        service("project")
                                .last("/api/projects/8")
                                .headers()
                                .getFirst("X-Correlation-Id"))
                .isEqualTo(made);
    }

    @Test
    void makesACorrelationIdWhenTheClientSentNone() {
        String made =
                client.get()
                        .uri("/api/calls/9")
                        .header(HttpHeaders.AUTHORIZATION, token)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .returnResult(String.class)
                        .getResponseHeaders()
                        .getFirst("X-Correlation-Id");
        assertThat(made).matches("[0-9a-f-]{36}");
        assertThat(
                        service("funding-watch")
                                .last("/api/calls/9")
                                .headers()
                                .getFirst("X-Correlation-Id"))
                .isEqualTo(made);
    }

    @Test
    void answersUnknownApiPathsWith404Problem() {
        client.get()
                .uri("/api/nothing-here")
                .header(HttpHeaders.AUTHORIZATION, token)
                .header("X-Correlation-Id", "lost-1")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(404)
                .jsonPath("$.instance")
                .isEqualTo("/api/nothing-here")
                .jsonPath("$.correlationId")
                .isEqualTo("lost-1");
    }

    /**
     * Every GET, HEAD or POST outside the gateway's own paths goes to the web console, without a
     * token (it has its own session), with the browser's Host, which its redirects and OAuth
     * redirect URI are built from.
     */
    @Test
    void routesEverythingElseToTheWebConsoleWithTheHostKept() {
        for (String path :
                new String[] {
                    "/",
                    "/home",
                    "/assets/bootstrap/5.3.3/css/bootstrap.min.css",
                    "/oauth2/authorization/cluster",
                    "/login/oauth2/code/cluster"
                }) {
            client.get()
                    .uri(path)
                    .header(HttpHeaders.HOST, "127.0.0.1:8080")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .isEqualTo("web " + path);
        }
        StubService.Seen seen = service("web").last("/home");
        assertThat(seen.headers().getFirst("Host")).isEqualTo("127.0.0.1:8080");
        client.post()
                .uri("/logout")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("_csrf=x")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo("web /logout");
    }

    /**
     * The gateway's own paths never reach the console, even encoded, and other methods are refused
     * there.
     */
    @Test
    void theGatewaysOwnPathsAndOtherMethodsNeverReachTheWebConsole() {
        int before = service("web").totalCalls();
        client.get().uri("/api/nothing-here").exchange().expectStatus().isUnauthorized();
        client.get().uri("/fallback/membership").exchange().expectStatus().isUnauthorized();
        client.get().uri("/actuator/env").exchange().expectStatus().isUnauthorized();
        client.get().uri("/%61pi/members").exchange().expectStatus().is4xxClientError();
        client.put()
                .uri("/home")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        client.delete()
                .uri("/")
                .header(HttpHeaders.AUTHORIZATION, token)
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(service("web").totalCalls()).isEqualTo(before);
    }
}
