package coop.cluster.fundingwatch.match.events;

import coop.cluster.fundingwatch.match.Reason;
import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;
import java.util.List;

/**
 * A new or changed funding call fits a member, a thematic group, a forming project or a saved
 * watch. Published once per call and target (again only if a change of the call matches it after it
 * was told and the record of it was lost: consumers deduplicate on {@code opportunityId}). Topic
 * {@code fundingwatch.opportunities}; key and subject: the opportunity id.
 *
 * @param opportunityId a name-based UUID of the call id and the target: the same call and target,
 *     the same id
 * @param target {@code kind} ({@code member}, {@code group}, {@code project}, {@code watch}),
 *     {@code id} and {@code name}
 * @param memberIds the member organisations it is for: the member, the group's members, the
 *     project's partners, the watch's owner
 * @param score 0 to 100
 * @param reasons why, the weightiest first
 */
@IntegrationEvent(
        type = "cluster.fundingwatch.opportunity.matched",
        version = 1,
        topic = "fundingwatch.opportunities")
public record OpportunityMatched(
        String opportunityId,
        String callId,
        CallSummary call,
        TargetRef target,
        List<String> memberIds,
        int score,
        List<Reason> reasons,
        Instant matchedAt) {

    /** What a recipient needs to see the call without asking for it. */
    public record CallSummary(
            String title,
            String programme,
            String kind,
            String status,
            List<Instant> deadlines,
            String url) {}

    public record TargetRef(String kind, String id, String name) {}
}
