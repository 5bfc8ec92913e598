package coop.cluster.auth.oauth;

import coop.cluster.auth.oauth.persistence.ClientStore;
import coop.cluster.plumbing.events.PendingEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The issuer's OAuth 2 clients as the clients API manages them ({@link ClientStore}; Spring
 * Authorization Server reads the same store, on every request that names a client, so a change
 * takes effect at once on every instance). Each change is one single-document write carrying its
 * events (the outbox), refused if the client changed since it was read.
 */
@Service
public class RegisteredClients {

    /** One page of clients. */
    public record Page(List<ClientRecord> clients, long total) {}

    private final ClientStore store;
    private final Authorizations authorizations;

    RegisteredClients(ClientStore store, Authorizations authorizations) {
        this.store = store;
        this.authorizations = authorizations;
    }

    /** The clients not revoked, by client id. */
    public Page active(int page, int size) {
        long total = store.countActive();
        return new Page(store.active(page, size), total);
    }

    /** The client {@code clientId}, revoked or not. */
    public Optional<ClientRecord> find(String clientId) {
        return store.find(clientId);
    }

    /**
     * @throws org.springframework.dao.DuplicateKeyException if the id or the client id is taken
     */
    public ClientRecord add(ClientRecord client, List<PendingEvent> events) {
        return store.add(client, events);
    }

    /**
     * @throws org.springframework.dao.OptimisticLockingFailureException if someone changed the
     *     client meanwhile
     */
    public ClientRecord update(ClientRecord client, List<PendingEvent> events) {
        return store.update(client, events);
    }

    /**
     * Revokes the client: unknown to the issuer from then on, and its authorizations deleted.
     *
     * @throws org.springframework.dao.OptimisticLockingFailureException if someone changed the
     *     client meanwhile
     */
    public ClientRecord revoke(ClientRecord client, Instant at, List<PendingEvent> events) {
        ClientRecord revoked = store.update(client.revoked(at), events);
        authorizations.removeAllOfClient(revoked.registration().getId());
        return revoked;
    }
}
