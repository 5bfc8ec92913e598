package coop.cluster.web.finance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.multipart.MultipartFile;

/**
 * finance-service's bank reconciliation through the gateway: statements imported, matched, checked.
 */
@Component
public class ReconciliationApi {

    private final RestClient api;

    ReconciliationApi(RestClient gatewayApi) {
        this.api = gatewayApi;
    }

    /**
     * {@code GET /api/finance/reconciliation/statements?page=&size=}: the latest imported first.
     */
    public Listing<StatementSummary> list(int page, int size) {
        return api.get()
                .uri("/api/finance/reconciliation/statements?page={page}&size={size}", page, size)
                .retrieve()
                .body(new ParameterizedTypeReference<Listing<StatementSummary>>() {});
    }

    public Statement one(String id) {
        return api.get()
                .uri("/api/finance/reconciliation/statements/{id}", id)
                .retrieve()
                .body(Statement.class);
    }

    /** {@code POST .../statements/{id}/matching}: matches again against the ledger as it is now. */
    public Statement match(String id) {
        return api.post()
                .uri("/api/finance/reconciliation/statements/{id}/matching", id)
                .retrieve()
                .body(Statement.class);
    }

    /**
     * {@code POST /api/finance/reconciliation/statements} as {@code multipart/form-data}: the file
     * as the part {@code file} with its name (the API tells camt.053 from CSV by {@code
     * .xml}/{@code .csv}), and the CSV's parameters as form fields.
     */
    public Imported upload(MultipartFile file, Map<String, String> fields) {
        byte[] bytes;
        try {
            bytes = file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name =
                file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()
                        ? "statement"
                        : file.getOriginalFilename();
        HttpHeaders part = new HttpHeaders();
        part.setContentType(
                file.getContentType() == null
                        ? MediaType.APPLICATION_OCTET_STREAM
                        : MediaType.parseMediaType(file.getContentType()));
        part.setContentDispositionFormData("file", name);
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add(
                "file",
                new HttpEntity<>(
                        new ByteArrayResource(bytes) {
                            @Override
                            public String getFilename() {
                                return name;
                            }
                        },
                        part));
        fields.forEach(
                (field, value) -> {
                    if (value != null && !value.isBlank()) {
                        parts.add(field, value.strip());
                    }
                });
        return api.post()
                .uri("/api/finance/reconciliation/statements")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(parts)
                .retrieve()
                .body(Imported.class);
    }

    /**
     * What an import answered: one statement ({@code id}) or, for a file of several, {@code
     * statements}.
     */
    public record Imported(String id, List<Imported> statements) {

        public String first() {
            if (id != null) {
                return id;
            }
            return statements == null || statements.isEmpty() ? null : statements.getFirst().id();
        }
    }

    public record StatementSummary(
            String id,
            String format,
            String statementId,
            String account,
            String currency,
            LocalDate from,
            LocalDate to,
            BigDecimal closingBalance,
            Instant importedAt,
            int lines,
            int matchedLines,
            int unmatchedEntries,
            boolean balanceAgrees) {

        public int unmatchedLines() {
            return lines - matchedLines;
        }

        /**
         * Whether something is left to look at: a line or an entry without its match, or balances
         * that differ.
         */
        public boolean hasGaps() {
            return unmatchedLines() > 0 || unmatchedEntries > 0 || !balanceAgrees;
        }
    }

    public record Statement(
            String id,
            String format,
            String statementId,
            String account,
            String currency,
            BigDecimal openingBalance,
            BigDecimal closingBalance,
            LocalDate from,
            LocalDate to,
            Instant importedAt,
            Instant matchedAt,
            Summary summary,
            BalanceCheck balanceCheck,
            List<Line> lines,
            List<LedgerMovement> unmatchedEntries) {
        public Statement {
            lines = lines == null ? List.of() : List.copyOf(lines);
            unmatchedEntries = unmatchedEntries == null ? List.of() : List.copyOf(unmatchedEntries);
        }
    }

    public record Summary(int lines, int matchedLines, int unmatchedLines, int unmatchedEntries) {}

    public record BalanceCheck(
            LocalDate asOf,
            BigDecimal ledgerBalance,
            BigDecimal statementBalance,
            BigDecimal difference,
            boolean agrees,
            List<Difference> differences,
            BigDecimal unexplained) {
        public BalanceCheck {
            differences = differences == null ? List.of() : List.copyOf(differences);
        }
    }

    public record Difference(
            String kind,
            BigDecimal amount,
            Integer line,
            LocalDate bookingDate,
            Long entrySequence,
            LocalDate entryDate,
            String otherStatementId,
            Integer otherLine) {}

    public record Line(
            int line,
            LocalDate bookingDate,
            BigDecimal amount,
            String reference,
            String counterparty,
            String status,
            String matchedBy,
            List<MatchedEntry> entries) {
        public Line {
            entries = entries == null ? List.of() : List.copyOf(entries);
        }

        public boolean matched() {
            return "MATCHED".equals(status);
        }
    }

    public record MatchedEntry(
            long entrySequence, LocalDate entryDate, BigDecimal amount, String matchedBy) {}

    public record LedgerMovement(
            long sequence, LocalDate date, BigDecimal amount, String description) {}
}
