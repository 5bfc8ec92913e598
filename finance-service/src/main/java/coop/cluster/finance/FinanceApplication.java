package coop.cluster.finance;

import coop.cluster.finance.fee.events.FeeInvoiced;
import coop.cluster.finance.fee.events.FeeOverdue;
import coop.cluster.finance.fee.events.FeePaid;
import coop.cluster.finance.ledger.LedgerSettings;
import coop.cluster.finance.ledger.events.EntryPosted;
import coop.cluster.finance.period.events.PeriodClosed;
import coop.cluster.finance.report.events.ReportPublished;
import coop.cluster.plumbing.events.EventCatalog;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
@EnableConfigurationProperties(LedgerSettings.class)
public class FinanceApplication {

    public static void main(String[] args) {
        SpringApplication.run(FinanceApplication.class, args);
    }

    /** Every integration event this service publishes. */
    @Bean
    EventCatalog eventCatalog() {
        return EventCatalog.of(
                EntryPosted.class,
                PeriodClosed.class,
                FeeInvoiced.class,
                FeePaid.class,
                FeeOverdue.class,
                ReportPublished.class);
    }
}
