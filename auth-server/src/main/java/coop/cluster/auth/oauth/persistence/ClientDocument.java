package coop.cluster.auth.oauth.persistence;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An OAuth 2 client as collection {@value #COLLECTION} keeps it. Settings are JSON written with
 * Spring Security's Jackson modules, as Spring Authorization Server's JDBC repository writes them;
 * the secret is its {@code {bcrypt}} hash. The document carries the pending {@code
 * cluster.identity.client.changed.v1} events of its changes (the outbox), hence the version.
 */
@Document(ClientDocument.COLLECTION)
class ClientDocument {

    static final String COLLECTION = "oauth_clients";

    @Id String id;

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

    /** {@link coop.cluster.auth.oauth.ClientRecord#FROM_CONFIGURATION} or {@code FROM_API}. */
    String origin;

    String createdBy;
    Instant createdAt;

    /**
     * Set when the client is revoked: it is then unknown to the issuer, and kept for the audit
     * trail.
     */
    Instant revokedAt;

    @Version Long version;

    boolean isRevoked() {
        return revokedAt != null;
    }
}
