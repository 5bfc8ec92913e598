package coop.cluster.project.project;

import coop.cluster.project.call.CallListener;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Flags the projects whose target funding call closed, and lifts the flag when the call opens
 * again.
 */
@Component
class TargetCalls implements CallListener {

    private static final Logger log = LoggerFactory.getLogger(TargetCalls.class);

    private final Projects projects;

    TargetCalls(Projects projects) {
        this.projects = projects;
    }

    @Override
    public void callClosed(String callId, Instant closedAt) {
        int flagged = projects.targetCallClosed(callId, closedAt);
        if (flagged > 0) {
            log.info("Funding call {} closed: {} project(s) aiming at it flagged", callId, flagged);
        }
    }

    @Override
    public void callOpen(String callId) {
        int lifted = projects.targetCallOpen(callId);
        if (lifted > 0) {
            log.info(
                    "Funding call {} is open again: {} project(s) no longer flagged",
                    callId,
                    lifted);
        }
    }
}
