package coop.cluster.membership.council.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/**
 * The council did not adopt a proposal. Topic {@code membership.council}, key: the proposal id.
 *
 * @param reason {@code quorum-not-met} or {@code majority-not-reached}
 */
@IntegrationEvent(
        type = "cluster.membership.resolution.rejected",
        version = 1,
        topic = "membership.council")
public record ResolutionRejected(
        String proposalId,
        String kind,
        String title,
        TallyView tally,
        String reason,
        boolean early,
        Instant rejectedAt) {}
