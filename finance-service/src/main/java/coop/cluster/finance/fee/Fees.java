package coop.cluster.finance.fee;

import coop.cluster.finance.fee.domain.FeeSchedule;
import coop.cluster.finance.fee.domain.Invoice;
import coop.cluster.finance.fee.domain.InvoiceStatus;
import coop.cluster.finance.fee.persistence.FeeInvoiceStore;
import coop.cluster.finance.fee.persistence.FeeViewStore;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** What the fee API reads: the invoices and the fee schedules finance holds. */
@Service
public class Fees {

    private final FeeInvoiceStore invoices;
    private final FeeViewStore views;

    Fees(FeeInvoiceStore invoices, FeeViewStore views) {
        this.invoices = invoices;
        this.views = views;
    }

    public Optional<Invoice> invoice(String id) {
        return invoices.find(id);
    }

    /**
     * A page of invoices, newest fee year first, then by member; null filters match everything.
     *
     * @param overdueIfDueBefore when not null, only unpaid invoices due before that day
     */
    public List<Invoice> invoices(
            String memberId,
            Integer feeYear,
            InvoiceStatus status,
            LocalDate overdueIfDueBefore,
            int page,
            int size) {
        return invoices.list(memberId, feeYear, status, overdueIfDueBefore, page, size);
    }

    public long count(
            String memberId, Integer feeYear, InvoiceStatus status, LocalDate overdueIfDueBefore) {
        return invoices.count(memberId, feeYear, status, overdueIfDueBefore);
    }

    /** Each fee year's schedule, newest year first. */
    public List<FeeSchedule> schedules() {
        return views.schedules();
    }
}
