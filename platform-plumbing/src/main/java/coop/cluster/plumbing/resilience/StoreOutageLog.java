package coop.cluster.plumbing.resilience;

import com.mongodb.connection.ServerDescription;
import com.mongodb.event.ClusterDescriptionChangedEvent;
import com.mongodb.event.ClusterListener;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line when the store becomes unreachable, one when it is back, with how long it was gone; the
 * driver's own monitor logs a stack trace at each failed heartbeat, which {@code
 * plumbing-defaults.properties} keeps below WARN.
 */
public class StoreOutageLog implements ClusterListener {

    private static final Logger log = LoggerFactory.getLogger(StoreOutageLog.class);

    private volatile boolean reachedOnce;
    private volatile boolean reachable;
    private volatile long lostAt;

    @Override
    public void clusterDescriptionChanged(ClusterDescriptionChangedEvent event) {
        boolean now =
                event.getNewDescription().getServerDescriptions().stream()
                        .anyMatch(ServerDescription::isOk);
        if (now == reachable) {
            return;
        }
        reachable = now;
        if (!now && reachedOnce) {
            lostAt = System.nanoTime();
            Throwable cause =
                    event.getNewDescription().getServerDescriptions().stream()
                            .map(ServerDescription::getException)
                            .filter(java.util.Objects::nonNull)
                            .findFirst()
                            .orElse(null);
            log.warn(
                    "Store unreachable ({}); requests that need it answer 503 until it is back: {}",
                    event.getNewDescription().getShortDescription(),
                    cause == null ? "no answer" : cause.toString());
        } else if (now && reachedOnce) {
            log.info(
                    "Store reachable again after {} s",
                    Duration.ofNanos(System.nanoTime() - lostAt).toSeconds());
        } else if (now) {
            reachedOnce = true;
        }
    }

    /** Whether the driver's monitor last saw the store answer. */
    public boolean reachable() {
        return reachable;
    }
}
