package coop.cluster.finance.fee.web;

import coop.cluster.finance.fee.FeeAccess;
import coop.cluster.finance.fee.FeeInvoicing;
import coop.cluster.finance.fee.FeePayments;
import coop.cluster.finance.fee.Fees;
import coop.cluster.finance.fee.OverdueSweep;
import coop.cluster.finance.fee.domain.Invoice;
import coop.cluster.finance.fee.domain.InvoiceStatus;
import coop.cluster.finance.ledger.LedgerContentionException;
import coop.cluster.finance.ledger.domain.LedgerViolation;
import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.web.ProblemException;
import coop.cluster.plumbing.web.RequestBodies;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Membership fees over HTTP: finance staff and managers read every invoice, a member's users
 * (members, delegates) their own organisation's only (another organisation's invoice is "not found"
 * to them); finance staff record payments and run the invoicing of a fee year by hand.
 */
@RestController
@Validated
@RequestMapping("/api/finance/fees")
class FeeController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    static final String ID = "[A-Za-z0-9_-]{1,64}";
    static final String KEY = "[\\p{Print}&&[^\\p{Cntrl}]]{1,100}";
    static final String OVERDUE = "OVERDUE";

    private final Fees fees;
    private final FeeInvoicing invoicing;
    private final FeePayments payments;
    private final OverdueSweep overdue;
    private final jakarta.validation.Validator validator;

    FeeController(
            Fees fees,
            FeeInvoicing invoicing,
            FeePayments payments,
            OverdueSweep overdue,
            jakarta.validation.Validator validator) {
        this.validator = validator;
        this.overdue = overdue;
        this.fees = fees;
        this.invoicing = invoicing;
        this.payments = payments;
    }

    @Operation(
            summary = "Fee invoices",
            description =
                    "Finance staff and managers: every invoice, filtered by memberId, feeYear and"
                        + " status (OPEN, PARTIALLY_PAID, PAID, OVERPAID, EXEMPT, or OVERDUE:"
                        + " unpaid and past its due date plus the grace period, whether announced"
                        + " yet or not). A member's users: their own organisation's only (memberId"
                        + " defaults to it; another organisation's is 403). Newest fee year first;"
                        + " page from 0, size 1 to 200 (default 20). 400 invoice-status-invalid for"
                        + " another status.")
    @GetMapping("/invoices")
    InvoiceView.Page list(
            @RequestParam(required = false) @Pattern(regexp = ID) String memberId,
            @RequestParam(required = false) @Min(2000) @Max(2100) Integer feeYear,
            @RequestParam(required = false) @jakarta.validation.constraints.Size(max = 40)
                    String status,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
            Caller caller) {
        String member = FeeAccess.invoicesListedFor(caller, memberId);
        boolean overdueOnly = OVERDUE.equalsIgnoreCase(status);
        InvoiceStatus exact = status == null || overdueOnly ? null : status(status);
        LocalDate today = invoicing.today();
        LocalDate dueBefore = overdueOnly ? overdue.overdueIfDueBefore(today) : null;
        List<InvoiceView> content =
                fees.invoices(member, feeYear, exact, dueBefore, page, size).stream()
                        .map(invoice -> InvoiceView.of(invoice, overdue.overdue(invoice, today)))
                        .toList();
        long total = fees.count(member, feeYear, exact, dueBefore);
        return new InvoiceView.Page(content, page, size, total, (int) ((total + size - 1) / size));
    }

    @Operation(
            summary = "A fee invoice",
            description =
                    "Finance staff and managers; a member's users for their own "
                            + "organisation's invoice. 404 fee-invoice-not-found otherwise.")
    @GetMapping("/invoices/{id}")
    InvoiceView get(@PathVariable @Pattern(regexp = ID) String id, Caller caller) {
        FeeAccess.checkMayReadInvoices(caller);
        Invoice invoice =
                fees.invoice(id)
                        .filter(found -> FeeAccess.maySee(caller, found))
                        .orElseThrow(() -> notFound(id));
        return InvoiceView.of(invoice, overdue.overdue(invoice, invoicing.today()));
    }

    @Operation(
            summary = "Record a payment of a fee invoice",
            description =
                    "Finance staff only. Body {amount (decimal string), currency, paidOn"
                        + " (yyyy-MM-dd), reference}; the Idempotency-Key header (or, without it,"
                        + " the reference) makes a retry safe: the same key and payment again"
                        + " answers 200 with Idempotent-Replayed: true and records nothing more;"
                        + " the same key with another payment is 409 payment-key-conflict. 201 with"
                        + " the invoice: a payment settles what is due first and the excess is the"
                        + " member's prepayment (status PARTIALLY_PAID, PAID or OVERPAID). 422"
                        + " payment-currency-mismatch, payment-amount-not-positive,"
                        + " payment-amount-too-precise, invoice-exempt; 404 fee-invoice-not-found;"
                        + " 503 ledger-busy (the payment is recorded; send the same request again"
                        + " to finish its posting).")
    @PostMapping("/invoices/{id}/payments")
    ResponseEntity<InvoiceView> pay(
            @PathVariable @Pattern(regexp = ID) String id,
            @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String headerKey,
            @RequestBody PaymentRequest request,
            Caller caller) {
        FeeAccess.checkMayRecord(caller);
        RequestBodies.valid(validator, request);
        String key = key(headerKey, request.reference());
        FeePayments.Recorded recorded =
                ledgerCall(
                        () ->
                                payments.record(
                                        id,
                                        new FeePayments.PaymentRequest(
                                                key,
                                                new BigDecimal(request.amount()),
                                                request.currency(),
                                                request.paidOn(),
                                                request.reference())));
        URI location = URI.create("/api/finance/fees/invoices/" + id);
        InvoiceView view =
                InvoiceView.of(
                        recorded.invoice(), overdue.overdue(recorded.invoice(), invoicing.today()));
        if (recorded.replayed()) {
            return ResponseEntity.ok().location(location).header(REPLAYED, "true").body(view);
        }
        return ResponseEntity.created(location).body(view);
    }

    @Operation(
            summary = "Invoice a fee year now",
            description =
                    "Finance staff only. Body {feeYear}: invoices every member owing that year's"
                        + " fee (active or suspended, admitted by the year's last day) who has no"
                        + " invoice for it yet; safe to repeat (an invoice's id is its member and"
                        + " year). 200 with the counts; 422 fee-schedule-missing when the council's"
                        + " schedule for that year has not reached finance.")
    @PostMapping("/invoicing-runs")
    FeeInvoicing.RunResult run(@RequestBody RunRequest request, Caller caller) {
        FeeAccess.checkMayRecord(caller);
        RequestBodies.valid(validator, request);
        return ledgerCall(() -> invoicing.run(request.feeYear()))
                .orElseThrow(
                        () ->
                                ProblemException.unprocessable(
                                        "fee-schedule-missing", String.valueOf(request.feeYear())));
    }

    @Operation(
            summary = "Announce overdue fees now",
            description =
                    "Finance staff only; no body. Does now what the hourly overdue sweep does:"
                        + " every unpaid invoice (OPEN, PARTIALLY_PAID) whose due date plus the"
                        + " grace period is past and that was not announced yet is announced, once"
                        + " (fee.overdue on finance.fees, which membership acts on by the council's"
                        + " policy). Safe to repeat. 200 {asOf, announced (by this run), overdue"
                        + " (every invoice overdue today, announced before or now)}.")
    @PostMapping("/overdue-runs")
    OverdueRun overdueRun(Caller caller) {
        FeeAccess.checkMayRecord(caller);
        LocalDate today = invoicing.today();
        int announced = overdue.sweep(today);
        return new OverdueRun(
                today, announced, fees.count(null, null, null, overdue.overdueIfDueBefore(today)));
    }

    /** What a run of the overdue sweep by hand did. */
    record OverdueRun(LocalDate asOf, int announced, long overdue) {}

    @Operation(
            summary = "The fee schedules finance holds",
            description =
                    "Finance staff and managers: each fee year's schedule as read from the"
                            + " council's resolution, newest year first.")
    @GetMapping("/schedules")
    List<ScheduleView> schedules(Caller caller) {
        FeeAccess.checkMayReadSchedules(caller);
        return fees.schedules().stream().map(ScheduleView::of).toList();
    }

    private static <T> T ledgerCall(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (LedgerViolation violation) {
            throw ProblemException.unprocessable(violation.code(), violation.getMessage());
        } catch (LedgerContentionException busy) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "ledger-busy", "1");
        }
    }

    private static String key(String headerKey, String reference) {
        String key =
                headerKey != null && !headerKey.isBlank()
                        ? headerKey
                        : reference != null && !reference.isBlank()
                                ? "reference:" + reference
                                : null;
        if (key == null) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "payment-key-required");
        }
        if (!key.matches(KEY) && !key.startsWith("reference:")) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "payment-key-invalid");
        }
        return key;
    }

    private static InvoiceStatus status(String status) {
        try {
            return InvoiceStatus.valueOf(status.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "invoice-status-invalid", status);
        }
    }

    private static ProblemException notFound(String id) {
        return new ProblemException(HttpStatus.NOT_FOUND, "fee-invoice-not-found", id);
    }
}
