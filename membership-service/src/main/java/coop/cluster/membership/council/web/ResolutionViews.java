package coop.cluster.membership.council.web;

import coop.cluster.membership.council.domain.FeeExemption;
import coop.cluster.membership.council.domain.FeeSchedule;
import coop.cluster.membership.council.domain.Proposal;
import coop.cluster.membership.council.events.MotionTerms;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/** Adopted resolutions as the API shows them. Amounts and percentages are decimal strings. */
final class ResolutionViews {

    private ResolutionViews() {}

    record FeeScheduleView(
            String resolutionId,
            int feeYear,
            String currency,
            Map<String, String> amounts,
            String lateAdmission,
            Instant adoptedAt) {
        static FeeScheduleView of(Proposal resolution) {
            var terms = MotionTerms.feeSchedule((FeeSchedule) resolution.motion());
            return new FeeScheduleView(
                    resolution.id().value(),
                    terms.feeYear(),
                    terms.currency(),
                    terms.amounts(),
                    terms.lateAdmission(),
                    resolution.outcome().closedAt());
        }
    }

    record ExemptionView(
            String resolutionId,
            String memberId,
            String extent,
            String percent,
            String reason,
            LocalDate validFrom,
            LocalDate validUntil,
            Instant grantedAt) {
        static ExemptionView of(Proposal resolution) {
            var terms = MotionTerms.feeExemption((FeeExemption) resolution.motion());
            return new ExemptionView(
                    resolution.id().value(),
                    terms.memberId(),
                    terms.extent(),
                    terms.percent(),
                    terms.reason(),
                    terms.validFrom(),
                    terms.validUntil(),
                    resolution.outcome().closedAt());
        }
    }
}
