package coop.cluster.finance.report.web;

import coop.cluster.finance.report.Reports;
import coop.cluster.finance.report.domain.ReportPeriod;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The cluster's published reports for its public page, to anyone, without a token: the cluster
 * publishes its accounts' reports, and a published report is frozen and final for its revision.
 * Drafts (unpublished periods) never: 404 {@code report-not-published}, as for a member. A report
 * reads exactly as a member reads it from {@code GET /api/finance/reports/{periodId}} (same
 * formats, languages and errors: {@link ReportResponses}).
 */
@RestController
@Validated
@RequestMapping("/api/public/reports")
class PublicReportController {

    private final Reports reports;
    private final ReportResponses responses;

    PublicReportController(Reports reports, ReportResponses responses) {
        this.reports = reports;
        this.responses = responses;
    }

    @Operation(
            summary = "The published reports, for the public page",
            description =
                    "Anyone, no token needed. Newest period first, page (from 0) of size 1 to 100"
                        + " (default 20): period id, kind (MONTH, QUARTER, YEAR), its first and"
                        + " last day, revision, whether the period was sealed, when published, and"
                        + " links to each format of the public report.")
    @SecurityRequirements
    @GetMapping
    Page list(
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(ReportController.MAX_PAGE) int size) {
        List<Item> items = reports.published(page, size).stream().map(Item::of).toList();
        return new Page(items, page, size, reports.publishedCount());
    }

    @Operation(
            summary = "A published report, for the public page",
            description =
                    "Anyone, no token needed. The published report of a period exactly as members"
                        + " read it at GET /api/finance/reports/{periodId}:"
                        + " ?format=json|csv|html|pdf or the Accept header (JSON by default and for"
                        + " */*; 406 report-format-not-acceptable when it names none of them),"
                        + " ?lang=en|fr or Accept-Language. A period not published is 404"
                        + " report-not-published (drafts are never public); 400"
                        + " report-period-invalid, report-format-unsupported,"
                        + " report-language-unsupported.")
    @SecurityRequirements
    @GetMapping("/{periodId}")
    ResponseEntity<?> report(
            @PathVariable String periodId,
            @RequestParam(required = false) String format,
            @RequestParam(required = false) String lang,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        return responses.render(periodId, false, format, lang, accept);
    }

    /** A page of published reports: the same shape as {@code GET /api/finance/reports}. */
    record Page(List<Item> items, int page, int size, long totalElements) {}

    /** One published report; its links are the public ones. */
    record Item(
            String periodId,
            String kind,
            LocalDate from,
            LocalDate to,
            int revision,
            boolean sealed,
            Instant publishedAt,
            Map<String, String> links) {

        static Item of(Reports.Summary summary) {
            ReportPeriod period = ReportPeriod.parse(summary.periodId());
            String base = "/api/public/reports/" + summary.periodId();
            return new Item(
                    summary.periodId(),
                    period.kind().name(),
                    period.from(),
                    period.to(),
                    summary.revision(),
                    summary.sealed(),
                    summary.publishedAt(),
                    Map.of(
                            "json",
                            base,
                            "csv",
                            base + "?format=csv",
                            "html",
                            base + "?format=html",
                            "pdf",
                            base + "?format=pdf"));
        }
    }
}
