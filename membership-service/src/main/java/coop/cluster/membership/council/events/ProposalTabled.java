package coop.cluster.membership.council.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/**
 * A proposal is put to the council's vote. {@code terms} depend on {@code kind} (see {@link
 * MotionTerms}). Topic {@code membership.council}, key: the proposal id.
 *
 * @param electorate the number of seats that may vote on it
 */
@IntegrationEvent(
        type = "cluster.membership.proposal.tabled",
        version = 1,
        topic = "membership.council")
public record ProposalTabled(
        String proposalId,
        String kind,
        String title,
        Object terms,
        String tabledBy,
        Instant tabledAt,
        Instant deadline,
        int electorate,
        int quorumPercent,
        String majority) {}
