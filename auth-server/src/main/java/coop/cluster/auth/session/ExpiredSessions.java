package coop.cluster.auth.session;

import coop.cluster.auth.session.persistence.SessionStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Deletes expired login sessions every minute ({@code cluster.identity.expired-sessions-sweep}):
 * the embedded store has no TTL index, and on MongoDB the TTL monitor may lag a minute. Every
 * instance sweeps; the deletes are idempotent. Each sweep also counts the sessions still alive, for
 * the metrics:
 *
 * <ul>
 *   <li>{@value #ACTIVE} (gauge): sessions not expired, of all instances, as of the last sweep;
 *   <li>{@value #SWEPT} (counter): expired sessions this instance deleted.
 * </ul>
 */
public class ExpiredSessions {

    static final String ACTIVE = "cluster.identity.sessions.active";
    static final String SWEPT = "cluster.identity.sessions.swept";

    private static final Logger log = LoggerFactory.getLogger(ExpiredSessions.class);

    private final SessionStore sessions;
    private final AtomicLong active = new AtomicLong();
    private final Counter swept;

    ExpiredSessions(SessionStore sessions, MeterRegistry meters) {
        this.sessions = sessions;
        Gauge.builder(ACTIVE, active, AtomicLong::get)
                .description(
                        "Login sessions not expired (all issuer instances), as of the last sweep")
                .register(meters);
        this.swept =
                Counter.builder(SWEPT)
                        .description("Expired login sessions deleted by this instance's sweeps")
                        .register(meters);
    }

    /**
     * @return how many expired sessions were deleted
     */
    @Scheduled(
            fixedDelayString = "${cluster.identity.expired-sessions-sweep:PT1M}",
            initialDelay = 5_000)
    public long sweep() {
        long deleted = sessions.deleteExpired();
        swept.increment(deleted);
        active.set(sessions.countActive());
        if (deleted > 0) {
            log.debug("Deleted {} expired session(s); {} active", deleted, active.get());
        }
        return deleted;
    }
}
