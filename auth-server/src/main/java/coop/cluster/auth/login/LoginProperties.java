package coop.cluster.auth.login;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cluster.identity.login.*}: how password guessing is slowed down (docs/identity.md, "Login
 * protection").
 *
 * @param accountFailures failures on one account within {@code accountWindow} that lock it
 * @param accountWindow the window those failures are counted in
 * @param accountFirstLock how long the first lock lasts; each further lock (without a successful
 *     login in between) lasts twice as long as the one before
 * @param accountMaxLock the longest lock
 * @param addressCapacity failed logins one client address may make in a burst (token bucket)
 * @param addressRefillInterval one more failed login is allowed to the address after each interval
 */
@ConfigurationProperties("cluster.identity.login")
public record LoginProperties(
        @DefaultValue("5") int accountFailures,
        @DefaultValue("15m") Duration accountWindow,
        @DefaultValue("1m") Duration accountFirstLock,
        @DefaultValue("1h") Duration accountMaxLock,
        @DefaultValue("30") int addressCapacity,
        @DefaultValue("10s") Duration addressRefillInterval) {}
