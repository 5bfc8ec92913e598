package coop.cluster.finance.fee;

import coop.cluster.finance.fee.domain.FeeAmounts;
import coop.cluster.finance.fee.domain.FeeCharge;
import coop.cluster.finance.fee.domain.FeeExemption;
import coop.cluster.finance.fee.domain.FeeMember;
import coop.cluster.finance.fee.domain.FeeSchedule;
import coop.cluster.finance.fee.domain.FeeYears;
import coop.cluster.finance.fee.domain.Invoice;
import coop.cluster.finance.fee.domain.InvoiceBalance;
import coop.cluster.finance.fee.events.FeeInvoiced;
import coop.cluster.finance.fee.events.FeePaid;
import coop.cluster.finance.fee.persistence.FeeInvoiceStore;
import coop.cluster.finance.fee.persistence.FeeViewStore;
import coop.cluster.plumbing.events.EventFactory;
import coop.cluster.plumbing.events.PendingEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Issues fee invoices, once per member and fee year whatever calls it (an admission, a schedule's
 * arrival, the yearly run, a run by hand): the invoice id is derived from the member and the year,
 * and the invoice is inserted with its {@code fee.invoiced} event in one write, so a second attempt
 * finds it and only makes sure the ledger has its entry. The ledger entry follows the insert; if
 * the process dies in between, the next attempt or the repair sweep ({@link #repairPostings}) posts
 * it under the same idempotency key.
 */
@Service
public class FeeInvoicing {

    public static final String INVOICED_METRIC = "cluster.finance.fees.invoiced";
    private static final Logger log = LoggerFactory.getLogger(FeeInvoicing.class);
    private static final int PAGE = 200;

    private final FeeViewStore views;
    private final FeeInvoiceStore invoices;
    private final FeeLedger ledger;
    private final EventFactory events;
    private final FeeSettings settings;
    private final FeeYears years;
    private final Clock clock;
    private final MeterRegistry meters;

    FeeInvoicing(
            FeeViewStore views,
            FeeInvoiceStore invoices,
            FeeLedger ledger,
            EventFactory events,
            FeeSettings settings,
            Clock clock,
            MeterRegistry meters) {
        this.views = views;
        this.invoices = invoices;
        this.ledger = ledger;
        this.events = events;
        this.settings = settings;
        this.years = settings.feeYears();
        this.clock = clock;
        this.meters = meters;
        for (String status : List.of("OPEN", "EXEMPT")) {
            meters.counter(INVOICED_METRIC, "status", status);
        }
    }

    /** What invoicing a member for a year did. */
    public enum Outcome {
        INVOICED,
        EXEMPT,
        ALREADY_INVOICED,
        NO_SCHEDULE,
        NO_FEE_FOR_CATEGORY,
        NOT_A_MEMBER
    }

    /** The outcome of a run over every member owing fees for a year. */
    public record RunResult(
            int feeYear, int invoiced, int exempt, int alreadyInvoiced, int skipped) {}

    public FeeYears years() {
        return years;
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** The deterministic id of a member's invoice for a fee year. */
    public static String invoiceId(String memberId, int feeYear) {
        String member =
                memberId.matches("[A-Za-z0-9_-]{1,40}")
                        ? memberId
                        : UUID.nameUUIDFromBytes(memberId.getBytes(StandardCharsets.UTF_8))
                                .toString();
        return "FEE-" + feeYear + "-" + member;
    }

    /**
     * Invoices a member's fee for {@code feeYear} unless it is invoiced already (then only repairs
     * its postings). The invoice is dated today and falls due after the payment term; the best
     * exemption that covers the fee year applies (never one for another fee year, whatever the due
     * date).
     */
    public Outcome invoice(String memberId, int feeYear) {
        String id = invoiceId(memberId, feeYear);
        Optional<Invoice> existing = invoices.find(id);
        if (existing.isPresent()) {
            ledger.postMissing(existing.get());
            return Outcome.ALREADY_INVOICED;
        }
        Optional<FeeMember> member = views.member(memberId).filter(m -> m.admittedOn() != null);
        if (member.isEmpty()) {
            return Outcome.NOT_A_MEMBER;
        }
        Optional<FeeSchedule> schedule = views.schedule(feeYear);
        if (schedule.isEmpty()) {
            log.info(
                    "No fee schedule for {} yet: member {} will be invoiced when it is adopted",
                    feeYear,
                    memberId);
            return Outcome.NO_SCHEDULE;
        }
        LocalDate invoiceDate = today();
        LocalDate dueDate = invoiceDate.plus(settings.paymentTerm());
        String category = member.get().category();
        Optional<BigDecimal> yearFee = schedule.get().feeOf(category);
        if (yearFee.isEmpty()) {
            log.warn(
                    "The {} fee schedule has no fee for category {} of member {}: not invoiced",
                    feeYear,
                    category,
                    memberId);
            return Outcome.NO_FEE_FOR_CATEGORY;
        }
        // a member admitted after the fee year began owes what the schedule's rule says for it
        FeeCharge charge =
                schedule.get()
                        .lateAdmission()
                        .charge(
                                yearFee.get(),
                                schedule.get().currency(),
                                years,
                                feeYear,
                                member.get().admittedOn());
        Optional<FeeAmounts> amounts =
                Optional.of(
                        FeeAmounts.of(
                                schedule.get().currency(),
                                charge.fee(),
                                FeeAmounts.best(views.exemptions(memberId), years, feeYear)));
        Instant now = clock.instant();
        // a fee year that has not begun: its fee is deferred income until its first day
        LocalDate yearStart = years.firstDay(feeYear);
        Invoice invoice =
                Invoice.issue(
                        id,
                        memberId,
                        feeYear,
                        category,
                        amounts.get(),
                        invoiceDate,
                        dueDate,
                        schedule.get().resolutionId(),
                        now,
                        charge,
                        invoiceDate.isBefore(yearStart) ? yearStart : null);
        if (!invoices.insert(
                invoice, events.create(FeeInvoiced.AGGREGATE, id, invoiced(invoice)))) {
            invoices.find(id).ifPresent(ledger::postMissing);
            return Outcome.ALREADY_INVOICED;
        }
        meters.counter(INVOICED_METRIC, "status", invoice.status().name()).increment();
        log.info(
                "Invoiced {} for {}: {} {} ({})",
                memberId,
                feeYear,
                amounts.get().net().toPlainString(),
                invoice.currency(),
                invoice.status());
        ledger.postMissing(invoice);
        // an exemption saved while this invoice was being priced: its own handler may have looked
        // for this
        // invoice before it existed; one of the two sees the other's write, and applying it twice
        // is a no-op
        for (FeeExemption exemption : views.exemptions(memberId)) {
            if (exemption.coversFeeYear(years, feeYear)
                    && !exemption.resolutionId().equals(amounts.get().exemptionRef())
                    && (amounts.get().exemptionPercent() == null
                            || exemption.percent().compareTo(amounts.get().exemptionPercent())
                                    > 0)) {
                applyLateExemption(exemption);
            }
        }
        return amounts.get().nothingDue() ? Outcome.EXEMPT : Outcome.INVOICED;
    }

    /**
     * Invoices every member owing fees for {@code feeYear} (active or suspended, admitted by its
     * last day) who has no invoice for it yet. Safe to repeat.
     *
     * @return empty when finance has no schedule for that year
     */
    public Optional<RunResult> run(int feeYear) {
        if (views.schedule(feeYear).isEmpty()) {
            return Optional.empty();
        }
        int invoiced = 0;
        int exempt = 0;
        int already = 0;
        int skipped = 0;
        String after = null;
        LocalDate lastDay = years.lastDay(feeYear);
        while (true) {
            List<FeeMember> page = views.invoiceable(lastDay, after, PAGE);
            for (FeeMember member : page) {
                switch (invoice(member.memberId(), feeYear)) {
                    case INVOICED -> invoiced++;
                    case EXEMPT -> exempt++;
                    case ALREADY_INVOICED -> already++;
                    default -> skipped++;
                }
                after = member.memberId();
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        RunResult result = new RunResult(feeYear, invoiced, exempt, already, skipped);
        log.info("Fee invoicing run for {}: {}", feeYear, result);
        return Optional.of(result);
    }

    /**
     * Applies an exemption heard of after some of the member's invoices were issued (the exemption
     * and the admission travel on different topics, so either may come first): each invoice whose
     * fee year it covers, and whose exemption it betters, is reduced to the fee less this
     * exemption, once per invoice and resolution (one conditional write with the adjustment, then
     * its ledger entry under a key derived from both). What was already paid beyond the new amount
     * becomes the member's prepayment; an invoice left with nothing due is announced settled
     * ({@code fee.paid}).
     *
     * @return how many invoices it reduced now
     */
    public int applyLateExemption(FeeExemption exemption) {
        int reduced = 0;
        for (Invoice listed : invoices.list(exemption.memberId(), null, null, 0, PAGE)) {
            Invoice invoice = listed;
            for (int attempt = 0; attempt < 10; attempt++) {
                if (invoice.adjustment(exemption.resolutionId()).isPresent()) {
                    ledger.postMissing(invoice);
                    break;
                }
                BigDecimal current = invoice.amounts().exemptionPercent();
                if (!exemption.coversFeeYear(years, invoice.feeYear())
                        || invoice.amounts().nothingDue()
                        || (current != null && current.compareTo(exemption.percent()) >= 0)) {
                    break;
                }
                FeeAmounts amounts =
                        FeeAmounts.exempt(
                                invoice.amounts().currency(),
                                invoice.amounts().gross(),
                                exemption.percent(),
                                exemption.resolutionId());
                InvoiceBalance.Reduction reduction = invoice.balance().reduceTo(amounts.net());
                Instant now = clock.instant();
                Invoice.Adjustment adjustment =
                        new Invoice.Adjustment(
                                exemption.resolutionId(),
                                exemption.percent(),
                                reduction.by(),
                                reduction.fromDue(),
                                reduction.toCredit(),
                                today(),
                                now,
                                invoice.stillDeferred());
                InvoiceBalance after = reduction.after();
                List<PendingEvent> announced =
                        invoice.status().unpaid() && !after.status().unpaid()
                                ? List.of(
                                        events.create(
                                                FeeInvoiced.AGGREGATE,
                                                invoice.id(),
                                                new FeePaid(
                                                        invoice.id(),
                                                        invoice.memberId(),
                                                        invoice.feeYear(),
                                                        invoice.currency(),
                                                        after.net().toPlainString(),
                                                        after.settled()
                                                                .add(after.credit())
                                                                .toPlainString(),
                                                        after.credit().toPlainString(),
                                                        after.status().name(),
                                                        today(),
                                                        now)))
                                : List.of();
                if (invoices.adjust(invoice, amounts, after, adjustment, announced)) {
                    reduced++;
                    log.info(
                            "Fee invoice {} reduced by {} {}: exemption {} ({}%) heard of after it"
                                    + " was issued; now {}",
                            invoice.id(),
                            reduction.by().toPlainString(),
                            invoice.currency(),
                            exemption.resolutionId(),
                            exemption.percent().toPlainString(),
                            after.status());
                    ledger.postMissing(invoices.find(invoice.id()).orElseThrow());
                    break;
                }
                invoice = invoices.find(invoice.id()).orElseThrow();
            }
        }
        return reduced;
    }

    /**
     * Recognises as income the deferred fees whose fee year has begun by {@code today}: for each
     * such invoice, ONE conditional write (its version, no recognition yet) records the
     * recognition, what the invoice then asks (the deferred amount less the exemptions heard of
     * before it, which reduced the deferred fees themselves), dated the fee year's first day, or
     * the day after the last closed period if that day is in it; then its entry is posted under
     * {@code fee-recognition:<invoiceId>}, so whoever comes second (another sweep, another
     * instance, the repair sweep) only replays it. An exemption heard of afterwards reduces fee
     * income, not deferred fees.
     *
     * @return how many invoices this call recognised
     */
    public int recognise(LocalDate today) {
        int recognised = 0;
        while (true) {
            List<Invoice> due = invoices.dueForRecognition(today, PAGE);
            int before = recognised;
            for (Invoice listed : due) {
                if (recognise(listed)) {
                    recognised++;
                }
            }
            if (due.size() < PAGE || recognised == before) {
                return recognised;
            }
        }
    }

    private boolean recognise(Invoice read) {
        Invoice invoice = read;
        for (int attempt = 0; attempt < 10; attempt++) {
            if (invoice.recognition() != null) {
                ledger.postMissing(invoice);
                return false;
            }
            LocalDate date = invoice.incomeFrom();
            Optional<LocalDate> closed = ledger.closedThrough();
            if (closed.isPresent() && !date.isAfter(closed.get())) {
                date = closed.get().plusDays(1);
            }
            Invoice.Recognition recognition =
                    new Invoice.Recognition(invoice.amounts().net(), date, clock.instant());
            if (invoices.recognise(invoice, recognition)) {
                log.info(
                        "Fee invoice {}: {} {} of deferred fees recognised as income of {} on {}",
                        invoice.id(),
                        recognition.amount().toPlainString(),
                        invoice.currency(),
                        invoice.feeYear(),
                        date);
                ledger.postMissing(invoices.find(invoice.id()).orElseThrow());
                return true;
            }
            invoice = invoices.find(invoice.id()).orElseThrow();
        }
        return false;
    }

    /**
     * Posts the ledger entries that invoices and payments written before {@code olderThan} ago may
     * still lack (a crash between the invoice's write and its posting). Each posting is a replay
     * when the entry is there.
     *
     * @return how many invoices were looked at
     */
    public int repairPostings(Duration olderThan) {
        List<Invoice> found = invoices.needingPosting(clock.instant().minus(olderThan), PAGE);
        for (Invoice invoice : found) {
            try {
                ledger.postMissing(invoice);
                invoices.clearPendingPostings(invoice.id(), invoice.version());
            } catch (RuntimeException failed) {
                log.warn(
                        "Could not post the ledger entries of fee invoice {}; the next sweep"
                                + " retries",
                        invoice.id(),
                        failed);
            }
        }
        return found.size();
    }

    static FeeInvoiced invoiced(Invoice invoice) {
        FeeAmounts amounts = invoice.amounts();
        return new FeeInvoiced(
                invoice.id(),
                invoice.memberId(),
                invoice.feeYear(),
                invoice.category(),
                invoice.currency(),
                amounts.gross().toPlainString(),
                amounts.exemption().toPlainString(),
                amounts.exemptionPercent() == null
                        ? null
                        : amounts.exemptionPercent().toPlainString(),
                amounts.exemptionRef(),
                amounts.net().toPlainString(),
                invoice.status().name(),
                invoice.invoiceDate(),
                invoice.dueDate(),
                invoice.scheduleRef(),
                invoice.invoicedAt());
    }
}
