package coop.cluster.finance.memberaccount.domain;

import java.time.Instant;

/**
 * finance-service's account of a member, as membership's events opened it and last changed it.
 *
 * @param status PROSPECT, ACTIVE, REJECTED, SUSPENDED, LEFT or EXCLUDED, as membership last
 *     announced
 * @param statusChangedAt when membership changed it
 */
public record MemberAccount(
        String memberId,
        String legalName,
        String country,
        String status,
        Instant openedAt,
        Instant statusChangedAt,
        int eventsApplied) {}
