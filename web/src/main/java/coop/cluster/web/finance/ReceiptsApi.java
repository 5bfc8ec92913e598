package coop.cluster.web.finance;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * finance-service's receipts through the gateway: donations and grants received, in-kind
 * contributions.
 */
@Component
public class ReceiptsApi {

    /** The kinds, as the API's paths name them. */
    public static final java.util.List<String> KINDS =
            java.util.List.of("donations", "grants", "in-kind");

    private final RestClient api;

    ReceiptsApi(RestClient gatewayApi) {
        this.api = gatewayApi;
    }

    /** {@code GET /api/finance/{donations|grants|in-kind}?page=&size=}, newest first. */
    public Listing<Receipt> list(String kind, int page, int size) {
        return api.get()
                .uri("/api/finance/" + kind + "?page={page}&size={size}", page, size)
                .retrieve()
                .body(new ParameterizedTypeReference<Listing<Receipt>>() {});
    }

    /**
     * {@code POST /api/finance/{donations|grants}} with the form's Idempotency-Key (a second send
     * is a replay).
     */
    public Receipt record(String kind, Map<String, Object> body, String key) {
        return api.post()
                .uri("/api/finance/" + kind)
                .header("Idempotency-Key", key)
                .body(body)
                .retrieve()
                .body(Receipt.class);
    }

    public record Receipt(
            String kind,
            BigDecimal amount,
            String currency,
            LocalDate date,
            String sourceName,
            String programme,
            String description,
            String reference,
            Long sequence,
            Instant recordedAt) {}
}
