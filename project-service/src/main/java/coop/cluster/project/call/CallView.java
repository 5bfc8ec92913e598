package coop.cluster.project.call;

import java.time.Instant;

/**
 * A funding call as project-service knows it from funding-watch's events.
 *
 * @param status FORTHCOMING, OPEN or CLOSED
 * @param nextDeadline the earliest deadline still ahead when the call was last announced; null if
 *     none
 * @param closedAt when it closed; null while it is not closed
 */
public record CallView(
        String callId,
        String title,
        String programme,
        String status,
        Instant nextDeadline,
        String url,
        Instant closedAt) {

    public boolean isClosed() {
        return "CLOSED".equals(status);
    }
}
