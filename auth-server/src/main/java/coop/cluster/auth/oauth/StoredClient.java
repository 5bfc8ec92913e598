package coop.cluster.auth.oauth;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An OAuth 2 client as collection {@value #COLLECTION} keeps it. Settings are JSON written with Spring Security's
 * Jackson modules, as Spring Authorization Server's JDBC repository writes them; the secret is its
 * {@code {bcrypt}} hash. The document carries the pending {@code cluster.identity.client.changed.v1} events of its
 * changes (the outbox), hence the version.
 */
@Document(StoredClient.COLLECTION)
public class StoredClient {

    public static final String COLLECTION = "oauth_clients";

    /** Clients of {@code cluster.identity.clients} and the demo ones: rewritten from the configuration at start. */
    public static final String FROM_CONFIGURATION = "configuration";
    /** Clients created through {@code /api/identity/clients}: the store is their only home. */
    public static final String FROM_API = "api";

    @Id
    String id;
    @Indexed(unique = true)
    String clientId;
    Instant clientIdIssuedAt;
    String clientSecret;
    Instant clientSecretExpiresAt;
    String clientName;
    List<String> authenticationMethods;
    List<String> grantTypes;
    List<String> redirectUris;
    List<String> postLogoutRedirectUris;
    List<String> scopes;
    String clientSettings;
    String tokenSettings;
    String origin;
    String createdBy;
    Instant createdAt;
    /** Set when the client is revoked: it is then unknown to the issuer, and kept for the audit trail. */
    Instant revokedAt;
    @Version
    Long version;

    public String id() {
        return id;
    }

    public String clientId() {
        return clientId;
    }

    public String origin() {
        return origin;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant revokedAt() {
        return revokedAt;
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }

    public List<String> grantTypes() {
        return grantTypes == null ? List.of() : grantTypes;
    }

    public void markCreated(String origin, String by, Instant at) {
        this.origin = origin;
        this.createdBy = by;
        this.createdAt = at;
    }

    public void revoke(Instant at) {
        this.revokedAt = at;
    }

    public void secret(String hash) {
        this.clientSecret = hash;
    }
}
