package coop.cluster.finance.fee;

import coop.cluster.finance.fee.domain.FeeYears;
import java.time.MonthDay;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Membership fee settings ({@code cluster.finance.fees.*}).
 *
 * @param yearStart the first day of a fee year, {@code MM-dd} (default {@code 01-01})
 * @param paymentTerm from the invoice date to the due date (default {@code P30D})
 * @param grace from the due date to the day an unpaid fee is announced overdue (default {@code
 *     P30D})
 */
@ConfigurationProperties("cluster.finance.fees")
public record FeeSettings(String yearStart, Period paymentTerm, Period grace) {

    public FeeSettings {
        yearStart = yearStart == null || yearStart.isBlank() ? "01-01" : yearStart.strip();
        paymentTerm = paymentTerm == null ? Period.ofDays(30) : paymentTerm;
        grace = grace == null ? Period.ofDays(30) : grace;
        if (paymentTerm.isNegative() || grace.isNegative()) {
            throw new IllegalArgumentException(
                    "cluster.finance.fees payment-term and grace cannot be negative");
        }
    }

    public FeeYears feeYears() {
        String text = yearStart.startsWith("--") ? yearStart : "--" + yearStart;
        return new FeeYears(MonthDay.parse(text));
    }
}
