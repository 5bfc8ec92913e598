package coop.cluster.auth.session;

import coop.cluster.auth.people.SessionRevoker;
import coop.cluster.auth.session.persistence.SessionStore;

/**
 * Ending a person's sessions ends their login sessions too, now that these are on the store:
 * without it, a person just excluded (or whose password was reset) would keep a login on the
 * issuer's pages, and could get a new authorization code there until the session expired. Their
 * authorizations are deleted first (the refresh tokens stop working: the other {@link
 * SessionRevoker}), then every login session of theirs, on every instance.
 */
final class PersonSessionRevoker implements SessionRevoker {

    private final SessionRevoker authorizations;
    private final SessionStore sessions;

    PersonSessionRevoker(SessionRevoker authorizations, SessionStore sessions) {
        this.authorizations = authorizations;
        this.sessions = sessions;
    }

    @Override
    public void revokeAll(String personId) {
        authorizations.revokeAll(personId);
        sessions.deleteByPrincipal(personId);
    }
}
