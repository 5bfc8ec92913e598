package coop.cluster.auth.login.persistence;

import coop.cluster.plumbing.events.PendingEvent;
import coop.cluster.plumbing.outbox.OutboxWriter;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Repository;

/**
 * The failed logins, collection {@value LoginFailureDocument#COLLECTION}: each one document (its
 * own random id) inserted with its {@code login.failed} event in the same write (the outbox), kept
 * until {@code expiresAt} (a TTL index).
 */
@Repository
public class LoginFailureStore {

    private final OutboxWriter outbox;

    LoginFailureStore(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    /**
     * @param login the login as the event carries it
     * @param events the failure's event
     */
    public void add(
            String login,
            String address,
            String reason,
            Instant at,
            Instant expiresAt,
            List<PendingEvent> events) {
        outbox.insert(
                new LoginFailureDocument(
                        UUID.randomUUID().toString(), login, address, reason, at, expiresAt),
                events);
    }
}
