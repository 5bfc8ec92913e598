package coop.cluster.fundingwatch.call.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/**
 * A cut-off of a funding call is near: published once per call, cut-off and offset (e.g. 7 days
 * before), when that moment has come, for calls that are not closed. Topic {@code
 * fundingwatch.calls}; key and subject: the call id. When the call was seen late, only the most
 * imminent reminder due is sent (the canvas has the rule), so {@code remainingSeconds} may be much
 * less than {@code offset}.
 *
 * @param deadline the cut-off (a call may have several)
 * @param offset which reminder this is: ISO-8601, whole days as {@code P7D}
 * @param remainingSeconds seconds from the reminder to the cut-off
 * @param daysLeft whole days from the reminder to the cut-off, rounded down ({@code 0} on the last
 *     day)
 * @param title the call's own title: for a cascade call its own call title, so that two cascade
 *     calls of one EU topic are told apart
 * @param url the call's own page (a cascade call's, not its EU topic's)
 * @param kind GRANT, TENDER or CASCADE
 * @param budget {@code {amount, currency}} (amount a decimal string), or null when the source gives
 *     none
 */
@IntegrationEvent(
        type = "cluster.fundingwatch.deadline.approaching",
        version = 1,
        topic = "fundingwatch.calls")
public record DeadlineApproaching(
        String callId,
        String title,
        String programme,
        String url,
        Instant deadline,
        String offset,
        long remainingSeconds,
        long daysLeft,
        String kind,
        CallContent.Budget budget) {}
