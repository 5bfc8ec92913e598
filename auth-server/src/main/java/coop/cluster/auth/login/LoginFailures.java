package coop.cluster.auth.login;

import coop.cluster.auth.login.persistence.LoginFailureStore;
import coop.cluster.auth.oauth.TokenHashes;
import coop.cluster.plumbing.events.EventFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records each failed login, with its {@link LoginFailed} event in the same insert ({@link
 * LoginFailureStore}): the platform's outbox publishes it to {@code identity.people}. A failure to
 * record (the store is down) is logged and does not change the answer the person gets.
 */
public class LoginFailures {

    /** The longest login kept in an event. */
    public static final int MAX_LOGIN_LENGTH = 100;

    /** How long the record of a failure is kept. */
    static final Duration KEPT = Duration.ofDays(30);

    private static final Logger log = LoggerFactory.getLogger(LoginFailures.class);

    private final LoginFailureStore store;
    private final EventFactory events;
    private final Clock clock;

    public LoginFailures(LoginFailureStore store, EventFactory events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    public void record(String typedLogin, String address, String reason) {
        String login = normalise(typedLogin);
        Instant now = clock.instant();
        LoginFailed event = new LoginFailed(login, address, reason, now);
        try {
            store.add(
                    login,
                    address,
                    reason,
                    now,
                    now.plus(KEPT),
                    List.of(events.create("logins", TokenHashes.sha256(login), event)));
        } catch (RuntimeException e) {
            log.warn("Could not record a failed login ({}): {}", reason, e.toString());
        }
    }

    /**
     * The login as the event carries it: trimmed, lower case, at most {@value #MAX_LOGIN_LENGTH}
     * characters.
     */
    public static String normalise(String typedLogin) {
        String login = typedLogin == null ? "" : typedLogin.trim().toLowerCase(Locale.ROOT);
        return login.length() > MAX_LOGIN_LENGTH ? login.substring(0, MAX_LOGIN_LENGTH) : login;
    }
}
