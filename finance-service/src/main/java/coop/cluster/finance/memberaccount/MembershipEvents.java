package coop.cluster.finance.memberaccount;

import java.time.Instant;

/**
 * finance-service's own copy of the membership events it reads: only the fields it needs. Unknown
 * fields are ignored, so membership can add fields without breaking finance.
 */
final class MembershipEvents {

    static final String TOPIC = "membership.members";
    static final String MEMBER = "cluster.membership.member.";
    static final String MEMBER_APPLIED_V1 = MEMBER + "applied.v1";

    record MemberApplied(String memberId, String legalName, String country, Instant appliedAt) {}

    /**
     * Admitted, rejected, suspended, reinstated, left, excluded: the member id, the member's status
     * after the event ({@code ACTIVE}, {@code REJECTED}, {@code SUSPENDED}, {@code LEFT}, {@code
     * EXCLUDED}), and the profile when the event carries one (admitted).
     */
    record StatusChanged(String memberId, String status, Profile profile) {}

    record Profile(String legalName, String country) {}

    private MembershipEvents() {}
}
