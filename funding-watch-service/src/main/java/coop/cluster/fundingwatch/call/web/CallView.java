package coop.cluster.fundingwatch.call.web;

import coop.cluster.fundingwatch.call.domain.FundingCall;
import coop.cluster.fundingwatch.call.domain.TrackedCall;
import coop.cluster.fundingwatch.call.events.CallContent;
import java.time.Instant;
import java.util.List;

/**
 * A funding call as the API shows it: the normalised call, the status it has here ({@code status})
 * and the one its source states ({@code sourceStatus}), and when it was first seen, last changed
 * and closed. A cascade call shows its project ({@code projectName}, {@code projectAcronym}), a
 * tender its {@code contractingAuthority} and {@code placesOfDelivery}, when the source gives them
 * (null and empty otherwise).
 */
record CallView(
        String id,
        String source,
        String reference,
        String identifier,
        String callIdentifier,
        String callTitle,
        String title,
        String programme,
        String description,
        List<String> keywords,
        List<String> tags,
        String kind,
        String status,
        String sourceStatus,
        Instant openingDate,
        List<Instant> deadlines,
        CallContent.Budget budget,
        List<String> eligibleCountries,
        String partnershipRequirement,
        String url,
        String projectName,
        String projectAcronym,
        String contractingAuthority,
        List<String> placesOfDelivery,
        Instant firstSeen,
        Instant lastChanged,
        Instant closedAt,
        String closedReason) {

    static CallView of(TrackedCall tracked) {
        FundingCall c = tracked.call();
        return new CallView(
                tracked.id(),
                c.source(),
                c.reference(),
                c.identifier(),
                c.callIdentifier(),
                c.callTitle(),
                c.title(),
                c.programme(),
                c.description(),
                c.keywords(),
                c.tags(),
                c.kind().name(),
                tracked.status().name(),
                c.status().name(),
                c.openingDate(),
                c.deadlines(),
                CallContent.Budget.of(c.budget()),
                c.eligibleCountries(),
                c.partnershipRequirement(),
                c.url(),
                c.projectName(),
                c.projectAcronym(),
                c.contractingAuthority(),
                c.placesOfDelivery(),
                tracked.firstSeen(),
                tracked.lastChanged(),
                tracked.closedAt(),
                tracked.closedReason() == null ? null : tracked.closedReason().code());
    }
}
