package coop.cluster.auth;

import java.util.List;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;

/**
 * The issuer keeps no registry of login sessions beside Spring Session's store, so ID tokens carry
 * no {@code sid} and the end-session endpoint checks the {@code id_token_hint}'s subject against
 * the person signed in (docs/identity.md, "Logout").
 *
 * <p>Spring Authorization Server's default registry is in memory and keyed by the principal object:
 * it found the login's session at logout (the live principal) but not at token time (the principal
 * read back from the authorizations' store), so ID tokens had no {@code sid} while logout demanded
 * one, and every RP-initiated logout was refused with 400. An in-memory registry would also differ
 * between two instances of the issuer.
 */
final class NoSessionRegistry implements SessionRegistry {

    @Override
    public List<Object> getAllPrincipals() {
        return List.of();
    }

    @Override
    public List<SessionInformation> getAllSessions(
            Object principal, boolean includeExpiredSessions) {
        return List.of();
    }

    @Override
    public SessionInformation getSessionInformation(String sessionId) {
        return null;
    }

    @Override
    public void refreshLastRequest(String sessionId) {
        // nothing kept
    }

    @Override
    public void registerNewSession(String sessionId, Object principal) {
        // nothing kept
    }

    @Override
    public void removeSessionInformation(String sessionId) {
        // nothing kept
    }
}
