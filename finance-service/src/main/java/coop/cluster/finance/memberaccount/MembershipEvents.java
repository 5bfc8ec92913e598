package coop.cluster.finance.memberaccount;

import java.time.Instant;

/**
 * finance-service's own copy of the membership events it reads: only the fields it needs. Unknown fields are
 * ignored, so membership can add fields without breaking finance.
 */
final class MembershipEvents {

    static final String TOPIC = "membership.members";
    static final String MEMBER_APPLIED_V1 = "cluster.membership.member.applied.v1";

    record MemberApplied(String memberId, String legalName, String country, Instant appliedAt) {
    }

    private MembershipEvents() {
    }
}
