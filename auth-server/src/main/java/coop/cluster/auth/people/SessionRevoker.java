package coop.cluster.auth.people;

/**
 * Ends a person's sessions with the issuer: deletes their refresh tokens (and the authorizations that hold them), so
 * that a person who lost rights cannot get a new access token. Called by the flows after the change is stored;
 * implemented over the persisted authorizations ({@code coop.cluster.auth.oauth}). Must be idempotent: a
 * redelivered event calls it again.
 */
public interface SessionRevoker {

    void revokeAll(String personId);
}
