package coop.cluster.membership.council.events;

import coop.cluster.membership.council.domain.FeeExemption;
import coop.cluster.membership.council.domain.FeeSchedule;
import coop.cluster.membership.council.domain.GroupCreation;
import coop.cluster.membership.council.domain.Motion;
import coop.cluster.membership.council.domain.OverduePolicy;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A motion's terms as events carry them. Money amounts and percentages travel as decimal strings
 * ("450.00"), so no consumer reads them through a binary floating point number.
 */
public final class MotionTerms {

    private MotionTerms() {}

    /**
     * The terms of a fee schedule: an amount per member category (organisation type), and what a
     * member admitted after the fee year began owes for it ({@code FULL_YEAR}, {@code
     * PRO_RATA_MONTHS}, {@code FREE_UNTIL_NEXT_YEAR}).
     */
    public record FeeScheduleTerms(
            int feeYear, String currency, Map<String, String> amounts, String lateAdmission) {}

    /** The terms of a fee exemption; {@code percent} is the share of the fee waived. */
    public record FeeExemptionTerms(
            String memberId,
            String extent,
            String percent,
            String reason,
            LocalDate validFrom,
            LocalDate validUntil) {}

    public record GroupCreationTerms(String name, String description, List<String> interests) {}

    public record OverduePolicyTerms(boolean suspend, int suspendAfterDays) {}

    public static Object of(Motion motion) {
        return switch (motion) {
            case FeeSchedule s -> feeSchedule(s);
            case FeeExemption e -> feeExemption(e);
            case GroupCreation g ->
                    new GroupCreationTerms(g.name(), g.description(), g.interests());
            case OverduePolicy p -> new OverduePolicyTerms(p.suspend(), p.suspendAfterDays());
        };
    }

    public static FeeScheduleTerms feeSchedule(FeeSchedule schedule) {
        Map<String, String> amounts = new LinkedHashMap<>();
        schedule.amounts()
                .forEach(
                        (category, amount) -> amounts.put(category.name(), amount.toPlainString()));
        return new FeeScheduleTerms(
                schedule.feeYear(), schedule.currency(), amounts, schedule.lateAdmission().name());
    }

    public static FeeExemptionTerms feeExemption(FeeExemption exemption) {
        return new FeeExemptionTerms(
                exemption.member().value(),
                exemption.extent().name(),
                exemption.percent().toPlainString(),
                exemption.reason(),
                exemption.validFrom(),
                exemption.validUntil());
    }
}
