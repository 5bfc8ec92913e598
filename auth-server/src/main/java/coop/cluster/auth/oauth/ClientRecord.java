package coop.cluster.auth.oauth;

import java.time.Instant;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * An OAuth 2 client as the issuer keeps it ({@link RegisteredClients}): its registration as Spring
 * Authorization Server sees it (the secret is its {@code {bcrypt}} hash), where it comes from, who
 * created it and when, and when it was revoked (a revoked client is unknown to the issuer, and kept
 * for the audit trail).
 *
 * @param origin {@link #FROM_CONFIGURATION} or {@link #FROM_API}
 * @param version the stored version it was read with (a change of a stale record fails); null
 *     before it is stored
 */
public record ClientRecord(
        RegisteredClient registration,
        String origin,
        String createdBy,
        Instant createdAt,
        Instant revokedAt,
        Long version) {

    /**
     * Clients of {@code cluster.identity.clients} and the demo ones: rewritten from the
     * configuration at start.
     */
    public static final String FROM_CONFIGURATION = "configuration";

    /** Clients created through {@code /api/identity/clients}: the store is their only home. */
    public static final String FROM_API = "api";

    /** A client created through the API by {@code by} at {@code at}, not stored yet. */
    public static ClientRecord createdThroughTheApi(
            RegisteredClient registration, String by, Instant at) {
        return new ClientRecord(registration, FROM_API, by, at, null, null);
    }

    public String clientId() {
        return registration.getClientId();
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }

    public boolean isFromApi() {
        return FROM_API.equals(origin);
    }

    /** The same client with the secret whose hash is {@code secretHash}. */
    public ClientRecord withSecret(String secretHash) {
        return new ClientRecord(
                RegisteredClient.from(registration).clientSecret(secretHash).build(),
                origin,
                createdBy,
                createdAt,
                revokedAt,
                version);
    }

    /** The same client, revoked at {@code at}. */
    public ClientRecord revoked(Instant at) {
        return new ClientRecord(registration, origin, createdBy, createdAt, at, version);
    }
}
