package coop.cluster.auth.people;

/**
 * Ends every session of a person at the issuer: their authorizations (so their refresh tokens) are
 * deleted, and the next refresh answers {@code invalid_grant}. Access tokens already issued stay
 * valid until they expire; the services refuse them earlier through {@code
 * cluster.identity.access.revoked.v1} (docs/people.md).
 */
public interface SessionRevoker {

    /**
     * @param personId the person's id, the {@code sub} of their tokens and the principal name of
     *     their logins
     */
    void revokeAll(String personId);
}
