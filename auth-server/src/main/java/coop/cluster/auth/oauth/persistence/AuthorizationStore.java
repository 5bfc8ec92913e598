package coop.cluster.auth.oauth.persistence;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import coop.cluster.auth.oauth.TokenHashes;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Repository;

/**
 * Authorizations (a code in flight, then the tokens of a login or of a client) in collection
 * {@value #COLLECTION} of the identity database, one document each, so every issuer instance sees
 * them and a restart forgets none: a refresh token obtained before a restart refreshes after it.
 *
 * <p>Spring Authorization Server ships JDBC and in-memory services only; this one follows the JDBC
 * one: attributes and token metadata as JSON written with Spring Security's Jackson modules ({@link
 * SecurityJson}).
 *
 * <p><b>Token values are not stored</b>, only their SHA-256 ({@link TokenHashes}), in top-level
 * fields with a unique sparse index each ({@code codeHash}, {@code accessHash}, {@code
 * refreshHash}, {@code idTokenHash}; {@code state} too): the embedded store keeps unique indexes
 * only, so these are the lookups it can answer without a scan. A token read back carries its real
 * value only when it was the one looked up (the caller holds it); the others carry a placeholder
 * ({@value #HASHED}) that a later save recognises and keeps as the stored hash. Spring
 * Authorization Server never needs another token's value: it takes tokens by type, and compares
 * values only with the one it was given.
 *
 * <p>The principal of a login is stored as its name and authorities only ({@link
 * #storedPrincipal}), never as the application's {@code UserDetails}: no password hash in the
 * store, and no class of ours that Jackson's allow-list would have to know.
 *
 * <p>Each document expires with its latest token ({@code expiresAt}, a TTL index on MongoDB; the
 * embedded store has no TTL, so {@link #deleteExpired} runs on a schedule too).
 */
@Repository
public class AuthorizationStore implements OAuth2AuthorizationService {

    public static final String COLLECTION = "oauth_authorizations";
    static final String HASHED = "sha256:";

    /** An authorization without tokens yet (a consent in progress) lives this long. */
    static final java.time.Duration WITHOUT_TOKENS = java.time.Duration.ofMinutes(10);

    private static final String PRINCIPAL = Principal.class.getName();

    /** The token kinds this issuer issues: their field in the document and their class. */
    private enum Kind {
        CODE("code", OAuth2AuthorizationCode.class, OAuth2ParameterNames.CODE),
        ACCESS("access", OAuth2AccessToken.class, OAuth2TokenType.ACCESS_TOKEN.getValue()),
        REFRESH("refresh", OAuth2RefreshToken.class, OAuth2TokenType.REFRESH_TOKEN.getValue()),
        ID_TOKEN("idToken", OidcIdToken.class, OidcParameterNames.ID_TOKEN);

        final String field;
        final Class<? extends OAuth2Token> type;
        final String tokenType;

        Kind(String field, Class<? extends OAuth2Token> type, String tokenType) {
            this.field = field;
            this.type = type;
            this.tokenType = tokenType;
        }

        String hashField() {
            return field + "Hash";
        }
    }

    private final MongoTemplate mongo;
    private final RegisteredClientRepository clients;
    private final Clock clock;
    private final SecurityJson json = new SecurityJson();

    AuthorizationStore(MongoTemplate mongo, RegisteredClientRepository clients, Clock clock) {
        this.mongo = mongo;
        this.clients = clients;
        this.clock = clock;
    }

    /** The lookups' unique sparse indexes, the principal's and the expiry's. */
    public void createIndexes() {
        var indexes = mongo.indexOps(COLLECTION);
        indexes.createIndex(
                new Index().on("state", Sort.Direction.ASC).unique().sparse().named("state"));
        for (Kind kind : Kind.values()) {
            indexes.createIndex(
                    new Index()
                            .on(kind.hashField(), Sort.Direction.ASC)
                            .unique()
                            .sparse()
                            .named(kind.hashField()));
        }
        indexes.createIndex(
                new Index().on("principalName", Sort.Direction.ASC).named("principalName"));
        indexes.createIndex(
                new Index()
                        .on("registeredClientId", Sort.Direction.ASC)
                        .named("registeredClientId"));
        indexes.createIndex(
                new Index()
                        .on("expiresAt", Sort.Direction.ASC)
                        .expire(0, TimeUnit.SECONDS)
                        .named("expiresAt_ttl"));
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        Objects.requireNonNull(authorization, "authorization");
        collection()
                .replaceOne(
                        Filters.eq("_id", authorization.getId()),
                        toDocument(authorization),
                        new ReplaceOptions().upsert(true));
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        Objects.requireNonNull(authorization, "authorization");
        collection().deleteOne(Filters.eq("_id", authorization.getId()));
    }

    @Override
    public OAuth2Authorization findById(String id) {
        Document document = collection().find(Filters.eq("_id", id)).first();
        return document == null ? null : fromDocument(document, null);
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        Bson filter;
        if (tokenType == null) {
            String hash = TokenHashes.sha256(token);
            List<Bson> any = new ArrayList<>();
            any.add(Filters.eq("state", token));
            for (Kind kind : Kind.values()) {
                any.add(Filters.eq(kind.hashField(), hash));
            }
            filter = Filters.or(any);
        } else if (OAuth2ParameterNames.STATE.equals(tokenType.getValue())) {
            filter = Filters.eq("state", token);
        } else {
            Kind kind = kindOf(tokenType.getValue());
            if (kind == null) {
                return null; // device and user codes: this issuer has no device grant
            }
            filter = Filters.eq(kind.hashField(), TokenHashes.sha256(token));
        }
        Document document = collection().find(filter).first();
        return document == null ? null : fromDocument(document, token);
    }

    /**
     * Deletes every authorization of {@code principalName} (a person's id): their refresh tokens
     * stop working at once.
     *
     * @return how many were deleted
     */
    public long removeAllOf(String principalName) {
        return collection()
                .deleteMany(Filters.eq("principalName", principalName))
                .getDeletedCount();
    }

    /**
     * Deletes every authorization of a client (its tokens can no longer be refreshed, introspected
     * as active).
     */
    public long removeAllOfClient(String registeredClientId) {
        return collection()
                .deleteMany(Filters.eq("registeredClientId", registeredClientId))
                .getDeletedCount();
    }

    /**
     * Deletes the authorizations whose every token has expired; what the TTL index does on MongoDB.
     */
    public long deleteExpired() {
        return collection()
                .deleteMany(Filters.lt("expiresAt", Date.from(clock.instant())))
                .getDeletedCount();
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }

    private static Kind kindOf(String tokenType) {
        for (Kind kind : Kind.values()) {
            if (kind.tokenType.equals(tokenType)) {
                return kind;
            }
        }
        return null;
    }

    Document toDocument(OAuth2Authorization authorization) {
        Document document =
                new Document("_id", authorization.getId())
                        .append("registeredClientId", authorization.getRegisteredClientId())
                        .append("principalName", authorization.getPrincipalName())
                        .append("grantType", authorization.getAuthorizationGrantType().getValue())
                        .append("scopes", new ArrayList<>(authorization.getAuthorizedScopes()));
        Map<String, Object> attributes = new LinkedHashMap<>(authorization.getAttributes());
        if (attributes.get(PRINCIPAL) instanceof Authentication principal) {
            attributes.put(PRINCIPAL, storedPrincipal(principal));
        }
        document.append("attributes", json.write(attributes));
        String state = authorization.getAttribute(OAuth2ParameterNames.STATE);
        if (state != null) {
            document.append("state", state);
        }
        Instant latest = null;
        for (Kind kind : Kind.values()) {
            OAuth2Authorization.Token<? extends OAuth2Token> token =
                    authorization.getToken(kind.type);
            if (token == null) {
                continue;
            }
            OAuth2Token value = token.getToken();
            String hash =
                    value.getTokenValue().startsWith(HASHED)
                            ? value.getTokenValue().substring(HASHED.length())
                            : TokenHashes.sha256(value.getTokenValue());
            Document stored =
                    new Document("issuedAt", date(value.getIssuedAt()))
                            .append("expiresAt", date(value.getExpiresAt()))
                            .append("metadata", json.write(token.getMetadata()));
            if (value instanceof OAuth2AccessToken access) {
                stored.append("tokenType", access.getTokenType().getValue())
                        .append("scopes", new ArrayList<>(access.getScopes()));
            }
            document.append(kind.field, stored).append(kind.hashField(), hash);
            if (value.getExpiresAt() != null
                    && (latest == null || value.getExpiresAt().isAfter(latest))) {
                latest = value.getExpiresAt();
            }
        }
        document.append(
                "expiresAt",
                Date.from(latest != null ? latest : clock.instant().plus(WITHOUT_TOKENS)));
        return document;
    }

    OAuth2Authorization fromDocument(Document document, String lookedUpValue) {
        String clientId = document.getString("registeredClientId");
        RegisteredClient client = clients.findById(clientId);
        if (client == null) {
            return null; // the client was revoked: its authorizations are worth nothing
        }
        String lookedUpHash = lookedUpValue == null ? null : TokenHashes.sha256(lookedUpValue);
        OAuth2Authorization.Builder builder =
                OAuth2Authorization.withRegisteredClient(client)
                        .id(document.getString("_id"))
                        .principalName(document.getString("principalName"))
                        .authorizationGrantType(
                                new AuthorizationGrantType(document.getString("grantType")))
                        .authorizedScopes(
                                new HashSet<>(document.getList("scopes", String.class, List.of())))
                        .attributes(
                                attributes ->
                                        attributes.putAll(
                                                json.read(document.getString("attributes"))));
        for (Kind kind : Kind.values()) {
            Document stored = document.get(kind.field, Document.class);
            if (stored == null) {
                continue;
            }
            String hash = document.getString(kind.hashField());
            String value = hash.equals(lookedUpHash) ? lookedUpValue : HASHED + hash;
            Instant issuedAt = instant(stored.getDate("issuedAt"));
            Instant expiresAt = instant(stored.getDate("expiresAt"));
            Map<String, Object> metadata = json.read(stored.getString("metadata"));
            OAuth2Token token =
                    switch (kind) {
                        case CODE -> new OAuth2AuthorizationCode(value, issuedAt, expiresAt);
                        case ACCESS ->
                                new OAuth2AccessToken(
                                        OAuth2AccessToken.TokenType.BEARER
                                                        .getValue()
                                                        .equalsIgnoreCase(
                                                                stored.getString("tokenType"))
                                                ? OAuth2AccessToken.TokenType.BEARER
                                                : OAuth2AccessToken.TokenType.DPOP,
                                        value,
                                        issuedAt,
                                        expiresAt,
                                        new HashSet<>(
                                                stored.getList("scopes", String.class, List.of())));
                        case REFRESH -> new OAuth2RefreshToken(value, issuedAt, expiresAt);
                        case ID_TOKEN ->
                                new OidcIdToken(value, issuedAt, expiresAt, claims(metadata));
                    };
            builder.token(token, meta -> meta.putAll(metadata));
        }
        return builder.build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> claims(Map<String, Object> metadata) {
        Object claims = metadata.get(OAuth2Authorization.Token.CLAIMS_METADATA_NAME);
        return claims instanceof Map<?, ?> map
                ? (Map<String, Object>) map
                : Map.of("sub", "unknown");
    }

    /**
     * What the store keeps of a login: its name (the person id) and its authorities (roles and
     * factors, with the factors' times), as a plain authenticated token.
     */
    static Authentication storedPrincipal(Authentication principal) {
        Collection<? extends GrantedAuthority> authorities = principal.getAuthorities();
        List<GrantedAuthority> kept = new ArrayList<>(authorities.size());
        for (GrantedAuthority authority : authorities) {
            if (authority instanceof FactorGrantedAuthority factor) {
                kept.add(factor);
            } else if (authority.getAuthority() != null) {
                kept.add(new SimpleGrantedAuthority(authority.getAuthority()));
            }
        }
        return UsernamePasswordAuthenticationToken.authenticated(principal.getName(), null, kept);
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
