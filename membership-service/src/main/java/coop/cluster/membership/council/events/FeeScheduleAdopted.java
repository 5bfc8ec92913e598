package coop.cluster.membership.council.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;
import java.util.Map;

/**
 * A fee schedule is in force for {@code feeYear}: the fee of each member category (organisation
 * type: SME, LARGE_COMPANY, RESEARCH, EDUCATION, ASSOCIATION, PUBLIC_BODY) as a decimal string in
 * {@code currency}, and {@code lateAdmission}, what a member admitted after the fee year began owes
 * for it ({@code FULL_YEAR}, {@code PRO_RATA_MONTHS}, {@code FREE_UNTIL_NEXT_YEAR}; added in a
 * backward-compatible way: a consumer reading an event without it applies {@code PRO_RATA_MONTHS}).
 * A later schedule for the same year replaces it. Topic {@code membership.council}, key: the
 * resolution id.
 */
@IntegrationEvent(
        type = "cluster.membership.fee-schedule.adopted",
        version = 1,
        topic = "membership.council")
public record FeeScheduleAdopted(
        String resolutionId,
        int feeYear,
        String currency,
        Map<String, String> amounts,
        String lateAdmission,
        Instant adoptedAt) {}
