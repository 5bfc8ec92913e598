package coop.cluster.web.finance;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * finance-service's expense claims through the gateway: list, submit, approve (four eyes), reject,
 * pay.
 */
@Component
public class ExpensesApi {

    private final RestClient api;

    ExpensesApi(RestClient gatewayApi) {
        this.api = gatewayApi;
    }

    /** {@code GET /api/finance/expenses?state=&page=&size=}, newest first. */
    public Listing<Expense> list(String state, int page, int size) {
        String uri =
                UriComponentsBuilder.fromPath("/api/finance/expenses")
                        .queryParamIfPresent("state", java.util.Optional.ofNullable(state))
                        .queryParam("page", page)
                        .queryParam("size", size)
                        .build()
                        .toUriString();
        return api.get()
                .uri(uri)
                .retrieve()
                .body(new ParameterizedTypeReference<Listing<Expense>>() {});
    }

    public Expense one(String id) {
        return api.get().uri("/api/finance/expenses/{id}", id).retrieve().body(Expense.class);
    }

    /**
     * {@code POST /api/finance/expenses} with an Idempotency-Key, so that a form sent twice submits
     * once.
     */
    public Expense submit(Map<String, Object> body, String key) {
        return api.post()
                .uri("/api/finance/expenses")
                .header("Idempotency-Key", key)
                .body(body)
                .retrieve()
                .body(Expense.class);
    }

    /**
     * {@code POST /api/finance/expenses/{id}/approval}: refused 403 {@code expense-self-approval}
     * to its submitter.
     */
    public Expense approve(String id) {
        return api.post()
                .uri("/api/finance/expenses/{id}/approval", id)
                .body(Map.of())
                .retrieve()
                .body(Expense.class);
    }

    public Expense reject(String id, String reason) {
        return api.post()
                .uri("/api/finance/expenses/{id}/rejection", id)
                .body(Bodies.of("reason", reason))
                .retrieve()
                .body(Expense.class);
    }

    public Expense pay(String id, Map<String, Object> body) {
        return api.post()
                .uri("/api/finance/expenses/{id}/payment", id)
                .body(body)
                .retrieve()
                .body(Expense.class);
    }

    public record Expense(
            String id,
            String state,
            String category,
            BigDecimal amount,
            String currency,
            String receiptReference,
            String payeeName,
            String description,
            String projectId,
            String submittedBy,
            Instant submittedAt,
            String approvedBy,
            Instant approvedAt,
            LocalDate approvalDate,
            Long approvalSequence,
            String rejectedBy,
            String rejectionReason,
            String paidBy,
            LocalDate paymentDate,
            String paymentReference,
            Long paymentSequence) {

        /** Whether this person may approve it: submitted, and by someone else (four eyes). */
        public boolean awaitsApprovalBy(String subject) {
            return "SUBMITTED".equals(state) && subject != null && !subject.equals(submittedBy);
        }
    }
}
