package coop.cluster.finance.fee;

import coop.cluster.finance.fee.domain.Invoice;
import coop.cluster.finance.fee.events.FeeInvoiced;
import coop.cluster.finance.fee.events.FeeOverdue;
import coop.cluster.finance.fee.persistence.FeeInvoiceStore;
import coop.cluster.plumbing.events.EventFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Announces each unpaid fee invoice overdue once the grace period after its due date has run out:
 * marking it ({@code overdueAnnouncedAt}) and its {@code fee.overdue} event are one write,
 * conditional on the invoice's version and on it not being marked yet, so two sweeps (or two
 * instances) announce it once.
 */
@Service
public class OverdueSweep {

    public static final String OVERDUE_METRIC = "cluster.finance.fees.overdue";
    private static final int PAGE = 200;
    private static final Logger log = LoggerFactory.getLogger(OverdueSweep.class);

    private final FeeInvoiceStore invoices;
    private final EventFactory events;
    private final FeeSettings settings;
    private final Clock clock;
    private final Counter overdue;

    OverdueSweep(
            FeeInvoiceStore invoices,
            EventFactory events,
            FeeSettings settings,
            Clock clock,
            MeterRegistry meters) {
        this.invoices = invoices;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
        this.overdue =
                Counter.builder(OVERDUE_METRIC)
                        .description("Fee invoices announced overdue")
                        .register(meters);
    }

    /**
     * Announces every invoice overdue on {@code today}: unpaid (open or partly paid), its due date
     * plus the grace period before {@code today}, not announced before.
     *
     * @return how many were announced by this sweep
     */
    public int sweep(LocalDate today) {
        LocalDate dueBefore = overdueIfDueBefore(today);
        int announced = 0;
        while (true) {
            List<Invoice> candidates = invoices.overdueCandidates(dueBefore, PAGE);
            int before = announced;
            for (Invoice candidate : candidates) {
                if (announce(candidate, today)) {
                    announced++;
                }
            }
            if (candidates.size() < PAGE || announced == before) {
                return announced;
            }
        }
    }

    /**
     * An unpaid invoice is overdue on {@code today} when it fell due before this day (today less
     * the grace).
     */
    public LocalDate overdueIfDueBefore(LocalDate today) {
        return today.minus(settings.grace());
    }

    /**
     * Whether {@code invoice} is overdue on {@code today}: unpaid, and its grace period after the
     * due date over.
     */
    public boolean overdue(Invoice invoice, LocalDate today) {
        return invoice.status().unpaid() && invoice.dueDate().isBefore(overdueIfDueBefore(today));
    }

    private boolean announce(Invoice read, LocalDate today) {
        Invoice invoice = read;
        for (int attempt = 0; attempt < 5; attempt++) {
            FeeOverdue notice =
                    new FeeOverdue(
                            invoice.id(),
                            invoice.memberId(),
                            invoice.feeYear(),
                            invoice.balance().amountDue().toPlainString(),
                            invoice.currency(),
                            invoice.dueDate(),
                            ChronoUnit.DAYS.between(invoice.dueDate(), today),
                            invoice.amounts().net().toPlainString());
            if (invoices.announceOverdue(
                    invoice,
                    clock.instant(),
                    events.create(FeeInvoiced.AGGREGATE, invoice.id(), notice))) {
                overdue.increment();
                log.info(
                        "Fee invoice {} of member {} is overdue: {} {} due since {}",
                        invoice.id(),
                        invoice.memberId(),
                        notice.amountDue(),
                        notice.currency(),
                        invoice.dueDate());
                return true;
            }
            Optional<Invoice> again = invoices.find(invoice.id());
            if (again.isEmpty()
                    || again.get().overdueAnnouncedAt() != null
                    || !again.get().status().unpaid()) {
                return false;
            }
            invoice = again.get();
        }
        return false;
    }
}
