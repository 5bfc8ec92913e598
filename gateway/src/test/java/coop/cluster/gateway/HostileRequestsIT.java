package coop.cluster.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every gateway route × hostile paths, queries and methods, with and without a token: every answer
 * is a 4xx {@code application/problem+json}, and nothing reaches a service. The paths, methods and
 * sizes are those the acceptance test found answered with an empty body or an HTML page.
 */
class HostileRequestsIT extends GatewayITSupport {

    /** One path under every route (and the open paths). */
    private static final List<String> ROUTES =
            List.of(
                    "/api/members",
                    "/api/council",
                    "/api/groups",
                    "/api/directory",
                    "/api/projects",
                    "/api/invitations",
                    "/api/calls",
                    "/api/watches",
                    "/api/feeds/region-sud/calls",
                    "/api/finance",
                    "/api/public/members",
                    "/api/public/reports",
                    "/docs/membership/v3/api-docs",
                    "/docs/finance/v3/api-docs",
                    "/actuator/health",
                    "/swagger-ui.html");

    private static final List<String> HOSTILE_SUFFIXES =
            List.of(
                    "/%2F..%2Fadmin",
                    "/a%2fb",
                    "/%00",
                    "/x%00.json",
                    "/..;/actuator/env",
                    "/x;jsessionid=1",
                    "//double",
                    "/./dot",
                    "/../up",
                    "/%2e%2e/up",
                    "/a%5Cb",
                    "/%25",
                    "/%ff",
                    "/%C0%AE%C0%AE/etc",
                    "/%E0%80%AF",
                    "/x?q=%ff",
                    "/x?q=" + "a".repeat(5000));

    private static final List<HttpMethod> HOSTILE_METHODS =
            List.of(HttpMethod.TRACE, HttpMethod.valueOf("PROPFIND"), HttpMethod.valueOf("FOO"));

    @LocalServerPort int port;

    static Stream<Arguments> hostileRequests() {
        List<Arguments> cases = new ArrayList<>();
        for (String route : ROUTES) {
            for (String suffix : HOSTILE_SUFFIXES) {
                for (HttpMethod method :
                        List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.DELETE)) {
                    cases.add(Arguments.of(method, route + suffix, false));
                    cases.add(Arguments.of(method, route + suffix, true));
                }
            }
            for (HttpMethod method : HOSTILE_METHODS) {
                cases.add(Arguments.of(method, route, false));
                cases.add(Arguments.of(method, route, true));
                cases.add(Arguments.of(method, route + "/%ff", true));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} token={2}")
    @MethodSource("hostileRequests")
    void everyAnswerIsAProblem(HttpMethod method, String path, boolean withToken) {
        int before = totalCalls();
        WebTestClient.RequestBodySpec request =
                client.method(method).uri(URI.create("http://127.0.0.1:" + port + path));
        if (withToken) {
            request.header(HttpHeaders.AUTHORIZATION, bearer("manon", "manager"));
        }
        if (method.equals(HttpMethod.POST)) {
            request.contentType(MediaType.APPLICATION_JSON).bodyValue("[]");
        }
        EntityExchangeResult<String> result =
                request.exchange().expectBody(String.class).returnResult();

        assertThat(result.getStatus().is4xxClientError())
                .as(
                        method
                                + " "
                                + abbreviated(path)
                                + ": "
                                + result.getStatus()
                                + " "
                                + result.getResponseBody())
                .isTrue();
        assertThat(result.getResponseHeaders().getContentType())
                .as(method + " " + abbreviated(path))
                .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result.getResponseBody())
                .as(method + " " + abbreviated(path))
                .contains("\"type\":\"https://cluster.coop/problems/")
                .contains("\"status\":" + result.getStatus().value());
        // the problem's code, the last segment of its type, as the services' problems carry it
        java.util.regex.Matcher type =
                java.util.regex.Pattern.compile(
                                "\"type\":\"https://cluster\\.coop/problems/([a-z0-9-]+)\"")
                        .matcher(result.getResponseBody());
        assertThat(type.find()).isTrue();
        assertThat(result.getResponseBody())
                .as(method + " " + abbreviated(path))
                .contains("\"code\":\"" + type.group(1) + "\"");
        assertThat(totalCalls()).as("nothing reached a service").isEqualTo(before);
    }

    private static int totalCalls() {
        return SERVICES.values().stream().mapToInt(StubService::totalCalls).sum();
    }

    private static String abbreviated(String path) {
        return path.length() > 80 ? path.substring(0, 80) + "..." : path;
    }
}
