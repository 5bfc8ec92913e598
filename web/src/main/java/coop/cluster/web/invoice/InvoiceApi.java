package coop.cluster.web.invoice;

import coop.cluster.web.api.ClusterApi;
import coop.cluster.web.home.ListAnswer;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * finance-service's fee invoices through the gateway: a member's users see their own
 * organisation's.
 */
@Component
public class InvoiceApi {

    private final RestClient api;

    InvoiceApi(RestClient gatewayApi) {
        this.api = gatewayApi;
    }

    /** {@code GET /api/finance/fees/invoices?status=&page=&size=}: newest fee year first. */
    public ClusterApi.Page<Invoice> invoices(String status, int page, int size) {
        ListAnswer<Invoice> answer =
                api.get()
                        .uri(
                                uri -> {
                                    uri.path("/api/finance/fees/invoices");
                                    if (status != null && !status.isBlank()) {
                                        uri.queryParam("status", status);
                                    }
                                    return uri.queryParam("page", page)
                                            .queryParam("size", size)
                                            .build();
                                })
                        .retrieve()
                        .body(new ParameterizedTypeReference<>() {});
        return answer == null ? ListAnswer.empty() : answer.toPage();
    }

    /**
     * The invoices with something still to pay (open, partly paid, overdue), from the newest 50.
     */
    public List<Invoice> unpaid() {
        return invoices(null, 0, 50).content().stream().filter(Invoice::unpaid).toList();
    }

    public record Invoice(
            String id,
            Integer feeYear,
            String currency,
            BigDecimal grossAmount,
            Exemption exemption,
            BigDecimal amount,
            BigDecimal paidAmount,
            BigDecimal credit,
            BigDecimal amountDue,
            String status,
            Boolean overdue,
            LocalDate invoiceDate,
            LocalDate dueDate,
            List<Payment> payments) {
        public Invoice {
            payments = payments == null ? List.of() : payments;
        }

        public boolean unpaid() {
            return amountDue != null && amountDue.signum() > 0 && !"EXEMPT".equals(status);
        }

        /**
         * Dates as instants at noon UTC, the same day in the console's time zone, for
         * {@code @formats.date}.
         */
        public java.time.Instant invoicedOn() {
            return noon(invoiceDate);
        }

        public java.time.Instant dueOn() {
            return noon(dueDate);
        }

        /** The status shown: overdue first, whatever the payments. */
        public String shownStatus() {
            return Boolean.TRUE.equals(overdue) ? "OVERDUE" : status;
        }
    }

    public record Exemption(BigDecimal amount, BigDecimal percent) {}

    public record Payment(BigDecimal amount, String currency, LocalDate paidOn, String reference) {
        public java.time.Instant paidAt() {
            return noon(paidOn);
        }
    }

    static java.time.Instant noon(LocalDate date) {
        return date == null ? null : date.atTime(12, 0).toInstant(java.time.ZoneOffset.UTC);
    }
}
