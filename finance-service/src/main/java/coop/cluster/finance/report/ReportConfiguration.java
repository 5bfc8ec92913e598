package coop.cluster.finance.report;

import coop.cluster.finance.report.persistence.LedgerTotals;
import coop.cluster.finance.report.persistence.ReportPublications;
import coop.cluster.plumbing.events.EventFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Currency;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.ObjectMapper;

/**
 * Wires the reports. The two ports ({@link PeriodSeals}, {@link ProjectBudgetFigures}) take the
 * bean the periods and budgets features provide when there is one, and their no-op otherwise ("not
 * sealed yet", no budget line).
 */
@Configuration(proxyBeanMethods = false)
class ReportConfiguration {

    @Bean
    LedgerTotalsProjector ledgerTotalsProjector(
            LedgerTotals totals,
            Clock clock,
            MeterRegistry meters,
            @Value("${cluster.finance.reports.projection.batch-size:5000}") int batchSize,
            @Value("${cluster.finance.reports.projection.poll-interval:500ms}")
                    Duration pollInterval,
            @Value("${cluster.finance.reports.projection.min-interval:200ms}") Duration minInterval,
            @Value("${cluster.finance.reports.projection.lease-ttl:15s}") Duration leaseTtl,
            @Value("${cluster.finance.reports.projection.enabled:true}") boolean enabled) {
        return new LedgerTotalsProjector(
                totals, batchSize, pollInterval, minInterval, leaseTtl, clock, meters, enabled);
    }

    @Bean
    Reports reports(
            LedgerTotals totals,
            LedgerTotalsProjector projector,
            ReportPublications publications,
            ObjectProvider<PeriodSeals> seals,
            ObjectProvider<ProjectBudgetFigures> budgets,
            EventFactory events,
            ObjectMapper json,
            Clock clock,
            @Value("${cluster.finance.reports.currency:EUR}") String currency,
            @Value("${cluster.finance.reports.publish-catch-up-timeout:20s}")
                    Duration catchUpTimeout) {
        return new Reports(
                totals,
                projector,
                publications,
                seals.getIfAvailable(() -> PeriodSeals.NONE),
                budgets.getIfAvailable(() -> ProjectBudgetFigures.NONE),
                events,
                json,
                clock,
                Currency.getInstance(currency),
                catchUpTimeout);
    }
}
