package coop.cluster.finance.memberaccount;

import java.time.Instant;

/**
 * finance-service's own copy of the membership events it reads: only the fields it needs. Unknown fields are
 * ignored, so membership can add fields without breaking finance.
 */
final class MembershipEvents {

    static final String TOPIC = "membership.members";
    static final String MEMBER = "cluster.membership.member.";
    static final String MEMBER_APPLIED_V1 = MEMBER + "applied.v1";

    record MemberApplied(String memberId, String legalName, String country, Instant appliedAt) {
    }

    /**
     * Admitted, rejected, suspended, reinstated, left, excluded: the member id, and the profile when the event carries
     * one (admitted).
     */
    record StatusChanged(String memberId, Profile profile) {
    }

    record Profile(String legalName, String country) {
    }

    private MembershipEvents() {
    }
}
