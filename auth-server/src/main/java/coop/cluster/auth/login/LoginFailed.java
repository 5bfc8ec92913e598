package coop.cluster.auth.login;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/**
 * A login that failed (docs/people.md, topic {@code identity.people}, key: the SHA-256 of the
 * login).
 *
 * @param login what was typed as the login, lower case, at most 100 characters (whether or not it
 *     is an account)
 * @param address the client address the attempt came from
 * @param reason {@code bad-credentials}, {@code locked} (refused by the throttle without checking
 *     the password) or {@code second-factor} (a wrong or locked TOTP code)
 * @param at when
 */
@IntegrationEvent(type = "cluster.identity.login.failed", version = 1, topic = "identity.people")
public record LoginFailed(String login, String address, String reason, Instant at) {

    public static final String BAD_CREDENTIALS = "bad-credentials";
    public static final String LOCKED = "locked";
    public static final String SECOND_FACTOR = "second-factor";
}
