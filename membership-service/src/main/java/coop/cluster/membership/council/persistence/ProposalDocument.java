package coop.cluster.membership.council.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * How a proposal is stored, ballots included: a vote is one conditional write of this document.
 * Exactly one of the motion fields is set, the one {@code kind} names. Dates are ISO strings, so no
 * time zone is involved; amounts and percentages are decimal strings.
 *
 * @param effectPending an adopted resolution whose effect lives in another document (a group to
 *     create) that has not been confirmed yet; the council retries it until it is
 */
@Document("proposals")
record ProposalDocument(
        @Id String id,
        String title,
        @Indexed String kind,
        FeeScheduleDoc feeSchedule,
        ExemptionDoc feeExemption,
        GroupDoc groupCreation,
        PolicyDoc overduePolicy,
        String tabledBy,
        Instant tabledAt,
        @Indexed Instant deadline,
        List<String> electorate,
        int quorumPercent,
        String majority,
        List<BallotDoc> ballots,
        @Indexed String status,
        OutcomeDoc outcome,
        @Indexed(sparse = true) Boolean effectPending,
        @Version Long version) {

    /**
     * @param lateAdmission null in proposals stored before the rule existed: the default rule
     */
    record FeeScheduleDoc(
            int feeYear, String currency, Map<String, String> amounts, String lateAdmission) {}

    record ExemptionDoc(
            @Indexed String memberId,
            String extent,
            String percent,
            String reason,
            String validFrom,
            String validUntil) {}

    record GroupDoc(String name, String nameKey, String description, List<String> interests) {}

    record PolicyDoc(boolean suspend, int suspendAfterDays) {}

    record BallotDoc(
            String seat, String delegateSubject, String choice, Instant castAt, int changes) {}

    record OutcomeDoc(
            int forVotes,
            int against,
            int abstain,
            int electorate,
            String reason,
            boolean early,
            Instant closedAt) {}
}
