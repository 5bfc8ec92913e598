package coop.cluster.web.reports;

import coop.cluster.web.finance.Listing;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * finance-service's public reports through the gateway: the published ones (every signed-in
 * person), a period's report (finance and managers also read the live draft), publication
 * (finance), and the report in a download format, streamed by the console so that no link carries a
 * token.
 */
@Component
public class ReportsApi {

    /** The formats the API offers, in the order the pages list them. */
    public static final List<String> FORMATS = List.of("pdf", "csv", "html", "json");

    private final RestClient api;

    ReportsApi(RestClient gatewayApi) {
        this.api = gatewayApi;
    }

    /** {@code GET /api/finance/reports?page=&size=}: the published reports, newest period first. */
    public Listing<Published> published(int page, int size) {
        Published.Page answer =
                api.get()
                        .uri("/api/finance/reports?page={page}&size={size}", page, size)
                        .retrieve()
                        .body(new ParameterizedTypeReference<Published.Page>() {});
        return answer == null
                ? new Listing<>(List.of(), page, size, 0)
                : new Listing<>(
                        answer.items(), answer.page(), answer.size(), answer.totalElements());
    }

    /**
     * {@code GET /api/finance/reports/{periodId}} in JSON: published, or the live draft (finance,
     * managers).
     */
    public Report report(String periodId) {
        return api.get()
                .uri("/api/finance/reports/{id}?format=json", periodId)
                .retrieve()
                .body(Report.class);
    }

    /** {@code POST /api/finance/reports/{periodId}/publication}. */
    public Report publish(String periodId) {
        return api.post()
                .uri("/api/finance/reports/{id}/publication", periodId)
                .retrieve()
                .body(Report.class);
    }

    /**
     * {@code GET /api/finance/reports/{periodId}?format=&lang=}: the answer's status, headers and
     * body handed to {@code copy} as they come (the body is not held in memory).
     */
    public <T> T download(String periodId, String format, String lang, Function<Download, T> copy) {
        return api.get()
                .uri(
                        "/api/finance/reports/{id}?format={format}&lang={lang}",
                        periodId,
                        format,
                        lang)
                .exchange(
                        (request, response) ->
                                copy.apply(
                                        new Download(
                                                response.getStatusCode(),
                                                response.getHeaders(),
                                                response.getBody())),
                        true);
    }

    public record Download(HttpStatusCode status, HttpHeaders headers, java.io.InputStream body) {}

    public record Published(String periodId, int revision, boolean sealed, Instant publishedAt) {

        record Page(List<Published> items, int page, int size, long totalElements) {}
    }

    public record Report(
            String periodId,
            String kind,
            LocalDate from,
            LocalDate to,
            String currency,
            String status,
            Seal seal,
            Instant generatedAt,
            Instant publishedAt,
            int revision,
            Income income,
            Expenses expenses,
            Balance balance,
            List<ProjectLine> projects,
            InKind inKind) {

        public boolean published() {
            return "published".equals(status);
        }
    }

    public record Seal(boolean sealed, String hash, String previousHash, Instant closedAt) {}

    public record Income(
            BigDecimal membershipFees,
            List<Line> donations,
            BigDecimal donationsTotal,
            List<GrantLine> grants,
            BigDecimal grantsTotal,
            BigDecimal total) {}

    public record Line(String code, String key, BigDecimal amount) {}

    public record GrantLine(
            String code, String programme, BigDecimal amount, List<Line> projects) {}

    public record Expenses(List<CategoryLine> categories, BigDecimal total) {}

    public record CategoryLine(String category, String code, BigDecimal amount) {}

    public record Balance(
            BigDecimal bankOpening,
            BigDecimal bankClosing,
            BigDecimal income,
            BigDecimal expenses,
            BigDecimal netResult) {}

    public record ProjectLine(
            String project,
            String title,
            boolean budgeted,
            BigDecimal pledged,
            BigDecimal received,
            BigDecimal receivedToDate,
            BigDecimal spent,
            BigDecimal spentToDate) {}

    public record InKind(List<InKindLine> lines, BigDecimal total) {}

    public record InKindLine(String kind, String id, String code, BigDecimal amount) {}
}
