package coop.cluster.project.call;

import java.time.Instant;
import java.util.List;

/**
 * project-service's own copy of the funding-watch events it reads (topic {@code
 * fundingwatch.calls}, key: the call id): only the fields it needs; unknown fields are ignored, so
 * funding-watch can add fields freely. The contract is written down in {@code docs/events.md}.
 */
final class FundingWatchEvents {

    static final String TOPIC = "fundingwatch.calls";
    static final String PREFIX = "cluster.fundingwatch.call.";

    /** A call as funding-watch publishes it: {@code status} is FORTHCOMING, OPEN or CLOSED. */
    record Call(
            String title, String programme, String status, List<Instant> deadlines, String url) {}

    /** call published and call updated carry the whole call. */
    record CallChanged(String callId, Call call) {}

    /** call closed: its last deadline passed, or its source marked it closed. */
    record CallClosed(String callId, Instant closedAt, String reason) {}

    private FundingWatchEvents() {}
}
