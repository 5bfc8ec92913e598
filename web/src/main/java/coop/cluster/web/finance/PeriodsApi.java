package coop.cluster.web.finance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * finance-service's periods through the gateway: closings and their seals, the chain's
 * verification.
 */
@Component
public class PeriodsApi {

    private final RestClient api;

    PeriodsApi(RestClient gatewayApi) {
        this.api = gatewayApi;
    }

    /** {@code GET /api/finance/periods?page=&size=}: the closed periods, oldest first. */
    public Closings list(int page, int size) {
        return api.get()
                .uri("/api/finance/periods?page={page}&size={size}", page, size)
                .retrieve()
                .body(Closings.class);
    }

    /** {@code GET /api/finance/periods/{id}}: CLOSED, COVERED or OPEN. */
    public Period one(String id) {
        return api.get().uri("/api/finance/periods/{id}", id).retrieve().body(Period.class);
    }

    /** {@code POST /api/finance/periods/{id}/close}: closes and seals. */
    public Period close(String id) {
        return api.post().uri("/api/finance/periods/{id}/close", id).retrieve().body(Period.class);
    }

    /** {@code GET /api/finance/periods/verify}: the seal chain recomputed from the journal. */
    public Verification verify() {
        return api.get().uri("/api/finance/periods/verify").retrieve().body(Verification.class);
    }

    public record Closings(
            List<Period> periods, int page, int size, long total, LocalDate closedThrough) {
        public Closings {
            periods = periods == null ? List.of() : List.copyOf(periods);
        }
    }

    public record Period(
            String periodId,
            String status,
            LocalDate from,
            LocalDate to,
            Seal seal,
            Long sequence,
            Instant closedAt,
            String closedBy,
            String coveredBy) {}

    public record Seal(
            String hash,
            String previousHash,
            int entryCount,
            long firstSequence,
            long lastSequence) {}

    public record Verification(boolean valid, int periodsChecked, Break firstBreak) {}

    public record Break(
            String periodId,
            String expectedHash,
            String storedHash,
            String reason,
            String detail) {}
}
