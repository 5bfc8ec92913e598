package coop.cluster.testing.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * An OIDC issuer for tests: serves a discovery document and a JWKS over real HTTP and signs tokens
 * with claims a test chooses, so services under test verify them exactly as in production
 * (discovery, key fetch, signature, expiry, issuer, audience, token type). Tokens are minted as the
 * platform's issuers mint access tokens (docs/identity.md): header {@code typ: at+jwt}, {@code aud}
 * the platform's API ({@value #API_AUDIENCE}) and a {@code client_id}. Also makes the bad tokens a
 * test needs: expired, tampered, signed by another key, an ID token, a token for another audience.
 * One per JVM ({@link #shared()}) is enough; it costs a few milliseconds.
 */
public final class TestIssuer implements AutoCloseable {

    /** The audience of the platform's API, {@code cluster.identity.audience} by default. */
    public static final String API_AUDIENCE = "cluster-api";

    /** The {@code typ} header of an access token (RFC 9068). */
    public static final String ACCESS_TOKEN_TYPE = "at+jwt";

    /** The client that asked for the tokens this issuer signs, unless a test names another. */
    public static final String CLIENT_ID = "cluster-web";

    private static TestIssuer shared;

    private final HttpServer server;
    private final RSAKey key;
    private final RSAKey strangerKey;
    private final String issuer;
    private final AtomicInteger discoveryRequests = new AtomicInteger();

    private TestIssuer() {
        try {
            key =
                    new RSAKeyGenerator(2048)
                            .keyUse(KeyUse.SIGNATURE)
                            .keyID("test-" + UUID.randomUUID())
                            .generate();
            strangerKey =
                    new RSAKeyGenerator(2048)
                            .keyUse(KeyUse.SIGNATURE)
                            .keyID(key.getKeyID())
                            .generate();
            server =
                    HttpServer.create(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/issuer";
        String discovery =
                """
                {"issuer":"%1$s","jwks_uri":"%1$s/jwks","authorization_endpoint":"%1$s/authorize",\
                "token_endpoint":"%1$s/token","subject_types_supported":["public"],\
                "id_token_signing_alg_values_supported":["RS256"],"response_types_supported":["code"]}\
                """
                        .formatted(issuer);
        String jwks = new JWKSet(key.toPublicJWK()).toString();
        server.createContext(
                "/issuer/.well-known/openid-configuration",
                exchange -> {
                    discoveryRequests.incrementAndGet();
                    respond(exchange, discovery);
                });
        server.createContext("/issuer/jwks", exchange -> respond(exchange, jwks));
        server.start();
    }

    /** The issuer every test in this JVM shares. */
    public static synchronized TestIssuer shared() {
        if (shared == null) {
            shared = new TestIssuer();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "test-issuer-stop"));
        }
        return shared;
    }

    public String issuerUri() {
        return issuer;
    }

    /** Points a Spring test context's resource server at this issuer. */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", this::issuerUri);
    }

    /** A builder for a valid token, 15 minutes long. */
    public Token token(String subject) {
        return new Token(subject);
    }

    /** The same token with one character of its signature changed. */
    public static String tampered(String token) {
        int dot = token.lastIndexOf('.');
        char[] chars = token.toCharArray();
        int at = dot + 1 + (chars.length - dot - 1) / 2;
        chars[at] = chars[at] == 'A' ? 'B' : 'A';
        return new String(chars);
    }

    int discoveryRequests() {
        return discoveryRequests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A token being made. */
    public final class Token {

        private final Map<String, Object> claims = new LinkedHashMap<>();
        private final String subject;
        private Instant issuedAt = Instant.now();
        private Duration lifetime = Duration.ofMinutes(15);
        private String tokenIssuer = issuer;
        private boolean stranger;
        private String type = ACCESS_TOKEN_TYPE;
        private List<String> audience = List.of(API_AUDIENCE);
        private boolean idToken;

        private Token(String subject) {
            this.subject = subject;
        }

        /**
         * Role names as they appear in the {@code roles} claim: member, delegate, manager, finance,
         * feed.
         */
        public Token roles(String... roles) {
            claims.put("roles", List.of(roles));
            return this;
        }

        public Token memberId(String memberId) {
            return claim("member_id", memberId);
        }

        public Token feedId(String feedId) {
            return claim("feed_id", feedId);
        }

        public Token claim(String name, Object value) {
            if (value == null) {
                claims.remove(name);
            } else {
                claims.put(name, value);
            }
            return this;
        }

        /**
         * Issued this long ago and valid for {@code lifetime}: an expired token when the age
         * exceeds it.
         */
        public Token issuedAgo(Duration age, Duration lifetime) {
            this.issuedAt = Instant.now().minus(age);
            this.lifetime = lifetime;
            return this;
        }

        public Token issuer(String otherIssuer) {
            this.tokenIssuer = otherIssuer;
            return this;
        }

        /** The {@code aud} claim instead of the platform's API: a token meant for someone else. */
        public Token audience(String... audiences) {
            this.audience = List.of(audiences);
            return this;
        }

        /** The {@code typ} header instead of {@code at+jwt}; null for none. */
        public Token type(String headerType) {
            this.type = headerType;
            return this;
        }

        /**
         * An OpenID Connect ID token, as an issuer hands it to the client next to the access token:
         * {@code typ} {@code JWT}, {@code aud} the client id, {@code azp}; the same user and
         * claims.
         */
        public Token idToken() {
            this.type = "JWT";
            this.audience = List.of(CLIENT_ID);
            this.idToken = true;
            return this;
        }

        /** Signed by a key the issuer does not publish (same key id): a forgery. */
        public Token signedByStranger() {
            this.stranger = true;
            return this;
        }

        public String sign() {
            JWTClaimsSet.Builder set =
                    new JWTClaimsSet.Builder()
                            .issuer(tokenIssuer)
                            .subject(subject)
                            .jwtID(UUID.randomUUID().toString())
                            .issueTime(Date.from(issuedAt))
                            .notBeforeTime(Date.from(issuedAt))
                            .expirationTime(Date.from(issuedAt.plus(lifetime)))
                            .audience(new ArrayList<>(audience));
            set.claim(idToken ? "azp" : "client_id", CLIENT_ID);
            claims.forEach(set::claim);
            RSAKey signingKey = stranger ? strangerKey : key;
            JWSHeader.Builder header =
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID());
            if (type != null) {
                header.type(new JOSEObjectType(type));
            }
            SignedJWT jwt = new SignedJWT(header.build(), set.build());
            try {
                jwt.sign(new RSASSASigner(signingKey));
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
            return jwt.serialize();
        }
    }
}
