package coop.cluster.auth;

import coop.cluster.auth.mfa.Totp;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * TOTP codes of the demo secret (docs/identity.md) for the tests. A code is accepted once, so each
 * login of one person takes the next step not used yet: the previous, current and next steps are
 * accepted, and past those the test waits for the clock.
 */
final class DemoCodes {

    static final String SECRET = "MNWHK43UMVZC2ZDFNVXS25DPORYC2MRQ";
    private static final Map<String, Long> LAST_STEP = new ConcurrentHashMap<>();

    private DemoCodes() {}

    static synchronized String next(String person) {
        return next(person, SECRET);
    }

    static synchronized String next(String person, String secret) {
        long current = Totp.step(Instant.now());
        long step =
                Math.max(
                        current - Totp.WINDOW,
                        LAST_STEP.getOrDefault(person, Long.MIN_VALUE / 2) + 1);
        while (step > Totp.step(Instant.now()) + Totp.WINDOW) {
            sleep(500);
        }
        LAST_STEP.put(person, step);
        return Totp.code(secret, step);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
