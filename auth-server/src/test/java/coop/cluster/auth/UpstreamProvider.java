package coop.cluster.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * An upstream OpenID Connect provider for the federation tests, standing in for Keycloak or Entra
 * ID: discovery, an authorization endpoint that logs in {@link #nextLogin} at once and redirects
 * back with a code, a token endpoint that answers a signed ID token (with the request's nonce),
 * userinfo and a JWKS. Real HTTP, real RS256 signatures, so the issuer's whole OAuth 2 client path
 * runs.
 */
final class UpstreamProvider implements AutoCloseable {

    /** Who logs in at the next authorization request. */
    record Login(String subject, String email, boolean emailVerified, String name) {}

    private record Grant(Login login, String nonce, String clientId) {}

    private final HttpServer server;
    private final RSAKey key;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, Login> accessTokens = new ConcurrentHashMap<>();
    private volatile Login nextLogin;

    private UpstreamProvider(HttpServer server, RSAKey key) {
        this.server = server;
        this.key = key;
    }

    static UpstreamProvider start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            UpstreamProvider provider =
                    new UpstreamProvider(
                            server, new RSAKeyGenerator(2048).keyID("upstream-key").generate());
            server.createContext("/.well-known/openid-configuration", provider::discovery);
            server.createContext("/authorize", provider::authorize);
            server.createContext("/token", provider::token);
            server.createContext("/userinfo", provider::userInfo);
            server.createContext(
                    "/jwks",
                    exchange ->
                            respond(
                                    exchange,
                                    200,
                                    new JWKSet(provider.key.toPublicJWK()).toString()));
            server.start();
            return provider;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void nextLogin(Login login) {
        this.nextLogin = login;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void discovery(HttpExchange exchange) throws IOException {
        respond(
                exchange,
                200,
                """
                {"issuer":"%1$s","authorization_endpoint":"%1$s/authorize","token_endpoint":"%1$s/token",
                 "userinfo_endpoint":"%1$s/userinfo","jwks_uri":"%1$s/jwks","response_types_supported":["code"],
                 "subject_types_supported":["public"],"id_token_signing_alg_values_supported":["RS256"],
                 "scopes_supported":["openid","email","profile"],
                 "token_endpoint_auth_methods_supported":["client_secret_basic","client_secret_post"]}
                """
                        .formatted(issuer()));
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        Login login = nextLogin;
        if (login == null) {
            respond(exchange, 400, "{\"error\":\"nobody logs in\"}");
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(login, query.get("nonce"), query.get("client_id")));
        String location =
                query.get("redirect_uri")
                        + "?code="
                        + code
                        + "&state="
                        + URLEncoder.encode(
                                query.getOrDefault("state", ""), StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> body =
                form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Grant grant = codes.remove(body.getOrDefault("code", ""));
        if (grant == null) {
            respond(exchange, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        String accessToken = UUID.randomUUID().toString();
        accessTokens.put(accessToken, grant.login());
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims =
                new JWTClaimsSet.Builder()
                        .issuer(issuer())
                        .subject(grant.login().subject())
                        .audience(grant.clientId())
                        .issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plusSeconds(300)))
                        .claim("email", grant.login().email())
                        .claim("email_verified", grant.login().emailVerified())
                        .claim("name", grant.login().name());
        if (grant.nonce() != null) {
            claims.claim("nonce", grant.nonce());
        }
        try {
            SignedJWT idToken =
                    new SignedJWT(
                            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                            claims.build());
            idToken.sign(new RSASSASigner(key));
            respond(
                    exchange,
                    200,
                    """
                    {"access_token":"%s","token_type":"Bearer","expires_in":300,"scope":"openid email profile",
                     "id_token":"%s"}\
                    """
                            .formatted(accessToken, idToken.serialize()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private void userInfo(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Login login =
                authorization == null
                        ? null
                        : accessTokens.get(authorization.replaceFirst("^Bearer ", ""));
        if (login == null) {
            respond(exchange, 401, "{\"error\":\"invalid_token\"}");
            return;
        }
        respond(
                exchange,
                200,
                """
                {"sub":"%s","email":"%s","email_verified":%s,"name":"%s"}\
                """
                        .formatted(
                                login.subject(),
                                login.email(),
                                login.emailVerified(),
                                login.name()));
    }

    private static Map<String, String> form(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return Map.of();
        }
        return Arrays.stream(encoded.split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(
                        Collectors.toMap(
                                p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                                p ->
                                        p.length > 1
                                                ? URLDecoder.decode(p[1], StandardCharsets.UTF_8)
                                                : "",
                                (a, b) -> a));
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    static List<String> scopes() {
        return List.of("openid", "email", "profile");
    }
}
