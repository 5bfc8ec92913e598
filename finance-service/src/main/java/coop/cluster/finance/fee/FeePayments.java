package coop.cluster.finance.fee;

import coop.cluster.finance.fee.domain.Invoice;
import coop.cluster.finance.fee.domain.InvoiceBalance;
import coop.cluster.finance.fee.domain.InvoiceStatus;
import coop.cluster.finance.fee.events.FeeInvoiced;
import coop.cluster.finance.fee.events.FeePaid;
import coop.cluster.finance.fee.persistence.FeeInvoiceStore;
import coop.cluster.plumbing.events.EventFactory;
import coop.cluster.plumbing.events.PendingEvent;
import coop.cluster.plumbing.web.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Records payments against fee invoices, correct without transactions:
 *
 * <ol>
 *   <li>the payment's id is derived from the invoice and the caller's idempotency key, so the same
 *       request again finds its payment instead of adding another;
 *   <li>the payment, the invoice's new balance and status, and (when it completes the invoice) the
 *       {@code fee.paid} event go into the invoice document in ONE write, conditional on the
 *       version read and on the payment not being there yet; a lost race reads again and decides
 *       again;
 *   <li>then its ledger entry is posted under {@code fee-payment:<paymentId>}. If the process dies
 *       before that, the same request again (a replay) or the repair sweep posts it; either way the
 *       ledger's idempotency key makes it one entry.
 * </ol>
 */
@Service
public class FeePayments {

    public static final String PAID_METRIC = "cluster.finance.fees.paid";
    public static final String PAYMENTS_METRIC = "cluster.finance.fees.payments";
    static final int MAX_KEY_LENGTH = 100;
    private static final int ATTEMPTS = 20;
    private static final Logger log = LoggerFactory.getLogger(FeePayments.class);

    private final FeeInvoiceStore invoices;
    private final FeeLedger ledger;
    private final EventFactory events;
    private final Clock clock;
    private final Counter paid;
    private final Counter payments;

    FeePayments(
            FeeInvoiceStore invoices,
            FeeLedger ledger,
            EventFactory events,
            Clock clock,
            MeterRegistry meters) {
        this.invoices = invoices;
        this.ledger = ledger;
        this.events = events;
        this.clock = clock;
        this.paid =
                Counter.builder(PAID_METRIC)
                        .description("Fee invoices paid in full")
                        .register(meters);
        this.payments =
                Counter.builder(PAYMENTS_METRIC)
                        .description("Payments recorded against fee invoices")
                        .register(meters);
    }

    /** A payment as asked. */
    public record PaymentRequest(
            String key, BigDecimal amount, String currency, LocalDate paidOn, String reference) {}

    /**
     * The invoice after the payment, the payment, and whether this was a replay of an earlier
     * request.
     */
    public record Recorded(Invoice invoice, Invoice.Payment payment, boolean replayed) {}

    public static String paymentId(String invoiceId, String key) {
        return UUID.nameUUIDFromBytes(
                        ("fee-payment\u0000" + invoiceId + "\u0000" + key)
                                .getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /**
     * Records a payment, or finds it recorded under the same key (a replay: the ledger entry is
     * posted if it was missing).
     *
     * @throws ProblemException 404 {@code fee-invoice-not-found}; 409 {@code payment-key-conflict}
     *     (the key was used for another payment); 422 {@code payment-currency-mismatch}, {@code
     *     invoice-exempt}, {@code payment-amount-not-positive}, {@code payment-amount-too-precise}
     */
    public Recorded record(String invoiceId, PaymentRequest request) {
        String paymentId = paymentId(invoiceId, request.key());
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Invoice invoice = invoices.find(invoiceId).orElseThrow(() -> notFound(invoiceId));
            Optional<Invoice.Payment> earlier = invoice.payment(paymentId);
            if (earlier.isPresent()) {
                if (!earlier.get()
                        .sameAs(
                                request.amount(),
                                request.currency(),
                                request.paidOn(),
                                request.reference())) {
                    throw ProblemException.conflict("payment-key-conflict", request.key());
                }
                ledger.postMissing(invoice);
                return new Recorded(invoices.find(invoiceId).orElse(invoice), earlier.get(), true);
            }
            check(invoice, request);
            // the ledger would refuse the payment's entry after it is recorded: refuse the payment
            // first
            ledger.limits().checkDate(request.paidOn(), "the payment");
            ledger.limits()
                    .checkAmount(
                            coop.cluster.finance.ledger.domain.Money.of(
                                    request.amount(), invoice.amounts().currency()),
                            "the payment");
            InvoiceBalance.Split split = invoice.balance().split(request.amount());
            InvoiceBalance after = invoice.balance().after(split);
            Invoice.Payment payment =
                    new Invoice.Payment(
                            paymentId,
                            request.key(),
                            request.amount().setScale(invoice.amounts().net().scale()),
                            invoice.currency(),
                            request.paidOn(),
                            request.reference(),
                            split.settles(),
                            split.credit(),
                            clock.instant());
            boolean completes = invoice.status().unpaid() && !after.status().unpaid();
            List<PendingEvent> announced =
                    completes
                            ? List.of(
                                    events.create(
                                            FeeInvoiced.AGGREGATE,
                                            invoiceId,
                                            new FeePaid(
                                                    invoiceId,
                                                    invoice.memberId(),
                                                    invoice.feeYear(),
                                                    invoice.currency(),
                                                    after.net().toPlainString(),
                                                    after.settled()
                                                            .add(after.credit())
                                                            .toPlainString(),
                                                    after.credit().toPlainString(),
                                                    after.status().name(),
                                                    request.paidOn(),
                                                    payment.recordedAt())))
                            : List.of();
            if (invoices.addPayment(invoice, payment, after, announced)) {
                payments.increment();
                if (completes) {
                    paid.increment();
                }
                log.info(
                        "Payment {} of {} {} on fee invoice {}: {} settled, {} credit; now {}",
                        paymentId,
                        payment.amount().toPlainString(),
                        payment.currency(),
                        invoiceId,
                        split.settles(),
                        split.credit(),
                        after.status());
                Invoice stored = invoices.find(invoiceId).orElseThrow();
                ledger.postMissing(stored);
                return new Recorded(invoices.find(invoiceId).orElse(stored), payment, false);
            }
        }
        throw ProblemException.conflict("concurrent-update");
    }

    private static void check(Invoice invoice, PaymentRequest request) {
        if (invoice.status() == InvoiceStatus.EXEMPT) {
            throw ProblemException.unprocessable("invoice-exempt", invoice.id());
        }
        if (!invoice.currency().equals(request.currency())) {
            throw ProblemException.unprocessable(
                    "payment-currency-mismatch", request.currency(), invoice.currency());
        }
        if (request.amount().signum() <= 0) {
            throw ProblemException.unprocessable(
                    "payment-amount-not-positive", request.amount().toPlainString());
        }
        int digits = invoice.amounts().net().scale();
        if (request.amount().stripTrailingZeros().scale() > digits) {
            throw ProblemException.unprocessable(
                    "payment-amount-too-precise",
                    request.amount().toPlainString(),
                    invoice.currency(),
                    digits);
        }
    }

    static ProblemException notFound(String invoiceId) {
        return new ProblemException(HttpStatus.NOT_FOUND, "fee-invoice-not-found", invoiceId);
    }
}
