package coop.cluster.finance.fee;

import coop.cluster.finance.fee.persistence.FeeRunStore;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The fees' scheduled work. Each job is safe on several instances at once and after a crash, since
 * each step is.
 *
 * <ul>
 *   <li>the fee year's run ({@code cluster.finance.fees.year-run-interval}, default hourly): once a
 *       fee year has begun and its schedule is known, every member owing its fee is invoiced; done
 *       once per year ({@code fee_runs} remembers); later admissions are invoiced by their own
 *       event;
 *   <li>the overdue sweep ({@code cluster.finance.fees.overdue-sweep-interval}, default hourly);
 *   <li>the recognition of deferred fees ({@code cluster.finance.fees.recognition-interval},
 *       default hourly): fees invoiced before their fee year began become its income on its first
 *       day;
 *   <li>each first runs {@code jobs-initial-delay} (default 30 s) after start-up;
 *   <li>the repair sweep ({@code cluster.finance.fees.repair-interval}, default one minute): ledger
 *       entries of invoices and payments written over a minute ago and not marked posted.
 * </ul>
 */
@Component
@EnableScheduling
class FeeJobs {

    private static final String FIRST = "${cluster.finance.fees.jobs-initial-delay:PT30S}";
    private static final Logger log = LoggerFactory.getLogger(FeeJobs.class);

    private final FeeInvoicing invoicing;
    private final OverdueSweep overdue;
    private final FeeRunStore runs;

    FeeJobs(FeeInvoicing invoicing, OverdueSweep overdue, FeeRunStore runs) {
        this.invoicing = invoicing;
        this.overdue = overdue;
        this.runs = runs;
    }

    @Scheduled(
            fixedDelayString = "${cluster.finance.fees.year-run-interval:PT1H}",
            initialDelayString = FIRST)
    void yearRun() {
        int feeYear = invoicing.years().yearOf(invoicing.today());
        if (runs.done(feeYear)) {
            return;
        }
        try {
            invoicing
                    .run(feeYear)
                    .ifPresent(
                            result -> runs.finished(feeYear, result.invoiced(), result.exempt()));
        } catch (RuntimeException failed) {
            log.warn(
                    "The fee invoicing run for {} failed; it runs again at the next interval",
                    feeYear,
                    failed);
        }
    }

    @Scheduled(
            fixedDelayString = "${cluster.finance.fees.overdue-sweep-interval:PT1H}",
            initialDelayString = FIRST)
    void overdueSweep() {
        try {
            overdue.sweep(invoicing.today());
        } catch (RuntimeException failed) {
            log.warn("The overdue fee sweep failed; it runs again at the next interval", failed);
        }
    }

    @Scheduled(
            fixedDelayString = "${cluster.finance.fees.recognition-interval:PT1H}",
            initialDelayString = FIRST)
    void recognition() {
        try {
            invoicing.recognise(invoicing.today());
        } catch (RuntimeException failed) {
            log.warn(
                    "The recognition of deferred fees failed; it runs again at the next interval",
                    failed);
        }
    }

    @Scheduled(
            fixedDelayString = "${cluster.finance.fees.repair-interval:PT1M}",
            initialDelayString = FIRST)
    void repairPostings() {
        try {
            invoicing.repairPostings(Duration.ofMinutes(1));
        } catch (RuntimeException failed) {
            log.warn(
                    "The fee postings repair sweep failed; it runs again at the next interval",
                    failed);
        }
    }
}
