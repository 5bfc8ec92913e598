package coop.cluster.membership.council.web;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import coop.cluster.membership.council.domain.FeeExemption;
import coop.cluster.membership.council.domain.FeeSchedule;
import coop.cluster.membership.council.domain.GroupCreation;
import coop.cluster.membership.council.domain.LateAdmission;
import coop.cluster.membership.council.domain.Motion;
import coop.cluster.membership.council.domain.OverduePolicy;
import coop.cluster.membership.member.domain.MemberId;
import coop.cluster.membership.member.domain.OrganisationType;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The motion of a proposal, as a client sends it; {@code kind} says which. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = MotionRequest.FeeScheduleRequest.class, name = "FEE_SCHEDULE"),
    @JsonSubTypes.Type(value = MotionRequest.FeeExemptionRequest.class, name = "FEE_EXEMPTION"),
    @JsonSubTypes.Type(value = MotionRequest.GroupCreationRequest.class, name = "GROUP_CREATION"),
    @JsonSubTypes.Type(value = MotionRequest.OverduePolicyRequest.class, name = "OVERDUE_POLICY")
})
sealed interface MotionRequest {

    /**
     * @throws coop.cluster.plumbing.domain.RuleViolation if the terms break a rule of their kind
     */
    Motion toMotion();

    /**
     * @param amounts the fee of every member category, as a decimal number or string ("450.00")
     * @param lateAdmission what a member admitted after the fee year began owes for it: FULL_YEAR,
     *     PRO_RATA_MONTHS or FREE_UNTIL_NEXT_YEAR; PRO_RATA_MONTHS when absent
     */
    record FeeScheduleRequest(
            @NotNull @Min(2000) @Max(2100) Integer feeYear,
            @NotBlank @Pattern(regexp = "[A-Z]{3}") String currency,
            @NotEmpty Map<OrganisationType, @NotNull BigDecimal> amounts,
            LateAdmission lateAdmission)
            implements MotionRequest {
        @Override
        public Motion toMotion() {
            return new FeeSchedule(feeYear, currency, amounts, lateAdmission);
        }
    }

    /**
     * @param percent the share waived, for a PARTIAL exemption (a FULL one waives 100)
     */
    record FeeExemptionRequest(
            @NotBlank @Pattern(regexp = "[0-9a-f-]{36}") String memberId,
            @NotNull FeeExemption.Extent extent,
            BigDecimal percent,
            @NotBlank @Size(max = 1000) String reason,
            @NotNull LocalDate validFrom,
            @NotNull LocalDate validUntil)
            implements MotionRequest {
        @Override
        public Motion toMotion() {
            return new FeeExemption(
                    new MemberId(memberId), extent, percent, reason, validFrom, validUntil);
        }
    }

    record GroupCreationRequest(
            @NotBlank @Size(max = 120) String name,
            @Size(max = 2000) String description,
            @NotEmpty @Size(max = 30) List<@NotBlank @Size(max = 60) String> interests)
            implements MotionRequest {
        @Override
        public Motion toMotion() {
            return new GroupCreation(name, description, interests);
        }
    }

    record OverduePolicyRequest(
            @NotNull Boolean suspend, @NotNull @Min(0) @Max(365) Integer suspendAfterDays)
            implements MotionRequest {
        @Override
        public Motion toMotion() {
            return new OverduePolicy(suspend, suspendAfterDays);
        }
    }
}
