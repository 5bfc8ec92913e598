package coop.cluster.plumbing.security;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.testing.security.TestIssuer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every answer a service gives is problem+json, to hostile requests too (paths Tomcat cannot
 * decode, paths the firewall refuses, made-up methods, oversized bodies whatever their framing), in
 * the request's language. Sent over a raw socket, so that nothing on the client side cleans the
 * request up.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = GuardedApp.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.application.name=guarded-problems-it")
class ProblemAnswersIT {

    private static final TestIssuer issuer = TestIssuer.shared();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri("guarded_problems_it"));
        issuer.register(registry);
    }

    @LocalServerPort int port;

    private static final List<String> HOSTILE_PATHS =
            List.of(
                    "/api/guarded/%ff",
                    "/api/guarded/%C0%AE%C0%AE/x",
                    "/api/guarded/%E0%80%AF",
                    "/api/guarded/a%2Fb",
                    "/api/guarded/%2F..%2Fadmin",
                    "/api/guarded/%00",
                    "/api/guarded/..;/actuator/env",
                    "/api/guarded//whoami",
                    "/api/guarded/./whoami",
                    "/api/guarded/../x",
                    "/api/guarded/a%5Cb",
                    "/api/guarded/%25",
                    "/api/guarded/%zz",
                    "/%ff",
                    "/actuator/%C0%AE",
                    "/no/such/path");

    @TestFactory
    Stream<DynamicTest> hostilePathsAndMethodsGetProblems() {
        List<DynamicTest> tests = new ArrayList<>();
        String token = issuer.token("manon").roles("manager").sign();
        for (String path : HOSTILE_PATHS) {
            for (String method : List.of("GET", "POST", "DELETE")) {
                for (boolean withToken : new boolean[] {false, true}) {
                    tests.add(
                            DynamicTest.dynamicTest(
                                    method + " " + abbreviated(path) + (withToken ? " +token" : ""),
                                    () ->
                                            assertProblem(
                                                    send(
                                                            method,
                                                            path,
                                                            withToken ? token : null,
                                                            "en",
                                                            null))));
                }
            }
        }
        for (String method : List.of("TRACE", "PROPFIND", "FOO", "PUT", "PATCH")) {
            tests.add(
                    DynamicTest.dynamicTest(
                            method + " /api/guarded/whoami",
                            () ->
                                    assertProblem(
                                            send(
                                                    method,
                                                    "/api/guarded/whoami",
                                                    token,
                                                    "en",
                                                    null))));
        }
        return tests.stream();
    }

    @Test
    void tomcatsOwnRefusalsSpeakFrench() throws IOException {
        Answer answer = send("GET", "/api/guarded/%ff", null, "fr", null);
        assertProblem(answer);
        assertThat(answer.body()).contains("Requête refusée");
    }

    /** A 3 MB body sent chunked: refused as a declared 3 MB body is, before anything reads it. */
    @Test
    void aChunkedBodyOverTheLimitIs413() throws IOException {
        String token = issuer.token("manon").roles("manager").sign();
        Answer chunked = send("POST", "/api/guarded/whoami", token, "en", 3 * 1024 * 1024);
        assertThat(chunked.status()).isEqualTo(413);
        assertProblem(chunked);
        assertThat(chunked.body()).contains("payload-too-large");
        Answer small = send("POST", "/api/guarded/whoami", token, "en", 10 * 1024);
        assertThat(small.status())
                .as("a small chunked body goes on to the endpoint (GET only)")
                .isEqualTo(405);
        assertProblem(small);
    }

    @Test
    void notFoundNamesTheKindOfObjectInTheRequestsLanguage() throws IOException {
        String amina = issuer.token("amina").roles("member").memberId("m-1").sign();
        Answer french = send("GET", "/api/guarded/orgs/m-2", amina, "fr", null);
        assertThat(french.status()).isEqualTo(404);
        assertThat(french.body())
                .contains("Organisation introuvable (identifiant 'm-2').")
                .doesNotContain("Aucun(e)");
        Answer english = send("GET", "/api/guarded/orgs/m-2", amina, "en", null);
        assertThat(english.body()).contains("There is no organisation with id 'm-2'.");
    }

    /**
     * Issue 15 again: through the gateway, a path under a service's routes that no endpoint maps
     * answered Spring's "No static resource api/members/x/y." without a type, in English to
     * Accept-Language: fr.
     */
    @Test
    void aPathNoEndpointMapsIsANoEndpointProblemInTheRequestsLanguage() throws IOException {
        String token = issuer.token("manon").roles("manager").sign();
        Answer french = send("GET", "/api/guarded/no/such/endpoint", token, "fr", null);
        assertThat(french.status()).isEqualTo(404);
        assertProblem(french);
        assertThat(french.body())
                .contains("\"type\":\"https://cluster.coop/problems/no-endpoint\"")
                .contains("Aucun point d'accès à /api/guarded/no/such/endpoint.")
                .doesNotContain("static resource");
        Answer english = send("DELETE", "/api/guarded/no/such/endpoint", token, "en", null);
        assertThat(english.status()).isEqualTo(404);
        assertThat(english.body()).contains("No endpoint at /api/guarded/no/such/endpoint.");
    }

    /**
     * A refused method is named as sent (the error dispatch is a GET: the answer said "GET is not
     * allowed here").
     */
    @Test
    void aRefusedMethodIsNamedAsSent() throws IOException {
        String token = issuer.token("manon").roles("manager").sign();
        for (String method : List.of("TRACE", "PROPFIND")) {
            Answer answer = send(method, "/api/guarded/whoami", token, "en", null);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(405);
            assertProblem(answer);
            assertThat(answer.body()).as(answer.toString()).contains(method + " is not allowed");
        }
    }

    private static void assertProblem(Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isBetween(400, 499);
        assertThat(answer.contentType())
                .as(answer.toString())
                .startsWith("application/problem+json");
        assertThat(answer.body())
                .as(answer.toString())
                .contains("\"title\":")
                .contains("\"status\":" + answer.status())
                .contains("\"type\":\"https://cluster.coop/problems/");
    }

    record Answer(int status, String contentType, String body) {}

    /**
     * One request on its own connection; {@code chunkedBytes} sends a chunked body of that many
     * bytes.
     */
    private Answer send(
            String method, String target, String token, String language, Integer chunkedBytes)
            throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder head =
                    new StringBuilder(
                            method
                                    + " "
                                    + target
                                    + " HTTP/1.1\r\nHost: 127.0.0.1:"
                                    + port
                                    + "\r\nAccept-Language: "
                                    + language
                                    + "\r\nConnection: close\r\n");
            if (token != null) {
                head.append("Authorization: Bearer ").append(token).append("\r\n");
            }
            if (chunkedBytes != null) {
                head.append("Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            if (chunkedBytes != null) {
                byte[] chunk = " ".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
                try {
                    for (int sent = 0; sent < chunkedBytes; sent += chunk.length) {
                        out.write(
                                (Integer.toHexString(chunk.length) + "\r\n")
                                        .getBytes(StandardCharsets.US_ASCII));
                        out.write(chunk);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException closedEarly) {
                    // the server may answer and close before the whole body is sent; read what it
                    // said
                }
            }
            out.flush();
            return parse(socket.getInputStream());
        }
    }

    private static Answer parse(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try {
            in.transferTo(all);
        } catch (IOException reset) {
            // keep what arrived
        }
        // one char per byte while the chunk sizes (in bytes) are followed; the body is decoded as
        // UTF-8 at the end
        String response = all.toString(StandardCharsets.ISO_8859_1);
        int end = response.indexOf("\r\n\r\n");
        String head = end < 0 ? response : response.substring(0, end);
        String body = end < 0 ? "" : response.substring(end + 4);
        int status = Integer.parseInt(head.substring(9, 12));
        String contentType = "";
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                contentType = line.substring(13).trim();
            }
            if (line.toLowerCase(Locale.ROOT).startsWith("transfer-encoding:")
                    && line.contains("chunked")) {
                body = dechunk(body);
            }
        }
        return new Answer(
                status,
                contentType,
                new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                break;
            }
            body.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
        return body.toString();
    }

    private static String abbreviated(String path) {
        return path.length() > 60 ? path.substring(0, 60) + "..." : path;
    }
}
