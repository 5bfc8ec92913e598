package coop.cluster.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
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
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A stand-in OIDC issuer on a JDK HttpServer: a discovery document and a JWKS with one RSA key, and
 * tokens signed with that key, so the gateway's real decoder path (discovery, key download,
 * signature, validators) runs.
 */
final class TestIssuer {

    private static final String KEY_ID = "test-key";
    static final String API_AUDIENCE = "cluster-api";
    static final String ACCESS_TOKEN_TYPE = "at+jwt";

    private final RSAKey key;
    private final RSAKey strangerKey;
    private final int port;
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private final AtomicInteger discoveryRequests = new AtomicInteger();
    private HttpServer server;

    private TestIssuer(int port) {
        this.port = port;
        try {
            this.key = new RSAKeyGenerator(2048).keyID(KEY_ID).generate();
            // same key id, different key: a token signed with it must be refused
            this.strangerKey = new RSAKeyGenerator(2048).keyID(KEY_ID).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An issuer on a port that was free a moment ago; not answering until {@link #start()}. */
    static TestIssuer onFreePort() {
        return new TestIssuer(freePort());
    }

    static TestIssuer started() {
        TestIssuer issuer = onFreePort();
        issuer.start();
        return issuer;
    }

    String issuer() {
        return "http://127.0.0.1:" + port;
    }

    int jwksRequests() {
        return jwksRequests.get();
    }

    int discoveryRequests() {
        return discoveryRequests.get();
    }

    String jwkSetUri() {
        return issuer() + "/jwks";
    }

    synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind the test issuer to port " + port, e);
        }
        server.createContext(
                "/.well-known/openid-configuration",
                exchange -> {
                    discoveryRequests.incrementAndGet();
                    json(
                            exchange,
                            """
                            {"issuer":"%1$s","jwks_uri":"%1$s/jwks","authorization_endpoint":"%1$s/oauth2/authorize",
                             "token_endpoint":"%1$s/oauth2/token","response_types_supported":["code"],
                             "subject_types_supported":["public"],"id_token_signing_alg_values_supported":["RS256"]}
                            """
                                    .formatted(issuer()));
                });
        server.createContext(
                "/jwks",
                exchange -> {
                    jwksRequests.incrementAndGet();
                    json(exchange, new JWKSet(key.toPublicJWK()).toString());
                });
        server.start();
    }

    synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /**
     * A valid access token as the platform's issuers mint them: {@code typ: at+jwt}, {@code aud:
     * cluster-api}, 15 minutes, this issuer, the given subject and roles.
     */
    String token(String subject, String... roles) {
        return token(claims -> claims.subject(subject).claim("roles", List.of(roles)));
    }

    /**
     * An access token with valid defaults that the customizer may change (expiry, issuer, audience,
     * claims).
     */
    String token(Consumer<JWTClaimsSet.Builder> customizer) {
        return sign(key, ACCESS_TOKEN_TYPE, customizer);
    }

    /**
     * A token with the given {@code typ} header (null: none) and otherwise valid access-token
     * defaults.
     */
    String tokenOfType(String type, Consumer<JWTClaimsSet.Builder> customizer) {
        return sign(key, type, customizer);
    }

    /**
     * The OpenID Connect ID token a client gets with the access token: {@code typ: JWT}, {@code
     * aud} the client.
     */
    String idToken(String subject, String... roles) {
        return sign(
                key,
                "JWT",
                claims ->
                        claims.subject(subject)
                                .claim("roles", List.of(roles))
                                .audience("cluster-web")
                                .claim("azp", "cluster-web")
                                .claim("client_id", null));
    }

    /** Signed with a key that is not in the JWKS (but carries the same key id). */
    String tokenSignedByStranger(String subject) {
        return sign(strangerKey, ACCESS_TOKEN_TYPE, claims -> claims.subject(subject));
    }

    private String sign(RSAKey signingKey, String type, Consumer<JWTClaimsSet.Builder> customizer) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims =
                new JWTClaimsSet.Builder()
                        .issuer(issuer())
                        .subject("someone")
                        .issueTime(Date.from(now))
                        .notBeforeTime(Date.from(now))
                        .expirationTime(Date.from(now.plusSeconds(900)))
                        .jwtID(UUID.randomUUID().toString())
                        .audience(API_AUDIENCE)
                        .claim("client_id", "cluster-web")
                        .claim("scope", "openid");
        customizer.accept(claims);
        try {
            JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY_ID);
            if (type != null) {
                header.type(new JOSEObjectType(type));
            }
            SignedJWT jwt = new SignedJWT(header.build(), claims.build());
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void json(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    static int freePort() {
        try (ServerSocket socket =
                new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
