package coop.cluster.plumbing.resilience;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.ErrorHandler;

/**
 * What a {@code @Scheduled} job's failure logs. The job runs again at its next time either way. A
 * failure because the store or the broker is out of reach is one line, once per 30 s at most for
 * all jobs together (a directory poll every 2 s would otherwise log a stack trace every 2 s for the
 * whole outage); any other failure keeps its stack trace.
 */
public class ScheduledJobErrors implements ErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ScheduledJobErrors.class);

    private final ThrottledLog outages = new ThrottledLog(Duration.ofSeconds(30));

    @Override
    public void handleError(Throwable failure) {
        if (Outages.isOutage(failure)) {
            long leftOut = outages.admit();
            if (leftOut >= 0) {
                log.warn(
                        "Scheduled job failed, the store or the broker is out of reach; it runs"
                                + " again at its next time{}: {}",
                        leftOut > 0
                                ? " (" + leftOut + " more such failures since the last line)"
                                : "",
                        Outages.cause(failure).toString());
            }
            return;
        }
        log.error("Unexpected error in a scheduled job; it runs again at its next time", failure);
    }
}
