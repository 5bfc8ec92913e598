package coop.cluster.auth.clients;

import coop.cluster.plumbing.events.IntegrationEvent;

/**
 * An OAuth 2 client was created, had its secret rotated, or was revoked through the clients API
 * (docs/people.md; topic {@code identity.people}, key: the client id).
 *
 * @param clientId the client
 * @param change {@code created}, {@code secret-rotated} or {@code revoked}
 * @param by the {@code sub} of the manager who did it
 */
@IntegrationEvent(type = "cluster.identity.client.changed", version = 1, topic = "identity.people")
public record ClientChanged(String clientId, String change, String by) {

    public static final String CREATED = "created";
    public static final String SECRET_ROTATED = "secret-rotated";
    public static final String REVOKED = "revoked";
}
