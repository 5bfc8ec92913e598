package coop.cluster.membership.council.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A member is let off {@code percent} percent of its fee (a decimal string; "100.00" when {@code
 * extent} is FULL) for fees falling due from {@code validFrom} to {@code validUntil}, both
 * inclusive. Topic {@code membership.council}, key: the resolution id.
 */
@IntegrationEvent(
        type = "cluster.membership.fee-exemption.granted",
        version = 1,
        topic = "membership.council")
public record FeeExemptionGranted(
        String resolutionId,
        String memberId,
        String extent,
        String percent,
        String reason,
        LocalDate validFrom,
        LocalDate validUntil,
        Instant grantedAt) {}
