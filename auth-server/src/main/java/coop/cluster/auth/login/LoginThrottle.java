package coop.cluster.auth.login;

import coop.cluster.auth.login.persistence.LoginThrottleStore;
import coop.cluster.auth.login.persistence.LoginThrottleStore.Account;
import coop.cluster.auth.login.persistence.LoginThrottleStore.Bucket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Counts failed logins per account and per client address, on the store shared by every issuer
 * instance ({@link LoginThrottleStore}: each count changed by a conditional single-document update,
 * so that instances counting at once lose no failure).
 *
 * <ul>
 *   <li><b>Account</b>: {@code accountFailures} failures within {@code accountWindow} lock the
 *       account for {@code accountFirstLock}, doubled at each new lock up to {@code
 *       accountMaxLock}; a successful login clears it. The login typed is counted whether or not
 *       such an account exists, so a lock tells nothing.
 *   <li><b>Address</b>: a token bucket of {@code addressCapacity} failures, refilled by one every
 *       {@code addressRefillInterval}; empty, every login from that address is refused. Successful
 *       logins cost nothing, so many people behind one address are not slowed down by each other's
 *       success.
 * </ul>
 */
public class LoginThrottle {

    /**
     * What {@link #check} found; {@code accountHasFailures} saves a write on success when there is
     * nothing to clear.
     */
    public record Verdict(boolean refused, boolean accountHasFailures) {}

    private final LoginThrottleStore store;
    private final LoginProperties properties;
    private final Clock clock;

    public LoginThrottle(LoginThrottleStore store, LoginProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Whether a login for {@code login} from {@code address} is refused now, before its password is
     * checked.
     */
    public Verdict check(String login, String address) {
        Instant now = clock.instant();
        Optional<Account> account = store.account(login);
        Optional<Bucket> bucket = store.bucket(address);
        boolean accountLocked =
                account.map(Account::lockedUntil).filter(until -> until.isAfter(now)).isPresent();
        boolean addressEmpty = bucket.filter(b -> tokens(b, now) < 1.0).isPresent();
        return new Verdict(accountLocked || addressEmpty, account.isPresent());
    }

    /** A failed login: counted on the account, and one token taken from the address's bucket. */
    public void failed(String login, String address) {
        Instant now = clock.instant();
        store.changeAccount(
                login,
                account -> {
                    Instant windowStart = account.windowStart();
                    int failures =
                            windowStart == null
                                            || windowStart
                                                    .plus(properties.accountWindow())
                                                    .isBefore(now)
                                    ? 1
                                    : account.failures() + 1;
                    if (windowStart == null || failures == 1) {
                        windowStart = now;
                    }
                    if (failures >= properties.accountFailures()) {
                        int locks = account.locks();
                        Duration lock =
                                properties
                                        .accountFirstLock()
                                        .multipliedBy(1L << Math.min(locks, 20));
                        if (lock.compareTo(properties.accountMaxLock()) > 0) {
                            lock = properties.accountMaxLock();
                        }
                        return new Account(0, now, now.plus(lock), locks + 1);
                    }
                    return new Account(
                            failures, windowStart, account.lockedUntil(), account.locks());
                });
        store.changeBucket(
                address, bucket -> new Bucket(Math.max(0.0, tokens(bucket, now) - 1.0), now));
    }

    /** A successful login clears the account's failures and locks. */
    public void succeeded(String login) {
        store.clearAccount(login);
    }

    private double tokens(Bucket bucket, Instant now) {
        if (bucket.tokens() == null || bucket.updatedAt() == null) {
            return properties.addressCapacity();
        }
        double refilled =
                (double) Duration.between(bucket.updatedAt(), now).toMillis()
                        / properties.addressRefillInterval().toMillis();
        return Math.min(properties.addressCapacity(), bucket.tokens() + Math.max(0.0, refilled));
    }
}
