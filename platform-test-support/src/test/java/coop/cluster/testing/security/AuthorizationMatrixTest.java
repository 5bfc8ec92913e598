package coop.cluster.testing.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;

/**
 * The matrix against a tiny HTTP service whose rule is "members read their own organisation,
 * managers any": the right table passes, a wrong expectation fails, a missing row is refused.
 */
class AuthorizationMatrixTest {

    private static final HttpServer service = start();

    @AfterAll
    static void stop() {
        service.stop(0);
    }

    @Test
    void theRightTablePassesInEveryCell() throws Throwable {
        List<DynamicTest> cells =
                flatten(
                        matrix(
                                        """
                                        anonymous 401
                                        member    own 200 other 404
                                        delegate  own 200 other 404
                                        manager   2xx
                                        finance   403
                                        feed      403|404
                                        """)
                                .tests());
        assertThat(cells).hasSize(1 + 2 + 2 + 1 + 1 + 2);
        for (DynamicTest cell : cells) {
            cell.getExecutable().execute();
        }
    }

    @Test
    void aWrongExpectationFailsItsCellOnly() {
        List<DynamicTest> cells =
                flatten(
                        matrix(
                                        """
                                        anonymous 401
                                        member    200
                                        delegate  own 200 other 404
                                        manager   200
                                        finance   403
                                        feed      403
                                        """)
                                .tests());
        List<String> failed = new ArrayList<>();
        for (DynamicTest cell : cells) {
            try {
                cell.getExecutable().execute();
            } catch (Throwable e) {
                failed.add(cell.getDisplayName());
            }
        }
        assertThat(failed).containsExactly("member · other → 200");
    }

    @Test
    void everyCallerNeedsARow() {
        assertThatThrownBy(
                        () ->
                                matrix(
                                        """
                                        anonymous 401
                                        member    200
                                        """))
                .hasMessageContaining("no row for [DELEGATE, MANAGER, FINANCE, FEED]");
    }

    @Test
    void rowsAreCheckedForTypos() {
        assertThatThrownBy(() -> matrix("anonymous 40"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a status");
        assertThatThrownBy(() -> matrix("member own 200 others 404"))
                .hasMessageContaining("cannot read row");
    }

    @Test
    void tamperingBreaksTheSignatureOnly() throws Exception {
        String token = TestIssuer.shared().token("someone").roles("member").sign();
        String tampered = TestIssuer.tampered(token);
        assertThat(tampered).isNotEqualTo(token);
        assertThat(tampered.substring(0, tampered.lastIndexOf('.')))
                .isEqualTo(token.substring(0, token.lastIndexOf('.')));
        assertThat(SignedJWT.parse(tampered).getJWTClaimsSet().getSubject()).isEqualTo("someone");
    }

    private static AuthorizationMatrix matrix(String table) {
        return AuthorizationMatrix.at(
                        "http://127.0.0.1:" + service.getAddress().getPort(), TestIssuer.shared())
                .endpoint(
                        "GET /api/orgs/{id}",
                        cell -> MatrixRequest.get("/api/orgs/" + cell.memberId()))
                .expect(table);
    }

    private static List<DynamicTest> flatten(Stream<DynamicNode> nodes) {
        List<DynamicTest> tests = new ArrayList<>();
        nodes.forEach(
                node -> {
                    if (node instanceof DynamicContainer container) {
                        tests.addAll(flatten(container.getChildren().map(DynamicNode.class::cast)));
                    } else {
                        tests.add((DynamicTest) node);
                    }
                });
        return tests;
    }

    /**
     * Reads the token without verifying it (the issuer is trusted in this test); the rule is what
     * is tested.
     */
    private static HttpServer start() {
        try {
            HttpServer server =
                    HttpServer.create(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext(
                    "/api/orgs/",
                    exchange -> {
                        String auth = exchange.getRequestHeaders().getFirst("Authorization");
                        String org =
                                exchange.getRequestURI().getPath().substring("/api/orgs/".length());
                        int status;
                        if (auth == null) {
                            status = 401;
                        } else {
                            try {
                                var claims =
                                        SignedJWT.parse(auth.substring("Bearer ".length()))
                                                .getJWTClaimsSet();
                                List<String> roles = claims.getStringListClaim("roles");
                                if (roles.contains("manager")) {
                                    status = 200;
                                } else if (roles.contains("member") || roles.contains("delegate")) {
                                    status =
                                            org.equals(claims.getStringClaim("member_id"))
                                                    ? 200
                                                    : 404;
                                } else {
                                    status = 403;
                                }
                            } catch (java.text.ParseException e) {
                                status = 401;
                            }
                        }
                        byte[] body =
                                (status == 200 ? "{}" : "{\"status\":" + status + "}")
                                        .getBytes(StandardCharsets.UTF_8);
                        exchange.getResponseHeaders()
                                .add(
                                        "Content-Type",
                                        status == 200
                                                ? "application/json"
                                                : "application/problem+json");
                        exchange.sendResponseHeaders(status, body.length);
                        exchange.getResponseBody().write(body);
                        exchange.close();
                    });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
