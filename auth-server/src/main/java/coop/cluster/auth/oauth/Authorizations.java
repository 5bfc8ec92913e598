package coop.cluster.auth.oauth;

import coop.cluster.auth.oauth.persistence.AuthorizationStore;
import coop.cluster.auth.people.SessionRevoker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The issuer's authorizations (a code in flight, then the tokens of a login or of a client; kept by
 * {@link AuthorizationStore}), as the other parts of the issuer end them: all of a person's (their
 * refresh tokens stop working at once), all of a client's.
 */
@Service
public class Authorizations implements SessionRevoker {

    private static final Logger log = LoggerFactory.getLogger(Authorizations.class);

    private final AuthorizationStore store;

    Authorizations(AuthorizationStore store) {
        this.store = store;
    }

    /**
     * Deletes every authorization of {@code personId}: their refresh tokens stop working at once.
     */
    @Override
    public void revokeAll(String personId) {
        long deleted = store.removeAllOf(personId);
        log.info("Revoked {} authorization(s) of {}", deleted, personId);
    }

    /**
     * Deletes every authorization of a client (its tokens can no longer be refreshed, introspected
     * as active).
     *
     * @param registeredClientId the client's id in the store (not its {@code client_id})
     */
    public long removeAllOfClient(String registeredClientId) {
        return store.removeAllOfClient(registeredClientId);
    }
}
