package coop.cluster.finance.fee.web;

import coop.cluster.finance.fee.domain.FeeSchedule;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fee schedule as finance read it from the council's resolution: the fee of each member category,
 * and what a member admitted after the fee year began owes for it ({@code lateAdmission}).
 */
record ScheduleView(
        int feeYear,
        String currency,
        Map<String, String> amounts,
        String lateAdmission,
        String resolutionId,
        Instant adoptedAt) {

    static ScheduleView of(FeeSchedule schedule) {
        Map<String, String> amounts = new TreeMap<>();
        schedule.amounts()
                .forEach((category, amount) -> amounts.put(category, amount.toPlainString()));
        return new ScheduleView(
                schedule.feeYear(),
                schedule.currency().getCurrencyCode(),
                amounts,
                schedule.lateAdmission().name(),
                schedule.resolutionId(),
                schedule.adoptedAt());
    }
}
