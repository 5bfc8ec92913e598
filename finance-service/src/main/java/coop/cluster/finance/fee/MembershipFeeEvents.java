package coop.cluster.finance.fee;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * finance-service's own copy of the membership events the fees read: only the fields it needs;
 * unknown fields are ignored, so membership can add fields without breaking finance.
 */
final class MembershipFeeEvents {

    static final String MEMBERS_TOPIC = "membership.members";
    static final String COUNCIL_TOPIC = "membership.council";
    static final String MEMBER = "cluster.membership.member.";
    static final String FEE_SCHEDULE_ADOPTED_V1 = "cluster.membership.fee-schedule.adopted.v1";
    static final String FEE_EXEMPTION_GRANTED_V1 = "cluster.membership.fee-exemption.granted.v1";

    /**
     * The council adopted the fee of each member category for a fee year, and what a member
     * admitted after the year began owes for it ({@code lateAdmission}: FULL_YEAR, PRO_RATA_MONTHS,
     * FREE_UNTIL_NEXT_YEAR; absent in events published before the rule existed: PRO_RATA_MONTHS).
     * Key: the resolution id.
     */
    record FeeScheduleAdopted(
            String resolutionId,
            Integer feeYear,
            String currency,
            Map<String, String> amounts,
            String lateAdmission,
            Instant adoptedAt) {}

    /**
     * A member is let off {@code percent} percent of the fee of every fee year its validity
     * overlaps. Key: the resolution id.
     */
    record FeeExemptionGranted(
            String resolutionId,
            String memberId,
            String extent,
            String percent,
            String reason,
            LocalDate validFrom,
            LocalDate validUntil,
            Instant grantedAt) {}

    /**
     * Admitted or profile changed: the profile's organisation type is the member's fee category;
     * {@code status} the member's status after the event ({@code ACTIVE} when admitted).
     */
    record WithProfile(String memberId, String status, Profile profile, Instant admittedAt) {}

    record Profile(String legalName, String organisationType) {}

    /**
     * Suspended, reinstated, left, excluded: {@code status} is the member's status after the event,
     * as membership names it ({@code SUSPENDED}, {@code ACTIVE}, {@code LEFT}, {@code EXCLUDED}).
     */
    record StatusChange(String memberId, String status) {}

    private MembershipFeeEvents() {}
}
